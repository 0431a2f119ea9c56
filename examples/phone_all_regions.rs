//! Parses numbers of every region, for measuring peak memory:
//!
//! ```text
//! cargo build --release --example phone_all_regions
//! /usr/bin/time -v target/release/examples/phone_all_regions MODE [ROUNDS]
//! ```
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
//! ROUNDS (default 1) repeats the work, to show memory does not keep growing.

use sms_preflight::phone::{NumberType, example_number, normalize, supported_regions};

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "full".to_owned());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    if mode == "baseline" {
        println!("baseline: no phone call");
        return;
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
        return;
    }
    let dump = mode == "dump";
    let (validate, format) = match mode.as_str() {
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
    if dump {
        return;
    }
    println!(
        "{mode}: {} regions, {parsed} numbers parsed, {valid} valid",
        regions.len()
    );
}
