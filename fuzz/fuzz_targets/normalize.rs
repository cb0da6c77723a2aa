//! `fingerprint_form` (and the fingerprint keys built on it) on any text: never panics, and the
//! output is words separated by single spaces. (Not checked: that each word is letters and
//! digits only, since the skeleton maps a few letters to `_`, and idempotence, which does not
//! hold; see docs/hardening.md.)
#![no_main]

use chaff::normalize::fingerprint_form;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let form = fingerprint_form(text);
    for word in form.split(' ') {
        if form.is_empty() {
            break;
        }
        assert!(!word.is_empty(), "empty word in {form:?} from {text:?}");
        assert!(!word.contains(char::is_whitespace), "{word:?} from {text:?}");
    }
    let _ = fingerprint_form(&form);
    let _ = chaff::similarity::fingerprint_keys(text);
});
