//! Loaders of the labelled corpora in ../shared/data (see its SOURCES.md), for `chaff train`
//! and `chaff eval`. Native tooling only (feature `tools`).

pub mod grid;
pub mod janitr;
pub mod render;
pub mod tweepfake;
pub mod youtube;
