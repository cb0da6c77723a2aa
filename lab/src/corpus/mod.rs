//! Loaders of the labelled corpora in ../shared/data (see its SOURCES.md), for `chaff-lab train`
//! and `chaff-lab eval`. Native tooling only.

pub mod grid;
pub mod janitr;
pub mod render;
pub mod tweepfake;
pub mod youtube;
