//! `fingerprint_form` (and the fingerprint keys built on it) on any text: never panics, the
//! output is words separated by single spaces, each of letters and digits or the mask token, and
//! it is its own fingerprint form (a second pass changes nothing).
#![no_main]

use chaff::normalize::{fingerprint_form, RANDOM_TOKEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let form = fingerprint_form(text);
    if !form.is_empty() {
        for word in form.split(' ') {
            assert!(
                word == RANDOM_TOKEN || (!word.is_empty() && word.chars().all(char::is_alphanumeric)),
                "word {word:?} in {form:?} from {text:?}"
            );
        }
    }
    assert_eq!(fingerprint_form(&form), form, "a second pass changed the form of {text:?}");
    let _ = chaff::similarity::fingerprint_keys(text);
});
