//! The batch driver of every `--jsonl` mode: one JSON line out for every line in, in input
//! order, computed on `--jobs N` threads, streamed to stdout as it is ready.
//!
//! A mode gives a closure from one input line to one answer ([`Answer`]); the driver reads
//! the input in chunks of whole lines, hands the chunks round-robin to the workers and writes
//! their outputs back in the same round-robin order, so the output is byte-for-byte the one
//! of `--jobs 1`, whatever N. Channels are bounded, so memory stays proportional to a few
//! chunks per worker, not to the input. A line that cannot be read as a request gets
//! `{"line": N, "error": {"kind": "bad_request", "message": ...}}` and the batch goes on;
//! only I/O failures stop it.

use std::io::{self, BufRead, Write};
use std::sync::mpsc;

/// Flags shared by every batch mode.
#[derive(clap::Args, Debug, Clone, Default)]
pub(crate) struct BatchArgs {
    /// Worker threads for --jsonl (default: the available cores). The output is the same,
    /// byte for byte and in input order, for any N.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub jobs: Option<u32>,
    /// With --jsonl: exit with status 1 when any line was answered with an error (a
    /// rejected message or a line that is not a request). Without it, a batch that answered
    /// every line exits 0.
    #[arg(long)]
    pub fail_on_error: bool,
}

impl BatchArgs {
    /// The number of worker threads: `--jobs`, else the available cores.
    pub(crate) fn jobs(&self) -> usize {
        match self.jobs {
            Some(n) => n as usize,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// How one line was answered (what `--fail-on-error` looks at).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    /// The line's result.
    Ok,
    /// An error object for this line (for example the library rejected the message).
    Failed,
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Totals {
    /// Input lines, each answered by one output line.
    pub lines: u64,
    /// Lines answered with an error object (bad requests included).
    pub failed: u64,
}

/// Opens `path` for reading, `-` meaning stdin.
pub(crate) fn open(path: &str) -> Result<Box<dyn BufRead + Send>, String> {
    if path == "-" {
        return Ok(Box::new(io::BufReader::with_capacity(1 << 16, io::stdin())));
    }
    let f = std::fs::File::open(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    Ok(Box::new(io::BufReader::with_capacity(1 << 16, f)))
}

/// Whole input lines, numbered from `first_line`.
struct Chunk {
    first_line: u64,
    data: Vec<u8>,
}

/// The output of one chunk.
struct Done {
    out: Vec<u8>,
    totals: Totals,
}

/// A chunk ends after this many bytes or lines (whichever comes first), or at the end.
const CHUNK_BYTES: usize = 1 << 16;
const CHUNK_LINES: u64 = 256;
/// Chunks queued for each worker and results queued from it.
const QUEUE: usize = 2;

/// Reads the next chunk of whole lines; `None` at the end of the input.
fn read_chunk(reader: &mut impl BufRead, next_line: &mut u64) -> io::Result<Option<Chunk>> {
    let mut data = Vec::new();
    let first_line = *next_line;
    while data.len() < CHUNK_BYTES && *next_line - first_line < CHUNK_LINES {
        if reader.read_until(b'\n', &mut data)? == 0 {
            break;
        }
        *next_line += 1;
    }
    Ok((*next_line > first_line).then_some(Chunk { first_line, data }))
}

/// Answers every line of a chunk.
fn process<F>(chunk: &Chunk, answer: &F) -> io::Result<Done>
where
    F: Fn(&str, &mut Vec<u8>) -> Result<Answer, String>,
{
    let mut out = Vec::with_capacity(chunk.data.len() * 2);
    let mut totals = Totals::default();
    for (i, raw) in chunk.data.split_inclusive(|&b| b == b'\n').enumerate() {
        let line_no = chunk.first_line + i as u64;
        let start = out.len();
        let answered = match std::str::from_utf8(raw) {
            Err(e) => Err(format!("line is not valid UTF-8: {e}")),
            Ok(line) => match line.trim_end_matches(['\n', '\r']) {
                blank if blank.trim().is_empty() => Err("empty line".to_string()),
                line => answer(line, &mut out),
            },
        };
        totals.lines += 1;
        match answered {
            Ok(Answer::Ok) => {}
            Ok(Answer::Failed) => totals.failed += 1,
            Err(message) => {
                totals.failed += 1;
                out.truncate(start);
                let bad = serde_json::json!({
                    "line": line_no,
                    "error": {"kind": "bad_request", "message": message},
                });
                serde_json::to_writer(&mut out, &bad)?;
            }
        }
        out.push(b'\n');
    }
    Ok(Done { out, totals })
}

/// Answers every line of `reader` on `out` with `jobs` worker threads (1: in this thread).
/// `answer` gets the line (UTF-8, without its line break, not blank) and appends one JSON
/// value to the buffer, or says why the line is not a request.
pub(crate) fn answer_lines<F>(
    mut reader: impl BufRead + Send,
    out: &mut impl Write,
    jobs: usize,
    answer: &F,
) -> io::Result<Totals>
where
    F: Fn(&str, &mut Vec<u8>) -> Result<Answer, String> + Sync,
{
    let mut totals = Totals::default();
    let mut next_line = 1;
    if jobs <= 1 {
        while let Some(chunk) = read_chunk(&mut reader, &mut next_line)? {
            let done = process(&chunk, answer)?;
            out.write_all(&done.out)?;
            totals.lines += done.totals.lines;
            totals.failed += done.totals.failed;
        }
        out.flush()?;
        return Ok(totals);
    }
    std::thread::scope(|s| {
        let mut to_workers = Vec::with_capacity(jobs);
        let mut from_workers = Vec::with_capacity(jobs);
        for _ in 0..jobs {
            let (tx_in, rx_in) = mpsc::sync_channel::<Chunk>(QUEUE);
            let (tx_out, rx_out) = mpsc::sync_channel::<io::Result<Done>>(QUEUE);
            s.spawn(move || {
                for chunk in rx_in {
                    if tx_out.send(process(&chunk, answer)).is_err() {
                        break; // the writer stopped
                    }
                }
            });
            to_workers.push(tx_in);
            from_workers.push(rx_out);
        }
        // Chunk k goes to worker k % jobs; the writer collects in the same order.
        let reader = s.spawn(move || -> io::Result<()> {
            let mut k = 0;
            while let Some(chunk) = read_chunk(&mut reader, &mut next_line)? {
                if to_workers[k % jobs].send(chunk).is_err() {
                    break; // the writer stopped
                }
                k += 1;
            }
            Ok(())
        });
        let mut written = Ok(());
        for k in 0.. {
            // Disconnected: the reader is done and this worker has nothing more.
            let Ok(done) = from_workers[k % jobs].recv() else {
                break;
            };
            if let Err(e) = done.and_then(|d| {
                out.write_all(&d.out)?;
                totals.lines += d.totals.lines;
                totals.failed += d.totals.failed;
                Ok(())
            }) {
                written = Err(e);
                break;
            }
        }
        drop(from_workers); // lets the workers, then the reader, stop early on error
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the input reader stopped")));
        written?;
        read?;
        out.flush()?;
        Ok(totals)
    })
}

/// Runs a batch from `path` to stdout; a closed stdout (`| head`) ends it quietly.
pub(crate) fn run<F>(path: &str, jobs: usize, answer: F) -> Result<Totals, String>
where
    F: Fn(&str, &mut Vec<u8>) -> Result<Answer, String> + Sync,
{
    let reader = open(path)?;
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match answer_lines(reader, &mut out, jobs, &answer) {
        Ok(totals) => Ok(totals),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Totals::default()),
        Err(e) => Err(format!("{path}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Echoes the line's length, fails lines that start with `!`, refuses lines with `?`.
    fn echo(line: &str, out: &mut Vec<u8>) -> Result<Answer, String> {
        if line.contains('?') {
            out.extend_from_slice(b"partial output that must be dropped");
            return Err(format!("no {line}"));
        }
        out.extend_from_slice(format!("{{\"len\":{}}}", line.len()).as_bytes());
        Ok(if line.starts_with('!') {
            Answer::Failed
        } else {
            Answer::Ok
        })
    }

    fn run_with(input: &[u8], jobs: usize) -> (String, Totals) {
        let mut out = Vec::new();
        let t = answer_lines(input, &mut out, jobs, &echo).unwrap();
        (String::from_utf8(out).unwrap(), t)
    }

    #[test]
    fn same_bytes_for_every_job_count() {
        let mut input = Vec::new();
        for i in 0..5000 {
            match i % 7 {
                0 => {}
                1 => input.extend_from_slice(b"?bad"),
                2 => input.extend_from_slice(b"!fail\r"),
                3 => input.extend_from_slice(b"\xff\xfe"),
                _ => input.extend_from_slice("x".repeat(1 + i % 300).as_bytes()),
            }
            input.push(b'\n');
        }
        input.extend_from_slice(b"last line without a newline");
        let (one, t1) = run_with(&input, 1);
        assert_eq!(one.lines().count() as u64, t1.lines);
        for jobs in [2, 3, 8] {
            let (many, t) = run_with(&input, jobs);
            assert_eq!(many, one, "jobs {jobs}");
            assert_eq!(t, t1);
        }
        let lines: Vec<&str> = one.lines().collect();
        assert_eq!(lines.len(), 5001);
        assert!(lines[0].contains("empty line") && lines[0].ends_with(r#""line":1}"#));
        assert!(lines[1].contains("no ?bad") && lines[1].ends_with(r#""line":2}"#));
        assert_eq!(lines[2], r#"{"len":5}"#);
        assert!(lines[3].contains("not valid UTF-8") && lines[3].ends_with(r#""line":4}"#));
        assert_eq!(lines[4], r#"{"len":5}"#);
        assert!(!one.contains("partial output"));
        assert_eq!(*lines.last().unwrap(), r#"{"len":27}"#);
        // Blank, bad and invalid UTF-8 lines, and the `!` ones: 4 of every 7.
        assert_eq!((t1.lines, t1.failed), (5001, 4 * 714 + 2));
    }

    #[test]
    fn empty_input_gives_empty_output() {
        for jobs in [1, 4] {
            assert_eq!(run_with(b"", jobs), (String::new(), Totals::default()));
        }
    }

    /// A writer that fails after some bytes, as a closed pipe does.
    struct Closing(usize);
    impl Write for Closing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.0 < buf.len() {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            self.0 -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_output_stops_every_thread() {
        let input = "some line\n".repeat(200_000);
        for jobs in [1, 2, 8] {
            let err = answer_lines(input.as_bytes(), &mut Closing(100_000), jobs, &echo);
            assert_eq!(err.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        }
    }
}
