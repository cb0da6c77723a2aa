//! The model file: a logistic regression's weights with the thresholds calibrated at training
//! time, written by `chaff-lab train` and read once by `assess`.
//!
//! Design: plain text, one feature per line (`family TAB name TAB weight`), so a reviewer can
//! read which words the model learned and a diff of a retrain is meaningful. Parsed into a map
//! from feature key (see `features::feature_key`) to weight; the names are kept only for the
//! word families, which the explanation quotes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::features::{feature_key, BIGRAM, CHARS, STYLE, WORD};
use crate::verdict::Sensitivity;

/// The first line of every model file.
pub const MAGIC: &str = "chaff-ai-model 1";

/// Likelihood thresholds of one sensitivity: at or above `notice` a post gets a notice, at or
/// above `suspect` it is a suspect.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub notice: f32,
    pub suspect: f32,
}

/// The feature keys are already FNV-1a hashes: the map uses them as they are instead of
/// hashing them again with SipHash (half the scoring time went there).
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

#[derive(Debug, Clone)]
pub struct Model {
    pub site: String,
    pub bias: f32,
    pub weights: KeyMap<f32>,
    /// [low, medium, high]
    pub thresholds: [Thresholds; 3],
}

impl Model {
    pub fn thresholds(&self, sensitivity: Sensitivity) -> Thresholds {
        match sensitivity {
            Sensitivity::Low => self.thresholds[0],
            Sensitivity::Medium => self.thresholds[1],
            Sensitivity::High => self.thresholds[2],
        }
    }

    pub fn weight(&self, key: u64) -> f32 {
        self.weights.get(&key).copied().unwrap_or(0.0)
    }
}

fn family_byte(name: &str) -> Option<u8> {
    match name {
        "w" => Some(WORD),
        "b" => Some(BIGRAM),
        "c" => Some(CHARS),
        "s" => Some(STYLE),
        _ => None,
    }
}

const SENSITIVITY_NAMES: [&str; 3] = ["low", "medium", "high"];

/// Reads a model file; every line is checked, so a damaged file fails loudly in the tests
/// rather than scoring quietly wrong.
pub fn parse(text: &str) -> Result<Model, String> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    match lines.next() {
        Some((_, l)) if l.trim() == MAGIC => {}
        _ => {
            return Err(format!(
                "not a chaff model file (first line must be {MAGIC:?})"
            ))
        }
    }
    let mut site = None;
    let mut bias = None;
    let mut thresholds: [Option<Thresholds>; 3] = [None; 3];
    let mut weights = KeyMap::default();
    for (i, line) in lines {
        let at = |what: &str| format!("line {}: {what}", i + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["site", name] => site = Some(name.to_string()),
            ["bias", value] => bias = Some(value.parse::<f32>().map_err(|_| at("bad bias"))?),
            ["threshold", which, notice, suspect] => {
                let slot = SENSITIVITY_NAMES
                    .iter()
                    .position(|s| s == which)
                    .ok_or_else(|| at("unknown sensitivity"))?;
                let notice = notice.parse::<f32>().map_err(|_| at("bad threshold"))?;
                let suspect = suspect.parse::<f32>().map_err(|_| at("bad threshold"))?;
                if !(0.0..=1.0).contains(&notice) || !(notice..=1.0).contains(&suspect) {
                    return Err(at("thresholds must satisfy 0 <= notice <= suspect <= 1"));
                }
                thresholds[slot] = Some(Thresholds { notice, suspect });
            }
            [family, name, weight] => {
                let family = family_byte(family).ok_or_else(|| at("unknown feature family"))?;
                let weight = weight.parse::<f32>().map_err(|_| at("bad weight"))?;
                if !weight.is_finite() {
                    return Err(at("weight is not finite"));
                }
                weights.insert(feature_key(family, name), weight);
            }
            _ => return Err(at("unreadable line")),
        }
    }
    let [low, medium, high] = thresholds;
    Ok(Model {
        site: site.ok_or("no site line")?,
        bias: bias.ok_or("no bias line")?,
        weights,
        thresholds: [
            low.ok_or("no low threshold")?,
            medium.ok_or("no medium threshold")?,
            high.ok_or("no high threshold")?,
        ],
    })
}

/// Writes a model file. `features` are (family byte, name, weight); weights are written with
/// four significant digits, which keeps the files small and changes no score by more than
/// rounding noise.
pub fn write(
    site: &str,
    bias: f32,
    thresholds: [Thresholds; 3],
    features: &[(u8, String, f32)],
    provenance: &str,
) -> String {
    let mut out = String::new();
    for line in provenance.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(MAGIC);
    out.push('\n');
    out.push_str(&format!("site\t{site}\nbias\t{bias:.5}\n"));
    for (name, t) in SENSITIVITY_NAMES.iter().zip(thresholds.iter()) {
        out.push_str(&format!(
            "threshold\t{name}\t{:.5}\t{:.5}\n",
            t.notice, t.suspect
        ));
    }
    for (family, name, weight) in features {
        let family = match *family {
            WORD => "w",
            BIGRAM => "b",
            CHARS => "c",
            _ => "s",
        };
        out.push_str(&format!("{family}\t{name}\t{}\n", short_number(*weight)));
    }
    out
}

fn short_number(x: f32) -> String {
    let s = format!("{:.4e}", x);
    // "1.2340e-1" → parse back and print the shortest plain form with 4 significant digits.
    let rounded: f32 = s.parse().unwrap_or(x);
    let plain = format!("{rounded}");
    if plain.len() <= s.len() {
        plain
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_model_reads_back() {
        let t = Thresholds {
            notice: 0.5,
            suspect: 0.9,
        };
        let text = write(
            "x",
            -1.5,
            [t, t, t],
            &[
                (WORD, "delve".into(), 1.25),
                (BIGRAM, "delve into".into(), 0.5),
            ],
            "test",
        );
        let m = parse(&text).unwrap();
        assert_eq!(m.site, "x");
        assert_eq!(m.bias, -1.5);
        assert_eq!(m.weight(feature_key(WORD, "delve")), 1.25);
        assert_eq!(m.weight(feature_key(BIGRAM, "delve into")), 0.5);
        assert_eq!(m.weight(feature_key(WORD, "into")), 0.0);
    }

    #[test]
    fn damaged_files_are_refused() {
        assert!(parse("hello").is_err());
        assert!(parse(&format!("{MAGIC}\nsite\tx\nbias\tzero\n")).is_err());
        assert!(parse(&format!(
            "{MAGIC}\nsite\tx\nbias\t0\nthreshold\tmedium\t0.9\t0.5\n"
        ))
        .is_err());
        assert!(
            parse(&format!("{MAGIC}\nsite\tx\nbias\t0\n")).is_err(),
            "thresholds are required"
        );
    }
}
