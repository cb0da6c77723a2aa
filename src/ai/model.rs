//! The model file: a logistic regression's weights with the thresholds calibrated at training
//! time, written by `chaff-lab train` and read once by `assess`.
//!
//! Design: plain text, one feature per line (`family TAB name TAB weight`, then `TAB marker` for
//! the words and phrases that published lists of language-model vocabulary name), so a reviewer
//! can read which words the model learned and a diff of a retrain is meaningful. Parsed into a
//! map from feature key (see `features::feature_key`) to weight, and the set of marker keys: only
//! markers are ever quoted to a reader, so a topic word the model happened to learn ("soviet")
//! never appears in an explanation. Thresholds are per length bucket of the author's words
//! (`super::LENGTH_BUCKETS`) and sensitivity; a bucket without thresholds is one the model does
//! not judge, because training could not bound its false alarms there.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::features::{feature_key, BIGRAM, CHARS, RHYTHM, STYLE, WORD};
use super::LENGTH_BUCKETS;
use crate::verdict::Sensitivity;

/// The first line of every model file.
pub const MAGIC: &str = "chaff-ai-model 2";

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

/// Thresholds of every sensitivity [low, medium, high] for one length bucket.
pub type BucketThresholds = [Thresholds; 3];

#[derive(Debug, Clone)]
pub struct Model {
    pub site: String,
    pub bias: f32,
    pub weights: KeyMap<f32>,
    /// Keys of the features that may be quoted to a reader (published marker vocabulary).
    pub markers: KeyMap<()>,
    /// Per length bucket (in `LENGTH_BUCKETS` order); None where the model does not judge.
    pub thresholds: [Option<BucketThresholds>; LENGTH_BUCKETS.len()],
}

impl Model {
    /// The thresholds for a post of length bucket `bucket`, or None when the model does not
    /// judge posts of that length.
    pub fn thresholds(&self, bucket: usize, sensitivity: Sensitivity) -> Option<Thresholds> {
        let slot = match sensitivity {
            Sensitivity::Low => 0,
            Sensitivity::Medium => 1,
            Sensitivity::High => 2,
        };
        self.thresholds.get(bucket).copied().flatten().map(|t| t[slot])
    }

    pub fn weight(&self, key: u64) -> f32 {
        self.weights.get(&key).copied().unwrap_or(0.0)
    }

    pub fn is_marker(&self, key: u64) -> bool {
        self.markers.contains_key(&key)
    }
}

fn family_byte(name: &str) -> Option<u8> {
    match name {
        "w" => Some(WORD),
        "b" => Some(BIGRAM),
        "c" => Some(CHARS),
        "s" => Some(STYLE),
        "f" => Some(RHYTHM),
        _ => None,
    }
}

const SENSITIVITY_NAMES: [&str; 3] = ["low", "medium", "high"];

/// Reads a model file; every line is checked, so a damaged file fails loudly in the tests
/// rather than scoring quietly wrong.
pub fn parse(text: &str) -> Result<Model, String> {
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    match lines.next() {
        Some((_, l)) if l.trim() == MAGIC => {}
        _ => return Err(format!("not a chaff model file of this version (first line must be {MAGIC:?})")),
    }
    let mut site = None;
    let mut bias = None;
    let mut thresholds: [[Option<Thresholds>; 3]; LENGTH_BUCKETS.len()] = [[None; 3]; LENGTH_BUCKETS.len()];
    let mut weights = KeyMap::default();
    let mut markers = KeyMap::default();
    for (i, line) in lines {
        let at = |what: &str| format!("line {}: {what}", i + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["site", name] => site = Some(name.to_string()),
            ["bias", value] => bias = Some(value.parse::<f32>().map_err(|_| at("bad bias"))?),
            ["threshold", bucket, which, notice, suspect] => {
                let bucket =
                    LENGTH_BUCKETS.iter().position(|b| b.name == *bucket).ok_or_else(|| at("unknown length bucket"))?;
                let slot =
                    SENSITIVITY_NAMES.iter().position(|s| s == which).ok_or_else(|| at("unknown sensitivity"))?;
                let notice = notice.parse::<f32>().map_err(|_| at("bad threshold"))?;
                let suspect = suspect.parse::<f32>().map_err(|_| at("bad threshold"))?;
                if !(0.0..=1.0).contains(&notice) || !(notice..=1.0).contains(&suspect) {
                    return Err(at("thresholds must satisfy 0 <= notice <= suspect <= 1"));
                }
                thresholds[bucket][slot] = Some(Thresholds { notice, suspect });
            }
            [family, name, weight, rest @ ..] if rest.is_empty() || rest == ["marker"] => {
                let family = family_byte(family).ok_or_else(|| at("unknown feature family"))?;
                let weight = weight.parse::<f32>().map_err(|_| at("bad weight"))?;
                if !weight.is_finite() {
                    return Err(at("weight is not finite"));
                }
                let key = feature_key(family, name);
                weights.insert(key, weight);
                if !rest.is_empty() {
                    markers.insert(key, ());
                }
            }
            _ => return Err(at("unreadable line")),
        }
    }
    let mut per_bucket = [None; LENGTH_BUCKETS.len()];
    for (bucket, slots) in thresholds.iter().enumerate() {
        per_bucket[bucket] = match slots {
            [Some(low), Some(medium), Some(high)] => Some([*low, *medium, *high]),
            [None, None, None] => None,
            _ => return Err(format!("length bucket {}: thresholds for some sensitivities only", LENGTH_BUCKETS[bucket].name)),
        };
    }
    if per_bucket.iter().all(Option::is_none) {
        return Err("no thresholds: the model would judge nothing".to_string());
    }
    Ok(Model {
        site: site.ok_or("no site line")?,
        bias: bias.ok_or("no bias line")?,
        weights,
        markers,
        thresholds: per_bucket,
    })
}

/// One feature of a model file: family byte, name, weight, and whether it is a quotable marker.
pub struct FeatureLine {
    pub family: u8,
    pub name: String,
    pub weight: f32,
    pub marker: bool,
}

/// Writes a model file. Weights are written with four significant digits, which keeps the files
/// small and changes no score by more than rounding noise.
pub fn write(
    site: &str,
    bias: f32,
    thresholds: &[Option<BucketThresholds>; LENGTH_BUCKETS.len()],
    features: &[FeatureLine],
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
    for (bucket, per_sensitivity) in LENGTH_BUCKETS.iter().zip(thresholds) {
        let Some(per_sensitivity) = per_sensitivity else { continue };
        for (name, t) in SENSITIVITY_NAMES.iter().zip(per_sensitivity) {
            out.push_str(&format!("threshold\t{}\t{name}\t{:.5}\t{:.5}\n", bucket.name, t.notice, t.suspect));
        }
    }
    for f in features {
        let family = match f.family {
            WORD => "w",
            BIGRAM => "b",
            CHARS => "c",
            RHYTHM => "f",
            _ => "s",
        };
        let marker = if f.marker { "\tmarker" } else { "" };
        out.push_str(&format!("{family}\t{}\t{}{marker}\n", f.name, short_number(f.weight)));
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

    fn line(family: u8, name: &str, weight: f32, marker: bool) -> FeatureLine {
        FeatureLine { family, name: name.into(), weight, marker }
    }

    #[test]
    fn a_written_model_reads_back() {
        let t = Thresholds { notice: 0.5, suspect: 0.9 };
        let mut thresholds = [None; LENGTH_BUCKETS.len()];
        thresholds[2] = Some([t, t, t]);
        let text = write(
            "x",
            -1.5,
            &thresholds,
            &[
                line(WORD, "delve", 1.25, true),
                line(BIGRAM, "delve into", 0.5, false),
                line(RHYTHM, "of the _ ,", -0.75, false),
            ],
            "test",
        );
        let m = parse(&text).unwrap();
        assert_eq!(m.site, "x");
        assert_eq!(m.bias, -1.5);
        assert_eq!(m.weight(feature_key(WORD, "delve")), 1.25);
        assert_eq!(m.weight(feature_key(BIGRAM, "delve into")), 0.5);
        assert_eq!(m.weight(feature_key(RHYTHM, "of the _ ,")), -0.75);
        assert_eq!(m.weight(feature_key(WORD, "into")), 0.0);
        assert!(m.is_marker(feature_key(WORD, "delve")));
        assert!(!m.is_marker(feature_key(BIGRAM, "delve into")));
        assert_eq!(m.thresholds(2, Sensitivity::Medium), Some(t));
        assert_eq!(m.thresholds(0, Sensitivity::Medium), None, "a bucket without thresholds is not judged");
    }

    #[test]
    fn damaged_files_are_refused() {
        assert!(parse("hello").is_err());
        assert!(parse(&format!("{MAGIC}\nsite\tx\nbias\tzero\n")).is_err());
        assert!(parse(&format!("{MAGIC}\nsite\tx\nbias\t0\nthreshold\t20-60\tmedium\t0.9\t0.5\n")).is_err());
        assert!(parse(&format!("{MAGIC}\nsite\tx\nbias\t0\n")).is_err(), "thresholds are required");
        assert!(
            parse(&format!("{MAGIC}\nsite\tx\nbias\t0\nthreshold\t20-60\tmedium\t0.5\t0.9\n")).is_err(),
            "a bucket needs every sensitivity"
        );
        assert!(parse(&format!("{MAGIC}\nsite\tx\nbias\t0\nw\tdelve\t1\tquoted\n")).is_err());
    }
}
