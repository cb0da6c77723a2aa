//! Short reactions: the repeats ordinary people make without any campaign behind them.
//!
//! Design: under a music video, dozens of people write "Waka waka", "Is that Megan Fox?" or
//! "Who is still watching in 2015"; in a thread, several reply "Same question here". Those texts
//! are near-copies of each other, and calling them a campaign is the false alarm that costs a
//! reader's trust. What a campaign needs and a reaction lacks is something to promote: a link, a
//! handle to visit, a call to action, or enough words to carry a message. So a text is a short
//! reaction when it is a few words with none of those; the engine then keeps such a cluster at
//! a notice worded as a common reaction, unless the copies came in a burst from several accounts
//! (which is how a campaign repeats even a short slogan).

/// A reaction is at most this many words: a short sentence. A talking point or a spam pitch
/// takes more.
pub const MAX_REACTION_WORDS: usize = 8;

/// Words that ask the reader to do something for the poster: the core of promotional spam
/// ("subscribe", "click", "dm me"). "Check" and "follow" are everyday words ("came here to check
/// the views"); only their promotional phrases count (`CALL_TO_ACTION_PHRASES`).
const CALLS_TO_ACTION: &[&str] = &[
    "subscribe",
    "subscribed",
    "sub4sub",
    "click",
    "visit",
    "join",
    "buy",
    "download",
    "dm",
    "giveaway",
    "promo",
];

/// Pairs of words that ask for the same: "check out my channel", "follow me", "link in bio".
const CALL_TO_ACTION_PHRASES: &[(&str, &str)] = &[
    ("check", "out"),
    ("check", "my"),
    ("follow", "me"),
    ("follow", "my"),
    ("my", "channel"),
    ("my", "profile"),
    ("my", "page"),
    ("in", "bio"),
    ("link", "in"),
];

/// Whether `text` is a short reaction: at most `MAX_REACTION_WORDS` words, no link, no @handle
/// and no call to action.
pub fn is_short_reaction(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_REACTION_WORDS {
        return false;
    }
    let bare: Vec<String> =
        words.iter().map(|w| w.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()).collect();
    let asks = bare.iter().any(|w| CALLS_TO_ACTION.contains(&w.as_str()))
        || bare.windows(2).any(|p| CALL_TO_ACTION_PHRASES.contains(&(p[0].as_str(), p[1].as_str())));
    !asks && words.iter().all(|word| !looks_like_link(&word.to_lowercase()) && !word.starts_with('@'))
}

/// A URL or a bare domain (`bit.ly/x`, `example.com`).
fn looks_like_link(word: &str) -> bool {
    if word.contains("://") || word.starts_with("www.") {
        return true;
    }
    let trimmed = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let host = trimmed.split('/').next().unwrap_or("");
    match host.rsplit_once('.') {
        Some((name, tld)) => {
            !name.is_empty()
                && (2..=6).contains(&tld.len())
                && tld.chars().all(|c| c.is_ascii_alphabetic())
                && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_many_people_write_under_a_video_is_a_reaction() {
        for text in [
            "Waka waka",
            "Is that Megan Fox?",
            "Who is still watching in 2015",
            "Same question here",
            "LOL 😂",
            "just came here to check the views :P",
        ] {
            assert!(is_short_reaction(text), "{text}");
        }
    }

    #[test]
    fn links_handles_and_calls_to_action_are_never_a_reaction() {
        for text in [
            "check out my channel",
            "subscribe to me please",
            "go to bit.ly/3xYz now",
            "https://example.com wow",
            "@winner_bot is legit",
            "follow me for more",
            "visit example.com",
            "link in bio",
            "check my page guys",
        ] {
            assert!(!is_short_reaction(text), "{text}");
        }
    }

    #[test]
    fn a_message_of_many_words_is_not_a_reaction() {
        assert!(!is_short_reaction("this election was stolen and everyone knows it, wake up people"));
        assert!(!is_short_reaction(""));
    }
}
