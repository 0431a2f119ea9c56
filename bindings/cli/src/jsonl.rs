//! The batch driver of every `--jsonl` mode: one JSON line out for every line in, in input
//! order, computed on `--jobs N` threads, streamed to stdout as it is ready.
//!
//! A mode gives a closure from one input line to one answer ([`Answer`]). The input is cut
//! into numbered chunks of whole lines; each of the N threads takes the next chunk (reading it
//! straight into its own buffer, one `read` for many lines), answers its lines into an output
//! buffer and hands it to the output, where chunk k is written only after chunks 0..k. So the
//! output is byte for byte the one of `--jobs 1`, whatever N. No thread only reads or only
//! writes: the thread that completes the next chunk in order writes it (and any that were
//! waiting for it). At most [`window`] chunks are read and not yet written, so memory stays
//! proportional to a few chunks per thread, not to the input. A line that cannot be read as a
//! request gets `{"line": N, "error": {"kind": "bad_request", "message": ...}}` and the batch
//! goes on; only I/O failures stop it.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

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

impl std::ops::AddAssign for Totals {
    fn add_assign(&mut self, other: Totals) {
        self.lines += other.lines;
        self.failed += other.failed;
    }
}

/// Opens `path` for reading, `-` meaning stdin. Unbuffered: the driver reads whole chunks.
pub(crate) fn open(path: &str) -> Result<Box<dyn Read + Send>, String> {
    if path == "-" {
        return Ok(Box::new(io::stdin()));
    }
    let f = std::fs::File::open(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    Ok(Box::new(f))
}

/// A chunk holds at most this many lines, and no more than this many bytes unless its one
/// line is longer. The line cap spreads slow lines (phone numbers, requests) over the
/// threads; the byte cap bounds the memory of long ones.
const CHUNK_LINES: u64 = 256;
const CHUNK_BYTES: usize = 1 << 16;

/// Chunks that may be read and not yet written, for `jobs` threads: enough for one thread to
/// run a few chunks ahead of a slower one.
fn window(jobs: usize) -> usize {
    4 * jobs.max(1)
}

/// Cuts a reader into chunks of whole lines.
struct Chunker<R> {
    reader: R,
    /// Bytes read past the end of the last chunk: the start of the next one (usually part
    /// of a line).
    carry: Vec<u8>,
    /// The number of the next chunk's first line (from 1).
    next_line: u64,
    eof: bool,
}

impl<R: Read> Chunker<R> {
    fn new(reader: R) -> Self {
        Chunker {
            reader,
            carry: Vec::new(),
            next_line: 1,
            eof: false,
        }
    }

    /// Reads the next chunk of whole lines (the last line of the input may lack its line
    /// break) into `buf[..len]` and returns the number of its first line and `len`; `None`
    /// at the end. `buf` is storage, reused from call to call: it only grows (with zeros), so
    /// a read goes straight into it and nothing is cleared.
    fn next_chunk(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<(u64, usize)>> {
        let mut filled = self.carry.len();
        if buf.len() < filled.max(CHUNK_BYTES) {
            buf.resize(filled.max(CHUNK_BYTES), 0);
        }
        buf[..filled].copy_from_slice(&self.carry);
        self.carry.clear();
        let mut lines = 0;
        let mut end = 0; // after the last line of the chunk so far
        let mut scanned = 0;
        'fill: loop {
            for at in memchr::memchr_iter(b'\n', &buf[scanned..filled]) {
                let after = scanned + at + 1;
                if after > CHUNK_BYTES && lines > 0 {
                    break 'fill; // this line does not fit
                }
                (end, lines) = (after, lines + 1);
                if lines == CHUNK_LINES {
                    break 'fill;
                }
            }
            scanned = filled;
            if lines > 0 && filled >= CHUNK_BYTES {
                break; // no further line fits
            }
            if self.eof {
                if filled > end {
                    (end, lines) = (filled, lines + 1); // the last line, without a break
                }
                break;
            }
            // Up to the byte cap, or half as much again for a line longer than the cap.
            let want = CHUNK_BYTES
                .saturating_sub(filled)
                .max(filled / 2)
                .max(1 << 12);
            if buf.len() < filled + want {
                buf.resize(filled + want, 0);
            }
            match self.reader.read(&mut buf[filled..filled + want]) {
                Ok(0) => self.eof = true,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.carry.extend_from_slice(&buf[end..filled]);
        if lines == 0 {
            return Ok(None);
        }
        let first = self.next_line;
        self.next_line += lines;
        Ok(Some((first, end)))
    }
}

/// Answers every line of a chunk (whose first line is number `first_line`) into `out`.
fn process<F>(data: &[u8], first_line: u64, answer: &F, out: &mut Vec<u8>) -> io::Result<Totals>
where
    F: Fn(&str, &mut Vec<u8>) -> Result<Answer, String>,
{
    let mut totals = Totals::default();
    let mut start = 0;
    let ends =
        memchr::memchr_iter(b'\n', data).chain((data.last() != Some(&b'\n')).then_some(data.len()));
    for (i, end) in ends.enumerate() {
        let raw = &data[start..end];
        start = end + 1;
        let line_no = first_line + i as u64;
        let at = out.len();
        let answered = match std::str::from_utf8(raw) {
            Err(e) => Err(format!("line is not valid UTF-8: {e}")),
            Ok(line) => match line.trim_end_matches('\r') {
                blank if blank.trim().is_empty() => Err("empty line".to_string()),
                line => answer(line, out),
            },
        };
        totals.lines += 1;
        match answered {
            Ok(Answer::Ok) => {}
            Ok(Answer::Failed) => totals.failed += 1,
            Err(message) => {
                totals.failed += 1;
                out.truncate(at);
                let bad = serde_json::json!({
                    "line": line_no,
                    "error": {"kind": "bad_request", "message": message},
                });
                serde_json::to_writer(&mut *out, &bad)?;
            }
        }
        out.push(b'\n');
    }
    Ok(totals)
}

/// The input side: the chunker and the number of the next chunk.
struct Input<R> {
    chunker: Chunker<R>,
    seq: u64,
}

/// The output side: answers wait here until every earlier chunk is written.
struct Output<'w, W> {
    out: &'w mut W,
    /// The next chunk to write.
    next: u64,
    /// Chunks answered out of turn, with their totals.
    pending: BTreeMap<u64, (Vec<u8>, Totals)>,
    /// Chunks read and not yet written.
    in_flight: usize,
    /// Threads waiting for room in the window.
    waiting: usize,
    /// Output buffers to reuse.
    spare: Vec<Vec<u8>>,
    totals: Totals,
    /// The first I/O error; it stops the batch.
    error: Option<io::Error>,
}

struct Shared<'w, R, W> {
    input: Mutex<Input<R>>,
    output: Mutex<Output<'w, W>>,
    /// Signalled when chunks were written (room in the window) or the batch stopped.
    room: Condvar,
    stop: AtomicBool,
    window: usize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<R: Read, W: Write> Shared<'_, R, W> {
    fn fail(&self, out: &mut Output<'_, W>, e: io::Error) {
        out.error.get_or_insert(e);
        self.stop.store(true, Ordering::Relaxed);
        self.room.notify_all();
    }

    /// One thread's loop: take the next chunk, answer it, hand it to the output.
    fn work<F>(&self, answer: &F)
    where
        F: Fn(&str, &mut Vec<u8>) -> Result<Answer, String>,
    {
        // A panic in `answer` must not leave the other threads waiting for its chunk: they
        // stop (and the scope then passes the panic on).
        struct StopOnPanic<'a>(&'a AtomicBool, &'a Condvar);
        impl Drop for StopOnPanic<'_> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    self.0.store(true, Ordering::Relaxed);
                    self.1.notify_all();
                }
            }
        }
        let _guard = StopOnPanic(&self.stop, &self.room);
        let mut data = Vec::new();
        loop {
            // A place in the window, and an output buffer.
            let mut buf = {
                let mut out = lock(&self.output);
                while out.in_flight >= self.window && !self.stop.load(Ordering::Relaxed) {
                    out.waiting += 1;
                    // With a timeout: a panicking thread signals without the lock.
                    out = self
                        .room
                        .wait_timeout(out, std::time::Duration::from_millis(50))
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                    out.waiting -= 1;
                }
                if self.stop.load(Ordering::Relaxed) {
                    return;
                }
                out.in_flight += 1;
                out.spare.pop().unwrap_or_default()
            };
            let read = {
                let mut input = lock(&self.input);
                // After a failed read the input is at an unknown place: nothing more may be
                // read from it (another thread would take the next chunk number for a
                // chunk that starts mid-line). `stop` is set before the lock is released.
                if self.stop.load(Ordering::Relaxed) {
                    return;
                }
                let chunk = input.chunker.next_chunk(&mut data);
                if chunk.is_err() {
                    self.stop.store(true, Ordering::Relaxed);
                }
                chunk.map(|chunk| {
                    chunk.map(|(first, len)| {
                        input.seq += 1;
                        (input.seq - 1, first, len)
                    })
                })
            };
            let (seq, first_line, len) = match read {
                Ok(Some(chunk)) => chunk,
                Ok(None) => {
                    let mut out = lock(&self.output);
                    out.in_flight -= 1;
                    self.room.notify_all();
                    return;
                }
                Err(e) => return self.fail(&mut lock(&self.output), e),
            };
            let answered = process(&data[..len], first_line, answer, &mut buf);
            let mut out = lock(&self.output);
            let totals = match answered {
                Ok(totals) => totals,
                Err(e) => return self.fail(&mut out, e),
            };
            out.pending.insert(seq, (buf, totals));
            let mut wrote = false;
            while let Some((mut buf, totals)) = {
                let next = out.next;
                out.pending.remove(&next)
            } {
                if let Err(e) = out.out.write_all(&buf) {
                    return self.fail(&mut out, e);
                }
                out.next += 1;
                out.in_flight -= 1;
                out.totals += totals;
                buf.clear();
                out.spare.push(buf);
                wrote = true;
            }
            if wrote && out.waiting > 0 {
                self.room.notify_all();
            }
        }
    }
}

/// Answers every line of `reader` on `out` with `jobs` threads (this one and `jobs - 1`
/// more). `answer` gets the line (UTF-8, without its line break, not blank) and appends one
/// JSON value to the buffer, or says why the line is not a request.
pub(crate) fn answer_lines<R, W, F>(
    reader: R,
    out: &mut W,
    jobs: usize,
    answer: &F,
) -> io::Result<Totals>
where
    R: Read + Send,
    W: Write + Send,
    F: Fn(&str, &mut Vec<u8>) -> Result<Answer, String> + Sync,
{
    let shared = Shared {
        input: Mutex::new(Input {
            chunker: Chunker::new(reader),
            seq: 0,
        }),
        output: Mutex::new(Output {
            out,
            next: 0,
            pending: BTreeMap::new(),
            in_flight: 0,
            waiting: 0,
            spare: Vec::new(),
            totals: Totals::default(),
            error: None,
        }),
        room: Condvar::new(),
        stop: AtomicBool::new(false),
        window: window(jobs),
    };
    std::thread::scope(|s| {
        for _ in 1..jobs {
            s.spawn(|| shared.work(answer));
        }
        shared.work(answer);
    });
    let output = shared
        .output
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(e) = output.error {
        return Err(e);
    }
    output.out.flush()?;
    Ok(output.totals)
}

/// Runs a batch from `path` to stdout; a closed stdout (`| head`) ends it quietly.
pub(crate) fn run<F>(path: &str, jobs: usize, answer: F) -> Result<Totals, String>
where
    F: Fn(&str, &mut Vec<u8>) -> Result<Answer, String> + Sync,
{
    let reader = open(path)?;
    // Any thread may write, so not a (thread-bound) `StdoutLock`; the chunks are written
    // whole, each ending with a line break.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout());
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

    /// A reader that hands out at most a few bytes a call, as a slow pipe does.
    struct Trickle<'a>(&'a [u8], usize);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.1 = self.1 % 7 + 1;
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Lines around the chunk limits: many short ones (the line cap), lines that end just
    /// before, at and after the byte cap, lines longer than a whole chunk, CR LF, blank.
    fn edge_input() -> Vec<u8> {
        let mut input = Vec::new();
        for i in 0..3000 {
            input.extend_from_slice(match i % 5 {
                0 => b"".as_slice(),
                1 => b"a\r",
                _ => b"bb",
            });
            input.push(b'\n');
        }
        for len in [
            CHUNK_BYTES - 2,
            CHUNK_BYTES - 1,
            CHUNK_BYTES,
            CHUNK_BYTES + 1,
            3 * CHUNK_BYTES + 5,
            10,
            CHUNK_BYTES / 2,
            CHUNK_BYTES / 2,
        ] {
            input.extend(std::iter::repeat_n(b'x', len));
            input.push(b'\n');
        }
        input.extend_from_slice(b"tail without a line break");
        input
    }

    #[test]
    fn chunks_are_whole_numbered_lines_within_the_caps() {
        let input = edge_input();
        for trickle in [false, true] {
            let mut chunker = if trickle {
                Chunker::new(Box::new(Trickle(&input, 0)) as Box<dyn Read>)
            } else {
                Chunker::new(Box::new(&input[..]) as Box<dyn Read>)
            };
            let (mut all, mut storage, mut line) = (Vec::new(), Vec::new(), 1);
            while let Some((first, len)) = chunker.next_chunk(&mut storage).unwrap() {
                let buf = &storage[..len];
                assert_eq!(first, line);
                let lines = buf.split(|&b| b == b'\n').count() as u64
                    - u64::from(buf.last() == Some(&b'\n'));
                assert!((1..=CHUNK_LINES).contains(&lines), "{lines} lines");
                assert!(
                    buf.len() <= CHUNK_BYTES || lines == 1,
                    "{} bytes",
                    buf.len()
                );
                // Whole lines: only the input's last line may lack its break.
                assert!(buf.ends_with(b"\n") || all.len() + buf.len() == input.len());
                line += lines;
                all.extend_from_slice(buf);
            }
            assert_eq!(all, input, "trickle {trickle}");
            assert_eq!(line - 1, 3000 + 8 + 1);
            assert_eq!(chunker.next_chunk(&mut storage).unwrap(), None);
        }
    }

    #[test]
    fn edge_lines_give_the_same_bytes_for_every_job_count() {
        let input = edge_input();
        let (one, t1) = run_with(&input, 1);
        assert_eq!((t1.lines, t1.failed), (3009, 600));
        let lines: Vec<&str> = one.lines().collect();
        assert_eq!(lines[1], r#"{"len":1}"#); // "a\r": the CR is dropped
        assert_eq!(lines[3004], format!("{{\"len\":{}}}", 3 * CHUNK_BYTES + 5));
        assert_eq!(lines[3008], r#"{"len":25}"#);
        for jobs in [2, 3, 8] {
            assert_eq!(run_with(&input, jobs), (one.clone(), t1), "jobs {jobs}");
            let mut out = Vec::new();
            let t = answer_lines(Trickle(&input, 0), &mut out, jobs, &echo).unwrap();
            assert_eq!((String::from_utf8(out).unwrap(), t), (one.clone(), t1));
        }
    }

    #[test]
    fn empty_input_gives_empty_output() {
        for jobs in [1, 4] {
            assert_eq!(run_with(b"", jobs), (String::new(), Totals::default()));
        }
    }

    #[test]
    fn a_panic_in_one_thread_stops_the_others() {
        // Thread after thread would otherwise wait for the chunk that never comes.
        let input = "line\n".repeat(100_000) + "boom\n" + &"line\n".repeat(100_000);
        for jobs in [1, 2, 8] {
            let result = std::panic::catch_unwind(|| {
                answer_lines(input.as_bytes(), &mut io::sink(), jobs, &|line, out| {
                    assert_ne!(line, "boom", "a bug in a mode");
                    echo(line, out)
                })
            });
            assert!(result.is_err(), "jobs {jobs}");
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

    /// A reader that fails once, at the first read past `fail_at`, then reads on.
    struct FailingOnce<'a> {
        data: &'a [u8],
        at: usize,
        fail_at: usize,
        failed: bool,
    }
    impl Read for FailingOnce<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.data.len() - self.at);
            if !self.failed && self.at + n > self.fail_at {
                self.failed = true;
                return Err(io::Error::other("the input failed"));
            }
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    /// A failed read stops the batch with the error, and what was written before it is a
    /// prefix of the right answer: no chunk read after the failure (it would start mid-line
    /// and carry the number of the lost one) is written.
    #[test]
    fn a_failed_read_stops_the_batch_cleanly() {
        let input: String = (0..100_000)
            .map(|i| format!("line number {i:06}\n"))
            .collect();
        let copy = |line: &str, out: &mut Vec<u8>| -> Result<Answer, String> {
            out.extend_from_slice(line.as_bytes());
            Ok(Answer::Ok)
        };
        for jobs in [1, 2, 3, 8] {
            let reader = FailingOnce {
                data: input.as_bytes(),
                at: 0,
                fail_at: 3 * CHUNK_BYTES + 5,
                failed: false,
            };
            let mut out = Vec::new();
            let err = answer_lines(reader, &mut out, jobs, &copy).unwrap_err();
            assert_eq!(err.to_string(), "the input failed", "jobs {jobs}");
            let out = String::from_utf8(out).unwrap();
            assert!(
                input.starts_with(&out),
                "jobs {jobs}: {} bytes out",
                out.len()
            );
            assert!(out.len() < 4 * CHUNK_BYTES, "jobs {jobs}");
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
