//! Loader of the UCI YouTube Spam Collection (../shared/data/youtube_spam, CC BY 4.0; Alberto,
//! Lochter, Almeida 2015): comments on three music videos, spam or legitimate, with author and
//! date. Real comment-spam campaigns with many near-identical copies.
//!
//! Design: the files are RFC 4180 CSV (`COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS`, quoted fields
//! with doubled quotes, line breaks inside quotes), read with the `csv` crate (`csv_reader`):
//! the lab is native tooling, so a dependency here costs the extension nothing.
//! - `text` is the comment as exported: HTML (`<br />`, `<a href>` around links, entities such
//!   as `&#39;`). [`shown_text`] gives what the page showed a reader, which is what chaff meets
//!   in a browser; evaluations use it. It reads the HTML with `chaff_page::fragment_text`, the
//!   lol_html reading and entity decoding that saved pages go through. The U+FEFF export artefact that many rows carry
//!   (SOURCES.md) is left in on purpose, so evaluations see what the normalizer must cope with.

use std::path::Path;

use chaff_page::fragment_text;

use super::csv_reader;

/// The three files of the collection, each with the id of the video its comments are under: PSY's
/// "Gangnam Style", Katy Perry's "Roar" and LMFAO's "Party Rock Anthem", the ids of their official
/// uploads on YouTube (the collection's paper names the videos; the ids are also the ones the
/// comments' own share links carry, "PSY - GANGNAM STYLE (강남스타일) M/V: http://youtu.be/9bZkp7q19f0").
pub const FILES: &[(&str, &str)] = &[
    ("Youtube01-Psy.csv", "9bZkp7q19f0"),
    ("Youtube02-KatyPerry.csv", "CevxZvSJLk8"),
    ("Youtube03-LMFAO.csv", "KQ6zr6kCPj8"),
];

/// One comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub id: String,
    pub author: String,
    /// As exported (`2013-11-07T06:20:48`, no offset); empty on some rows.
    pub date: String,
    pub text: String,
    pub spam: bool,
    /// The file it came from (one video per file).
    pub video: String,
    /// The comment's address as the extension reads it from the page: its time link, relative,
    /// `/watch?v=VIDEO&lc=COMMENT` (src/sites.json, YouTube's `url`).
    pub url: String,
}

/// Reads every comment of the collection under `dir` (the `youtube_spam` directory).
pub fn load(dir: &Path) -> Result<Vec<Comment>, String> {
    let mut comments = Vec::new();
    for (file, video_id) in FILES {
        let path = dir.join(file);
        let raw = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        comments.extend(parse(&raw, file, video_id).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    Ok(comments)
}

/// Parses one file's text; `video` names it in the returned comments, `video_id` is the id of the
/// video they are under.
pub fn parse(raw: &str, video: &str, video_id: &str) -> Result<Vec<Comment>, String> {
    let mut reader = csv_reader(raw, b',');
    let header = reader.headers().map_err(|e| e.to_string())?.clone();
    if header.is_empty() {
        return Err("empty file".to_string());
    }
    let column = |name: &str| header.iter().position(|h| h == name).ok_or(format!("no {name} column"));
    let (id, author, date, content, class) =
        (column("COMMENT_ID")?, column("AUTHOR")?, column("DATE")?, column("CONTENT")?, column("CLASS")?);
    let mut comments = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        let field =
            |i: usize| record.get(i).map(String::from).ok_or(format!("row {}: {} fields", row + 2, record.len()));
        let spam = match field(class)?.trim() {
            "1" => true,
            "0" => false,
            other => return Err(format!("row {}: CLASS {other:?}", row + 2)),
        };
        let id = field(id)?;
        comments.push(Comment {
            url: format!("/watch?v={video_id}&lc={id}"),
            id,
            author: field(author)?,
            date: field(date)?,
            text: field(content)?,
            spam,
            video: video.to_string(),
        });
    }
    Ok(comments)
}

/// The text a reader saw: tags removed (a line break for `<br>`, links as their visible text),
/// the entities of the export decoded, spaces and line breaks as typed (YouTube shows comments
/// pre-wrapped).
pub fn shown_text(html: &str) -> String {
    fragment_text(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_commas_quotes_and_line_breaks() {
        let raw = "COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\r\n\
                   a1,Ann,2013-11-07T06:20:48,\"Hey, check \"\"this\"\"\nout\",1\r\n\
                   b2,Bo,,plain text,0\n";
        let comments = parse(raw, "v", "9bZkp7q19f0").unwrap();
        assert_eq!(comments.len(), 2);
        assert_eq!(comments[0].text, "Hey, check \"this\"\nout");
        assert!(comments[0].spam);
        assert_eq!(comments[1].date, "");
        assert_eq!(comments[1].text, "plain text");
        assert!(!comments[1].spam);
        assert_eq!(comments[1].url, "/watch?v=9bZkp7q19f0&lc=b2");
    }

    #[test]
    fn shown_text_is_what_the_page_showed() {
        assert_eq!(
            shown_text("Tom &amp; Jerry&#39;s <a href=\"http://x.example/a\">x.example/a</a><br />next line &lt;3"),
            "Tom & Jerry's x.example/a\nnext line <3"
        );
        assert_eq!(shown_text("a < b &unknown; c"), "a < b &unknown; c");
    }

    #[test]
    fn a_bad_class_is_an_error() {
        assert!(parse("COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\nx,y,z,w,maybe\n", "v", "9bZkp7q19f0").is_err());
    }
}
