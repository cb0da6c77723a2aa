//! The JSON Lines reader of `chaff score`: `read_post_lines` over any bytes (invalid UTF-8,
//! blank lines, repeated ids, bad JSON), and `parse_post_line` on every line on its own.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut messages = 0usize;
    let read = chaff::post::read_post_lines(data, |message| {
        assert!(message.starts_with("line "), "{message}");
        messages += 1;
    });
    assert!(read.bad_lines <= messages);
    let mut ids = std::collections::HashSet::new();
    for post in &read.posts {
        assert!(!post.id.is_empty());
        assert!(ids.insert(post.id.as_str()), "repeated id {:?} accepted", post.id);
    }
    for line in String::from_utf8_lossy(data).lines() {
        if let Ok(parsed) = chaff::post::parse_post_line(line) {
            assert!(!parsed.post.id.is_empty());
        }
    }
});
