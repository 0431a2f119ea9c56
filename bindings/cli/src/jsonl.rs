//! The batch driver shared by `analyze --jsonl` and `phone --jsonl`: one JSON line out for
//! every line in, in order, so a caller can zip input and output. A line that cannot be
//! read as a request gets `{"line": N, "error": {"kind": "bad_request", "message": ...}}`
//! and the batch goes on; only I/O failures stop it.

use std::io::{self, BufRead, Write};

/// Opens `path` for reading, `-` meaning stdin.
pub(crate) fn open(path: &str) -> Result<Box<dyn BufRead>, String> {
    if path == "-" {
        return Ok(Box::new(io::stdin().lock()));
    }
    let f = std::fs::File::open(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    Ok(Box::new(io::BufReader::with_capacity(1 << 16, f)))
}

/// Answers every line of `reader` on `out`. `answer` gets the line (UTF-8, without its line
/// break, not blank) and appends one JSON value to the buffer, or says why the line is not
/// a request.
pub(crate) fn answer_lines(
    mut reader: impl BufRead,
    out: &mut impl Write,
    mut answer: impl FnMut(&str, &mut Vec<u8>) -> Result<(), String>,
) -> io::Result<()> {
    let (mut buf, mut json) = (Vec::new(), Vec::new());
    let mut line_no = 0usize;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        json.clear();
        let answered = match std::str::from_utf8(&buf) {
            Err(e) => Err(format!("line is not valid UTF-8: {e}")),
            Ok(line) => match line.trim_end_matches(['\n', '\r']) {
                blank if blank.trim().is_empty() => Err("empty line".to_string()),
                line => answer(line, &mut json),
            },
        };
        if let Err(message) = answered {
            json.clear();
            let bad = serde_json::json!({
                "line": line_no,
                "error": {"kind": "bad_request", "message": message},
            });
            serde_json::to_writer(&mut json, &bad)?;
        }
        json.push(b'\n');
        out.write_all(&json)?;
    }
    out.flush()
}

/// Runs a batch from `path` to stdout; a closed stdout (`| head`) ends it quietly.
pub(crate) fn run(
    path: &str,
    answer: impl FnMut(&str, &mut Vec<u8>) -> Result<(), String>,
) -> Result<(), String> {
    let reader = open(path)?;
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match answer_lines(reader, &mut out, answer) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("{path}: {e}")),
    }
}
