//! TweepFake tweets (../shared/data/tweepfake/{train,validation}.csv): human accounts vs bot
//! accounts (GPT-2, RNN, Markov and other 2019 generators).
//!
//! Design: the published train and validation files share all 40 accounts, so a split by
//! tweet rewards memorizing accounts (SOURCES.md). Both files are pooled here and every tweet
//! carries its account (`screen_name`) as its group; `train::in_validation` then splits by
//! account. Text is prepared as X shows it: entities decoded, whitespace collapsed.

use std::path::Path;

use super::grid::csv_records;
use super::render::plain_text;
use crate::train::LabelledText;

pub const FILES: [&str; 2] = ["tweepfake/train.csv", "tweepfake/validation.csv"];

pub fn load(data_dir: &Path) -> Result<Vec<LabelledText>, String> {
    let mut out = Vec::new();
    for file in FILES {
        let path = data_dir.join(file);
        let raw = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let records = csv_records(&raw, b';');
        let header: Vec<&str> = records
            .first()
            .ok_or("empty file")?
            .iter()
            .map(String::as_str)
            .collect();
        if header != ["screen_name", "text", "account.type", "class_type"] {
            return Err(format!("{}: unexpected header {header:?}", path.display()));
        }
        for (i, record) in records.iter().enumerate().skip(1) {
            let [screen_name, text, account_type, _class] = record.as_slice() else {
                return Err(format!(
                    "{}: record {i} has {} fields",
                    path.display(),
                    record.len()
                ));
            };
            let machine = match account_type.as_str() {
                "human" => false,
                "bot" => true,
                other => {
                    return Err(format!(
                        "{}: record {i}: account type {other:?}",
                        path.display()
                    ))
                }
            };
            let text = plain_text(text);
            if text.is_empty() {
                continue;
            }
            out.push(LabelledText {
                text,
                machine,
                group: screen_name.clone(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
