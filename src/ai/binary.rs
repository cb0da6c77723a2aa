//! The model file's binary encoding: the same `Model` as the text file (`model.rs`), in the form
//! the extension and the playground ship and install at start-up.
//!
//! Design: the text file stays the one source (reviewed, diffed, written by `chaff-lab train`);
//! the build derives this encoding from it (`examples/encode-models.rs`), so the two cannot
//! disagree. It exists for the WASM: reading it is a copy of fixed-size records, where the text
//! needs number parsing (the float parser's code and tables weigh ~10 KB gzipped in the content
//! script's module) and a feature-key hash per line, and in the content script it took ~13 ms of
//! the cold start (docs/performance.md). Features are stored by key (the hash of family and
//! name that `assess` looks up), so their names are not in it: the text file is for reading.
//!
//! Layout, little-endian: `MAGIC`; site (u8 length, UTF-8); bias (f32); per length bucket of
//! `LENGTH_BUCKETS`, a presence byte (0 or 1) then, if present, notice and suspect (f32, f32) for
//! low, medium and high; the feature count (u32); then per feature, in increasing key order, key
//! (u64), weight (f32), marker (u8 0 or 1). Every field is checked on reading, as the text parser
//! checks its lines: a damaged file fails loudly instead of scoring quietly wrong.

use super::model::{BucketThresholds, KeyMap, Model, Thresholds};
use super::LENGTH_BUCKETS;

/// The first bytes of every binary model: the encoding, then the text format's version it
/// mirrors (`model::MAGIC`, "chaff-ai-model 2").
pub const MAGIC: &[u8; 8] = b"chaffAI2";

/// The binary form of `model`; the same model always gives the same bytes.
pub fn encode(model: &Model) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + model.weights.len() * 13);
    out.extend_from_slice(MAGIC);
    out.push(u8::try_from(model.site.len()).expect("a site name under 256 bytes"));
    out.extend_from_slice(model.site.as_bytes());
    out.extend_from_slice(&model.bias.to_le_bytes());
    for bucket in &model.thresholds {
        match bucket {
            None => out.push(0),
            Some(per_sensitivity) => {
                out.push(1);
                for t in per_sensitivity {
                    out.extend_from_slice(&t.notice.to_le_bytes());
                    out.extend_from_slice(&t.suspect.to_le_bytes());
                }
            }
        }
    }
    let mut keys: Vec<u64> = model.weights.keys().copied().collect();
    keys.sort_unstable();
    out.extend_from_slice(&u32::try_from(keys.len()).expect("fewer than 2^32 features").to_le_bytes());
    for key in keys {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&model.weights[&key].to_le_bytes());
        out.push(u8::from(model.is_marker(key)));
    }
    out
}

/// Reads what `encode` wrote.
pub fn decode(bytes: &[u8]) -> Result<Model, String> {
    let mut at = Reader { bytes, offset: 0 };
    if at.take(MAGIC.len())? != MAGIC {
        return Err("not a binary chaff model of this version".to_string());
    }
    let site_len = at.u8()? as usize;
    let site = std::str::from_utf8(at.take(site_len)?).map_err(|_| "site name is not UTF-8")?.to_string();
    let bias = at.finite_f32("bias")?;
    let mut thresholds: [Option<BucketThresholds>; LENGTH_BUCKETS.len()] = [None; LENGTH_BUCKETS.len()];
    for (bucket, slot) in thresholds.iter_mut().enumerate() {
        match at.u8()? {
            0 => {}
            1 => {
                let mut per_sensitivity = [Thresholds { notice: 0.0, suspect: 0.0 }; 3];
                for t in &mut per_sensitivity {
                    let (notice, suspect) = (at.finite_f32("threshold")?, at.finite_f32("threshold")?);
                    if !(0.0..=1.0).contains(&notice) || !(notice..=1.0).contains(&suspect) {
                        return Err(format!(
                            "length bucket {}: thresholds must satisfy 0 <= notice <= suspect <= 1",
                            LENGTH_BUCKETS[bucket].name
                        ));
                    }
                    *t = Thresholds { notice, suspect };
                }
                *slot = Some(per_sensitivity);
            }
            _ => return Err("bad threshold presence byte".to_string()),
        }
    }
    if thresholds.iter().all(Option::is_none) {
        return Err("no thresholds: the model would judge nothing".to_string());
    }
    let count = at.u32()? as usize;
    // Checked before reserving: a damaged count must not ask for gigabytes.
    if bytes.len() - at.offset != count * 13 {
        return Err(format!("{count} features announced, {} bytes of them present", bytes.len() - at.offset));
    }
    let mut weights = KeyMap::default();
    let mut markers = KeyMap::default();
    weights.reserve(count);
    let mut previous = None;
    for _ in 0..count {
        let key = at.u64()?;
        if previous.is_some_and(|p| p >= key) {
            return Err("feature keys out of order or repeated".to_string());
        }
        previous = Some(key);
        weights.insert(key, at.finite_f32("weight")?);
        match at.u8()? {
            0 => {}
            1 => {
                markers.insert(key, ());
            }
            _ => return Err("bad marker byte".to_string()),
        }
    }
    Ok(Model { site, bias, weights, markers, thresholds })
}

struct Reader<'a> {
    bytes: &'a [u8],
    offset: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.offset.checked_add(n).filter(|&end| end <= self.bytes.len()).ok_or("the model ends early")?;
        let taken = &self.bytes[self.offset..end];
        self.offset = end;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        Ok(self.take(N)?.try_into().expect("take returns N bytes"))
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    fn finite_f32(&mut self, what: &str) -> Result<f32, String> {
        let value = f32::from_le_bytes(self.array()?);
        if value.is_finite() {
            Ok(value)
        } else {
            Err(format!("{what} is not finite"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ai::model;

    fn shipped() -> [Model; 2] {
        [model::parse(crate::ai::REDDIT_MODEL_FILE).unwrap(), model::parse(crate::ai::X_MODEL_FILE).unwrap()]
    }

    fn same(a: &Model, b: &Model) -> bool {
        a.site == b.site
            && a.bias.to_bits() == b.bias.to_bits()
            && a.thresholds == b.thresholds
            && a.weights.len() == b.weights.len()
            && a.weights.iter().all(|(k, w)| b.weights.get(k).is_some_and(|v| v.to_bits() == w.to_bits()))
            && a.markers.len() == b.markers.len()
            && a.markers.keys().all(|k| b.markers.contains_key(k))
    }

    #[test]
    fn the_shipped_models_read_back_from_their_binary_form_bit_for_bit() {
        for text_model in shipped() {
            let bytes = encode(&text_model);
            assert!(same(&decode(&bytes).unwrap(), &text_model), "{}", text_model.site);
            assert_eq!(encode(&decode(&bytes).unwrap()), bytes, "the encoding is deterministic");
        }
    }

    #[test]
    fn a_damaged_binary_model_is_refused_not_read_wrong() {
        let bytes = encode(&shipped()[0]);
        assert!(decode(&bytes[..bytes.len() - 1]).is_err(), "truncated");
        assert!(decode(&[bytes.as_slice(), &[0]].concat()).is_err(), "trailing byte");
        assert!(decode(b"chaff-ai-model 2\nsite\treddit").is_err(), "the text form");
        let mut bad_bias = bytes.clone();
        let bias_at = MAGIC.len() + 1 + "reddit".len();
        bad_bias[bias_at..bias_at + 4].copy_from_slice(&f32::NAN.to_le_bytes());
        assert_eq!(decode(&bad_bias).unwrap_err(), "bias is not finite");
        let mut bad_marker = bytes.clone();
        *bad_marker.last_mut().unwrap() = 7;
        assert_eq!(decode(&bad_marker).unwrap_err(), "bad marker byte");
    }
}
