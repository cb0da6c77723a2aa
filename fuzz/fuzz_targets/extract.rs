//! Extraction of saved pages: `detect_site` and `extract_posts` for every site on any text.
#![no_main]

use chaff_page::{detect_site, extract_posts, Site};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|html: &str| {
    let _ = detect_site(html);
    for site in Site::ALL {
        if let Ok(posts) = extract_posts(html, site) {
            let mut ids = std::collections::HashSet::new();
            for post in &posts {
                assert!(
                    ids.insert(post.id.as_str()),
                    "{site:?}: id {:?} extracted twice",
                    post.id
                );
            }
        }
    }
});
