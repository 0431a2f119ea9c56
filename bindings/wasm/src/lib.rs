//! WebAssembly bindings of `sms-preflight`: the npm package `sms-preflight`.
//!
//! A thin surface over the core crate; the package's JS wrapper (`js/`) only loads the
//! `.wasm`, picks the UTF-8 or UTF-16 path and turns thrown values into `SmsPreflightError`.
//! Two `.wasm` files come from this crate: the main entry (text only, the core built with
//! `default-features = false`, so without the phone metadata) and, with the cargo feature
//! `full`, the `sms-preflight/full` entry, which adds phone numbers and addresses, the
//! request validator and cost estimates.
//!
//! Every function returns plain JS objects with camelCase keys whose values match the CLI's
//! JSON (`encoding` is `"GSM-7"` or `"UCS-2"`, counts are numbers). Ranges (`start`, `end`)
//! are UTF-16 offsets, so `text.slice(start, end)` is the part; `utf8Start`/`utf8End` are
//! the UTF-8 byte offsets the Rust API reports. Errors are thrown as `{code, message, ...}`.
//!
//! Nothing here may panic: on wasm32 a panic aborts the instance. Inputs that the core
//! rejects come back as errors; the phone engine's known panic is kept out by the core's
//! input check.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod obj;
mod options;
#[cfg(feature = "full")]
mod phone;
#[cfg(feature = "full")]
mod request;
mod text;

pub use text::{analyze, analyze_utf16, count, smart_encode};

#[cfg(feature = "full")]
pub use phone::{classify_address, normalize_phone};
#[cfg(feature = "full")]
pub use request::{estimate_cost, validate};

/// The allocator: lol_alloc's free list instead of the standard library's dlmalloc, for
/// 3.2 KB gzip less in each `.wasm`. Measured in Node on the shared corpus (same process,
/// alternating builds): `count` unchanged (it does not allocate), `analyze` about 6% slower
/// and `smartEncode` about 14% (many small strings), 1 MB and 10 MB texts unchanged.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());
