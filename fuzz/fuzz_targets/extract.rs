//! Extraction of saved pages: `extract_posts` for one site per execution, or `detect_site` and
//! the site it finds (what `chaff scan --site auto` does). Input: one byte choosing the site
//! (`byte % 8`: the seven sites of `Site::ALL` in order, then detection), the page. One site per
//! execution rather than all seven: each walk is a full lol_html pass, so the fuzzer runs about
//! seven times as many inputs in the same time and still reaches every site's handlers.
#![no_main]

use chaff_page::{detect_site, extract_posts, Site};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, page)) = data.split_first() else {
        return;
    };
    let html = String::from_utf8_lossy(page);
    let site = match Site::ALL.get(choice as usize % (Site::ALL.len() + 1)) {
        Some(&site) => site,
        None => match detect_site(&html) {
            Some(site) => site,
            None => return,
        },
    };
    if let Ok(posts) = extract_posts(&html, site) {
        let mut ids = std::collections::HashSet::new();
        for post in &posts {
            assert!(ids.insert(post.id.as_str()), "{site:?}: id {:?} extracted twice", post.id);
            assert_eq!(post.site.as_deref(), Some(site.as_str()));
        }
    }
});
