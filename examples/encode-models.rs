//! Writes the binary form of AI model files (`chaff::ai::binary`), which the extension and the
//! playground ship; the text files stay the source. Run by scripts/build-extension.sh and
//! scripts/build-www.sh:
//!   cargo run --release --example encode-models -- src/ai/model-reddit.txt OUT/model-reddit.bin [IN OUT]...

use std::process::ExitCode;

use chaff::ai::{binary, model};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || !args.len().is_multiple_of(2) {
        eprintln!("usage: encode-models MODEL.txt OUT.bin [MODEL.txt OUT.bin]...");
        return ExitCode::from(2);
    }
    for pair in args.chunks(2) {
        let (input, output) = (&pair[0], &pair[1]);
        let written = std::fs::read_to_string(input)
            .map_err(|e| e.to_string())
            .and_then(|text| model::parse(&text))
            .and_then(|m| std::fs::write(output, binary::encode(&m)).map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!("encode-models: {input}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
