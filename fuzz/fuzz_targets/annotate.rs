//! Annotation of saved pages, plain and inert (the playground's preview), for one site per
//! execution, with a badge for each post the page holds (so badges are placed). Input: one byte
//! of flags (bit 0: suspect or notice; the rest, modulo 7: the site of `Site::ALL`), the reason
//! text, a NUL, the page (so seeds are a flag byte and a page). One site per execution rather
//! than all seven: each site costs three full lol_html passes (extraction, plain, inert).
#![no_main]

use chaff::verdict::{Level, Reason, ReasonKind, Verdict};
use chaff_page::{annotate, annotate_inert, extract_posts, Site};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let rest = String::from_utf8_lossy(rest);
    let (reason, html) = rest.split_once('\0').unwrap_or(("", &rest));
    let level = if flags & 1 == 1 { Level::Suspect } else { Level::Notice };
    let site = Site::ALL[(flags >> 1) as usize % Site::ALL.len()];
    let Ok(posts) = extract_posts(html, site) else { return };
    let verdicts: Vec<Verdict> = posts
        .iter()
        .map(|p| Verdict {
            id: p.id.clone(),
            level,
            score: 0.9,
            ai: 0.1,
            ai_judged: true,
            cluster: None,
            copies: 0,
            authors: 0,
            reasons: vec![Reason { kind: ReasonKind::Duplicate, text: reason.to_string() }],
        })
        .collect();
    let plain = annotate(html, site, &verdicts);
    let inert = annotate_inert(html, site, &verdicts);
    assert_eq!(plain.is_ok(), inert.is_ok());
});
