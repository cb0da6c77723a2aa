//! Loaders of the labelled corpora in ../shared/data (see its SOURCES.md), for `chaff-lab train`
//! and `chaff-lab eval`. Native tooling only.
//!
//! Design: the CSV exports are read by the `csv` crate through [`csv_reader`], one dialect for
//! all of them, and HTML in their text is read by `chaff-page`, the same reader as saved pages.

pub mod glimpse;
pub mod grid;
pub mod janitr;
pub mod l2r;
pub mod render;
pub mod tweepfake;
pub mod youtube;

/// A reader of one CSV export held in memory: RFC 4180 quoting (a quoted field may hold the
/// delimiter, line breaks and doubled quotes), records ended by LF or CRLF, blank lines
/// skipped, the first record the header (a leading byte order mark dropped). Records may differ in length so that each loader reports a wrong field count in
/// its own terms.
pub(crate) fn csv_reader(raw: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(raw.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(raw: &str, delimiter: u8) -> Vec<Vec<String>> {
        let mut reader = csv_reader(raw, delimiter);
        let mut out = vec![reader.headers().unwrap().iter().map(String::from).collect()];
        for record in reader.records() {
            out.push(record.unwrap().iter().map(String::from).collect());
        }
        out
    }

    #[test]
    fn fields_may_quote_delimiters_line_breaks_and_quotes() {
        let r = records("a,b\n\"x, \"\"y\"\"\r\nz\",1\r\nlast,0", b',');
        assert_eq!(r, vec![vec!["a", "b"], vec!["x, \"y\"\r\nz", "1"], vec!["last", "0"]]);
        let r = records("name;text\ndril;\"a; b\"\n", b';');
        assert_eq!(r, vec![vec!["name", "text"], vec!["dril", "a; b"]]);
    }

    #[test]
    fn a_byte_order_mark_and_blank_lines_are_not_data() {
        let r = records("\u{FEFF}ID,CLASS\n\na1,1\n\n", b',');
        assert_eq!(r, vec![vec!["ID", "CLASS"], vec!["a1", "1"]]);
    }
}
