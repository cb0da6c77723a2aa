//! AI-text likelihood. (Interface pinned by the engine; helper B owns the body.)
use crate::verdict::{Level, Sensitivity};

#[derive(Debug, Clone, PartialEq)]
pub struct AiAssessment {
    /// 0..1, higher = more machine-like. Always a number.
    pub likelihood: f32,
    /// False when the model cannot judge (too short, not English): then `level` is Ok.
    pub judged: bool,
    /// The AI-text level at the given sensitivity (thresholds learned at training time).
    pub level: Level,
    /// Content words and phrases that weighed most toward "machine-like", strongest first.
    pub markers: Vec<String>,
}

/// Scores the author's own text of one post (`site`: "reddit", "old-reddit", "x" or None).
pub fn assess(text: &str, site: Option<&str>, sensitivity: Sensitivity) -> AiAssessment {
    let _ = (text, site, sensitivity);
    AiAssessment { likelihood: 0.0, judged: false, level: Level::Ok, markers: Vec::new() }
}
