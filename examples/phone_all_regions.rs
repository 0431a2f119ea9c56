//! Parses numbers of every region, for measuring peak memory and speed, with either engine:
//!
//! ```text
//! cargo build --release --example phone_all_regions                  # fast engine (`phone`)
//! cargo build --release --example phone_all_regions --no-default-features --features phone-lite
//! /usr/bin/time -v target/release/examples/phone_all_regions MODE [ROUNDS] [THREADS]
//! ```
//!
//! `bash scripts/batch_figures.sh phone` runs every mode at 1 and 8 threads with both engines.
//!
//! MODE:
//! * `baseline`: no phone call;
//! * `parse`: the metadata's example numbers of every region and type (parsed
//!   from their national form with the region), then their E.164 form;
//! * `validate`: `parse`, plus `is_valid`, type and region of each;
//! * `full` (default): `validate`, plus the national and international formats,
//!   and parsing those (national with the region, international without).
//!
//! * `dump`: prints the national (with region) and international spellings of
//!   those example numbers, one `input<TAB>region` line each;
//! * `stdin` / `stdin-validate`: normalizes (and validates) such lines from
//!   stdin, so parsing typed numbers of every region is measured without the
//!   formatting that produced them:
//!   `phone_all_regions dump > /tmp/n.tsv; /usr/bin/time -v phone_all_regions stdin < /tmp/n.tsv`.
//!
//! ROUNDS (default 1) repeats the work, to show memory does not keep growing. THREADS
//! (default 1) runs the whole work on that many threads at once (each does all of it), as a
//! multi-threaded service would; the time printed is the wall time of the threads, after
//! the metadata is loaded.

#[cfg(not(any(feature = "phone", feature = "phone-lite")))]
fn main() {
    eprintln!("phone_all_regions needs the `phone` or the `phone-lite` feature");
    std::process::exit(2);
}

#[cfg(any(feature = "phone", feature = "phone-lite"))]
fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "full".to_owned());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let threads: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1).max(1);
    if mode == "dump" || mode == "baseline" || mode.starts_with("stdin") {
        run::work(&mode, rounds);
        return;
    }
    // Load the metadata before the clock starts (the first call that needs it).
    let _ = sms_preflight::phone::supported_regions();
    let start = std::time::Instant::now();
    let counts: Vec<(usize, usize)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| s.spawn(|| run::work(&mode, rounds)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let secs = start.elapsed().as_secs_f64();
    let (parsed, valid) = counts[0];
    let calls = parsed * threads;
    println!(
        "{mode} ({}): {} regions, {parsed} numbers parsed, {valid} valid, per thread; \
         {threads} thread(s), {secs:.3} s, {:.0} numbers/s in all",
        sms_preflight::phone::ENGINE,
        sms_preflight::phone::supported_regions().len(),
        calls as f64 / secs
    );
}

#[cfg(any(feature = "phone", feature = "phone-lite"))]
mod run {
    use sms_preflight::phone::{NumberType, example_number, normalize, supported_regions};

    /// Does the work of MODE, ROUNDS times; returns (numbers parsed, valid) of one round set.
    pub fn work(mode: &str, rounds: usize) -> (usize, usize) {
        if mode == "baseline" {
            println!("baseline: no phone call");
            return (0, 0);
        }
        if mode.starts_with("stdin") {
            let validate = mode == "stdin-validate";
            let (mut parsed, mut valid) = (0usize, 0usize);
            for line in std::io::stdin().lines().map_while(Result::ok) {
                let (input, region) = match line.split_once('\t') {
                    Some((i, "")) => (i, None),
                    Some((i, r)) => (i, Some(r)),
                    None => (line.as_str(), None),
                };
                if let Ok(n) = normalize(input, region) {
                    parsed += 1;
                    if validate {
                        valid += usize::from(n.is_valid());
                    }
                }
            }
            println!("{mode}: {parsed} numbers parsed, {valid} valid");
            return (parsed, valid);
        }
        let dump = mode == "dump";
        let (validate, format) = match mode {
            "parse" => (false, false),
            "validate" => (true, false),
            _ => (true, true),
        };
        let types = [
            NumberType::FixedLine,
            NumberType::Mobile,
            NumberType::TollFree,
            NumberType::PremiumRate,
            NumberType::SharedCost,
            NumberType::Voip,
            NumberType::PersonalNumber,
            NumberType::Pager,
            NumberType::Uan,
            NumberType::Voicemail,
        ];
        let regions = supported_regions();
        let (mut parsed, mut valid) = (0usize, 0usize);
        for _ in 0..rounds {
            for region in &regions {
                for t in types {
                    let Some(n) = example_number(region, t) else {
                        continue;
                    };
                    if dump {
                        println!("{}\t{region}", n.national());
                        println!("{}\t", n.international());
                        continue;
                    }
                    let mut inputs = vec![(n.e164().to_owned(), None)];
                    if format {
                        inputs.push((n.national(), Some(region.as_str())));
                        inputs.push((n.international(), None));
                    }
                    for (input, r) in inputs {
                        if let Ok(m) = normalize(&input, r) {
                            parsed += 1;
                            if validate {
                                valid += usize::from(m.is_valid());
                                let _ = (m.number_type(), m.region());
                            }
                        }
                    }
                }
            }
        }
        (parsed, valid)
    }
}
