//! The count-only path allocates nothing: proven with a counting global allocator.
//!
//! The library is `#![forbid(unsafe_code)]`, but that attribute covers the library crate
//! only: each file in `tests/` is a crate of its own, so this test may implement the (unsafe)
//! `GlobalAlloc` trait. The implementation only forwards to [`System`] and bumps a
//! thread-local counter, so that allocations made by other test threads (the harness, other
//! tests running in parallel) are not counted.
//!
//! What is *not* allocation-free, by design, and therefore not asserted here:
//! - [`count`] with `EncodingRequest::Gsm7` on a text outside the charset: the error lists
//!   every offending character (a `Vec` and a `String` per character);
//! - [`count_utf16`]: it decodes into a `String` it owns (see `count_utf16_allocations`).

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use sms_preflight::{Options, count, count_utf16};

/// Forwards to the system allocator and counts, per thread, every call that obtains memory.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn bump() {
    // `try_with`: the slot may already be gone while a thread is being torn down.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged, so the
// `GlobalAlloc` contract holds exactly as it does for `System`; the counter is a thread-local
// `Cell` with a const initializer, which neither allocates nor re-enters the allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        bump();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        bump();
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made on this thread while `f` runs.
fn allocations<R>(f: impl FnOnce() -> R) -> (usize, R) {
    let before = ALLOCATIONS.with(Cell::get);
    let r = f();
    (ALLOCATIONS.with(Cell::get) - before, r)
}

/// Every option combination that changes the count path (shared with the other tests),
/// with a part limit so the limit check runs too.
fn option_sets() -> Vec<Options> {
    common::all_options()
        .into_iter()
        .map(|o| Options {
            max_parts: Some(10),
            ..o
        })
        .collect()
}

/// Asserts that `count(text, o)` allocates nothing for every option set, and that the
/// counter works at all (a `String` clone is seen).
fn assert_no_alloc(name: &str, text: &str) {
    let (seen, _) = allocations(|| text.to_owned());
    assert!(
        seen >= 1 || text.is_empty(),
        "the counting allocator sees nothing"
    );
    for o in option_sets() {
        let (n, c) = allocations(|| count(text, &o));
        let c = c.unwrap_or_else(|e| panic!("{name}: count failed under {o:?}: {e}"));
        assert_eq!(
            n, 0,
            "{name}: count() allocated {n} time(s) under {o:?} ({} parts)",
            c.parts
        );
    }
}

fn a(n: usize) -> String {
    "a".repeat(n)
}

#[test]
fn counter_counts() {
    let (n, v) = allocations(|| vec![1u8; 64]);
    assert_eq!((n, v.len()), (1, 64));
    // Allocations inside the library are seen too: `analyze` builds a segment list.
    let text = a(400);
    let (n, r) =
        allocations(|| sms_preflight::analyze(&text, &Options::default()).map(|a| a.parts));
    assert_eq!(r.unwrap(), 3);
    assert!(n >= 1, "analyze allocated nothing?");
}

#[test]
fn ascii_single_part() {
    assert_no_alloc("empty", "");
    assert_no_alloc("hello", "Hello, world! Your code is 123456.");
    assert_no_alloc("160", &a(160));
}

#[test]
fn ascii_multipart() {
    assert_no_alloc("161", &a(161));
    assert_no_alloc("307", &a(307));
    let prose = "Everyone has the right to education. Education shall be free. ".repeat(40);
    assert_no_alloc("prose 2.5 KB", &prose);
    assert_no_alloc("CR LF at a boundary", &format!("{}\r\n{}", a(152), a(200)));
}

#[test]
fn ascii_with_escape_characters() {
    assert_no_alloc("single part, escapes", "Price: {10} [EUR] ~ ^ | \\ done");
    assert_no_alloc("80 braces", &"{".repeat(80));
    assert_no_alloc("81 braces", &"{".repeat(81));
    assert_no_alloc("escape straddles 153", &format!("{}{{{}", a(152), a(152)));
    assert_no_alloc("153 brackets", &"]".repeat(153));
    assert_no_alloc("form feed", &format!("{}\u{c}{}", a(152), a(10)));
}

#[test]
fn gsm7_non_ascii() {
    assert_no_alloc("euro straddles 153", &format!("{}€{}", a(152), a(152)));
    assert_no_alloc(
        "accents",
        &"Ça coûte 5€, señor Müller? Ünïcödé ΔΦΓ ".repeat(10),
    );
}

#[test]
fn ucs2() {
    assert_no_alloc("CJK single", &"本日テスト".repeat(10));
    assert_no_alloc("CJK multipart", &"本日テスト".repeat(50));
    assert_no_alloc("emoji straddles 67", &format!("{}😀{}", a(66), a(66)));
    assert_no_alloc(
        "ZWJ family on a boundary",
        &format!("{}👨\u{200d}👩\u{200d}👧\u{200d}👦{}", a(60), a(60)),
    );
    assert_no_alloc("flag on a boundary", &format!("{}🇫🇷{}", a(65), a(65)));
    assert_no_alloc(
        "Devanagari multipart",
        &"सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता ".repeat(8),
    );
    assert_no_alloc("combining marks", &"e\u{301}".repeat(200));
}

#[test]
fn long_texts() {
    let mixed = "Hi 😀 ça va? 本日 {x} € Δ 👍🏽 ".repeat(40_000);
    assert_no_alloc("1 MB mixed", &mixed);
    assert_no_alloc("1 MB ASCII", &"abc def ghi. ".repeat(80_000));
}

#[test]
fn shared_corpus() {
    // Every message of the corpus (the shared one, or the committed sample: see
    // common::corpus_jsonl).
    let (data, _) = common::corpus_jsonl();
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect();
    assert!(texts.len() > 1000);
    for o in option_sets() {
        let (n, parts) = allocations(|| {
            texts
                .iter()
                .map(|t| count(t, &o).map_or(0, |c| c.parts))
                .sum::<usize>()
        });
        assert_eq!(
            n, 0,
            "count() allocated {n} time(s) on the corpus under {o:?}"
        );
        assert!(parts >= texts.len());
    }
}

/// Not a zero-allocation path: documents what `count_utf16` costs. It decodes into one
/// `String` (reserved up front, grown at most a few times for non-ASCII) and, only when
/// there are lone surrogates, one `Vec` of their offsets: a small number of allocations
/// per call, never one per character or per part.
#[test]
fn count_utf16_allocations() {
    let o = Options::default();
    let ascii: Vec<u16> = a(1000).encode_utf16().collect();
    let (n, _) = allocations(|| count_utf16(&ascii, &o));
    assert!(n <= 1, "ASCII: {n}");
    let mixed: Vec<u16> = "Hi 😀 本日 ".repeat(1000).encode_utf16().collect();
    let (n, _) = allocations(|| count_utf16(&mixed, &o));
    assert!(n <= 4, "mixed: {n}");
    let mut lone = mixed.clone();
    lone.extend([0xD800u16, 0x41].repeat(100));
    let (n, _) = allocations(|| count_utf16(&lone, &o));
    assert!(n <= 16, "lone surrogates: {n}");
}
