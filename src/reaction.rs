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
//!
//! A link to the very video a comment sits under promotes nothing: YouTube's share button writes
//! "Title: http://youtu.be/ID" for the video being watched, and people paste it back under that
//! video. Such a link counts as no link, here and in the engine's shared-link test
//! (`links_to_own_video`); a link to any other video or site still does.

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

/// Whether `text`, posted at `post_url`, is a short reaction: at most `MAX_REACTION_WORDS` words,
/// no link (but to the post's own video), no @handle and no call to action.
pub fn is_short_reaction(text: &str, post_url: Option<&str>) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_REACTION_WORDS {
        return false;
    }
    let bare: Vec<String> =
        words.iter().map(|w| w.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()).collect();
    let asks = bare.iter().any(|w| CALLS_TO_ACTION.contains(&w.as_str()))
        || bare.windows(2).any(|p| CALL_TO_ACTION_PHRASES.contains(&(p[0].as_str(), p[1].as_str())));
    !asks
        && words.iter().all(|word| {
            (!looks_like_link(&word.to_lowercase()) || links_to_own_video(word, post_url)) && !word.starts_with('@')
        })
}

/// Whether `link` (a word of a post, punctuation around it allowed) leads to the YouTube video of
/// `post_url`, the address of the post itself (a YouTube comment's is its time link,
/// `/watch?v=ID&lc=COMMENT`, relative as the page writes it). Both sides may be `youtu.be/ID`,
/// `youtube.com/watch?v=ID` or `youtube.com/shorts/ID`, with or without scheme and `www.`/`m.`.
pub fn links_to_own_video(link: &str, post_url: Option<&str>) -> bool {
    match (video_id(link), post_url.and_then(video_id)) {
        (Some(linked), Some(own)) => linked == own,
        _ => false,
    }
}

/// The id of the YouTube video a link or a page address names, if it names one.
fn video_id(link: &str) -> Option<&str> {
    let link = link.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '/' | '-' | '_'));
    let rest = link.split_once("://").map_or(link, |(_, rest)| rest);
    // A relative address (how YouTube's own links are written) is on YouTube.
    let (host, path) = match rest.find('/') {
        Some(0) => ("youtube.com", rest),
        Some(at) => rest.split_at(at),
        None => return None,
    };
    let host = host.to_ascii_lowercase();
    let host = host.trim_start_matches("www.").trim_start_matches("m.");
    let id = match host {
        "youtu.be" => path[1..].split(['?', '#', '/']).next(),
        "youtube.com" => match path.split_once('?') {
            Some(("/watch", query)) => query.split(['&', '#']).find_map(|pair| pair.strip_prefix("v=")),
            _ => path.strip_prefix("/shorts/").and_then(|p| p.split(['?', '#', '/']).next()),
        },
        _ => None,
    }?;
    // Every video id is 11 characters of the URL-safe base64 alphabet.
    (id.len() == 11 && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))).then_some(id)
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
            assert!(is_short_reaction(text, None), "{text}");
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
            assert!(!is_short_reaction(text, None), "{text}");
        }
    }

    #[test]
    fn a_message_of_many_words_is_not_a_reaction() {
        assert!(!is_short_reaction("this election was stolen and everyone knows it, wake up people", None));
        assert!(!is_short_reaction("", None));
    }

    /// Where the YouTube adapter reads a comment's address: its time link, relative.
    const UNDER_GANGNAM_STYLE: Option<&str> = Some("/watch?v=9bZkp7q19f0&lc=UgxPeople0001AaABAg");

    #[test]
    fn sharing_the_video_the_comment_is_under_promotes_nothing() {
        for text in [
            "PSY - GANGNAM STYLE (강남스타일) M/V: http://youtu.be/9bZkp7q19f0",
            "best one https://www.youtube.com/watch?v=9bZkp7q19f0&t=42s",
            "(https://m.youtube.com/shorts/9bZkp7q19f0)",
            "youtube.com/watch?feature=share&v=9bZkp7q19f0 again",
        ] {
            assert!(is_short_reaction(text, UNDER_GANGNAM_STYLE), "{text}");
            assert!(!is_short_reaction(text, None), "without the post's address it is a link: {text}");
        }
    }

    #[test]
    fn a_link_to_another_video_or_site_still_counts() {
        for text in [
            "Katy Perry - Roar (Official): http://youtu.be/CevxZvSJLk8",
            "PSY: http://youtu.be/9bZkp7q19f0 and http://bit.ly/x",
            "lookalike http://youtu.be.example.com/9bZkp7q19f0",
            "shorter id http://youtu.be/9bZkp7q19f",
        ] {
            assert!(!is_short_reaction(text, UNDER_GANGNAM_STYLE), "{text}");
        }
        // Ids are case-sensitive: a different capitalization is a different video.
        assert!(!links_to_own_video("http://youtu.be/9BZKP7Q19F0", UNDER_GANGNAM_STYLE));
        // A post whose address names no video (a Reddit comment) has no own video.
        assert!(!links_to_own_video("http://youtu.be/9bZkp7q19f0", Some("https://www.reddit.com/r/x/comments/1/")));
    }

    #[test]
    fn accounts_sharing_the_video_they_comment_under_are_a_common_reaction_not_a_campaign() {
        use crate::engine::score_thread;
        use crate::post::Post;
        use crate::verdict::{Level, ReasonKind, Settings};
        // Three viewers, days apart, paste YouTube's share text of a video.
        let shares_under = |video: &str| -> Vec<Post> {
            (0..3)
                .map(|i| Post {
                    author: Some(format!("viewer{i}")),
                    created: Some(1_400_000_000 + i * 86_400),
                    site: Some("youtube".to_string()),
                    url: Some(format!("/watch?v={video}&lc=UgxViewer{i}")),
                    ..Post::new(format!("c{i}"), "PSY - GANGNAM STYLE (강남스타일) M/V: http://youtu.be/9bZkp7q19f0")
                })
                .collect()
        };
        for v in score_thread(shares_under("9bZkp7q19f0"), Settings::default()) {
            assert_eq!(v.level, Level::Notice, "under the shared video itself: {v:?}");
            assert!(v.reasons.iter().all(|r| r.kind != ReasonKind::Coordination), "{v:?}");
        }
        for v in score_thread(shares_under("CevxZvSJLk8"), Settings::default()) {
            assert_eq!(v.level, Level::Suspect, "under another video, the link is promoted: {v:?}");
            assert!(v.reasons.iter().any(|r| r.kind == ReasonKind::Coordination), "{v:?}");
        }
    }
}
