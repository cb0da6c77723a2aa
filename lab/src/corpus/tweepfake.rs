//! TweepFake tweets (../shared/data/tweepfake/{train,validation}.csv): human accounts vs bot
//! accounts (GPT-2, RNN, Markov and other 2019 generators).
//!
//! Design: the files are `;`-separated CSV (quoted tweets may hold `;` and line breaks),
//! read with the `csv` crate (`csv_reader`). The published train and validation files share
//! all 40 accounts, so a split by tweet rewards memorizing accounts (SOURCES.md). Both
//! files are pooled here and every tweet carries its account (`screen_name`) as its group;
//! `train::in_validation` then splits by account. Text is prepared as X shows it: emoji
//! restored (the files spell them as `<U+0001F62D>`: 12% of the human tweets, 7% of the
//! bots'), entities decoded, whitespace collapsed.

use std::path::Path;

use super::csv_reader;
use super::render::plain_text;
use crate::train::LabelledText;

pub const FILES: [&str; 2] = ["tweepfake/train.csv", "tweepfake/validation.csv"];

pub fn load(data_dir: &Path) -> Result<Vec<LabelledText>, String> {
    let mut out = Vec::new();
    for file in FILES {
        let path = data_dir.join(file);
        let raw = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut reader = csv_reader(&raw, b';');
        let header: Vec<&str> = reader.headers().map_err(|e| format!("{}: {e}", path.display()))?.iter().collect();
        if header.is_empty() {
            return Err("empty file".to_string());
        }
        if header != ["screen_name", "text", "account.type", "class_type"] {
            return Err(format!("{}: unexpected header {header:?}", path.display()));
        }
        for (i, record) in reader.records().enumerate() {
            let i = i + 1;
            let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
            let fields: Vec<&str> = record.iter().collect();
            let [screen_name, text, account_type, class] = fields.as_slice() else {
                return Err(format!(
                    "{}: record {i} has {} fields",
                    path.display(),
                    record.len()
                ));
            };
            let machine = match *account_type {
                "human" => false,
                "bot" => true,
                other => {
                    return Err(format!(
                        "{}: record {i}: account type {other:?}",
                        path.display()
                    ))
                }
            };
            let text = plain_text(&restore_escaped_characters(text));
            if text.is_empty() {
                continue;
            }
            out.push(LabelledText {
                text,
                machine,
                group: screen_name.to_string(),
                generator: machine.then(|| class.to_string()),
            });
        }
    }
    Ok(out)
}

/// Replaces each `<U+hex>` the export wrote for a character outside its encoding (emoji,
/// mostly) by that character; anything else is kept as it is.
fn restore_escaped_characters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<U+") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        let decoded = after.find('>').and_then(|end| {
            let hex = &after[..end];
            let valid = (4..=8).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit());
            let c = u32::from_str_radix(hex, 16).ok().filter(|_| valid).and_then(char::from_u32)?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("<U+");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_emoji_are_restored_and_other_angle_brackets_kept() {
        assert_eq!(
            restore_escaped_characters("this has already happened <U+0001F62D><U+0001F62D>"),
            "this has already happened 😭😭"
        );
        assert_eq!(restore_escaped_characters("a <U+2764> b"), "a ❤ b");
        assert_eq!(restore_escaped_characters("x <U+zz> <3 <U+12345678> <U+00E9"), "x <U+zz> <3 <U+12345678> <U+00E9");
    }

    #[test]
    fn both_files_are_pooled_with_the_account_as_group() {
        let dir = std::env::temp_dir().join(format!("chaff-tweepfake-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("tweepfake")).unwrap();
        let header = "screen_name;text;account.type;class_type\n";
        std::fs::write(
            dir.join(FILES[0]),
            format!("{header}dril;\"a tweet; with a semicolon\";human;human\n"),
        )
        .unwrap();
        std::fs::write(
            dir.join(FILES[1]),
            format!("{header}dril_gpt2;\"fish &amp; chips\";bot;gpt2\n"),
        )
        .unwrap();
        let texts = load(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let got: Vec<(&str, bool, &str)> = texts
            .iter()
            .map(|t| (t.text.as_str(), t.machine, t.group.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("a tweet; with a semicolon", false, "dril"),
                ("fish & chips", true, "dril_gpt2")
            ]
        );
        let generators: Vec<Option<&str>> = texts.iter().map(|t| t.generator.as_deref()).collect();
        assert_eq!(generators, [None, Some("gpt2")]);
    }
}
