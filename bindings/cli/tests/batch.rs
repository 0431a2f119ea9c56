//! Batch mode end to end: `--jobs N` keeps the order and the bytes, lone surrogates in JSON
//! lines, `count`, exit codes with `--fail-on-error`, and the messages of bad lines.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::run;

use sms_preflight::{Options, analyze_utf16, count_utf16};

fn data(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name);
    p.to_str().unwrap().to_owned()
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

/// The committed corpus sample plus lines that fail, so errors interleave with answers.
fn mixed_batch() -> Vec<u8> {
    let corpus = std::fs::read_to_string(data("corpus_sample.jsonl")).unwrap();
    let mut input = String::new();
    for (i, line) in corpus.lines().enumerate() {
        input.push_str(line);
        input.push('\n');
        match i % 97 {
            3 => input.push_str("not json\n"),
            5 => input.push('\n'),
            7 => input.push_str("{\"id\": \"lone\", \"text\": \"a\\ud800b\"}\n"),
            _ => {}
        }
    }
    input.into_bytes()
}

#[test]
fn jobs_keep_order_and_bytes() {
    let input = mixed_batch();
    let n_lines = input.iter().filter(|&&b| b == b'\n').count();
    let cases: [&[&str]; 4] = [
        &["analyze", "--jsonl", "-"],
        &[
            "analyze",
            "--jsonl",
            "-",
            "--smart",
            "telnyx",
            "--national",
            "all",
        ],
        &["count", "--jsonl", "-"],
        &["count", "--jsonl", "-", "--telnyx", "--encoding", "gsm7"],
    ];
    for args in cases {
        let one = run(&[args, &["--jobs", "1"]].concat(), &input);
        assert!(one.status.success(), "{args:?}");
        let first = lines(&one);
        assert_eq!(first.len(), n_lines, "{args:?}: one line out per line in");
        // Order: the ids come back in input order.
        let corpus = std::fs::read_to_string(data("corpus_sample.jsonl")).unwrap();
        let ids_in: Vec<String> = corpus
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
            .collect();
        let ids_out: Vec<String> = first
            .iter()
            .filter(|v| v["id"].is_string() && v["id"] != "lone")
            .map(|v| v["id"].to_string())
            .collect();
        assert_eq!(ids_out, ids_in, "{args:?}");
        for jobs in ["2", "3", "8"] {
            let many = run(&[args, &["--jobs", jobs]].concat(), &input);
            assert!(many.status.success());
            assert!(
                many.stdout == one.stdout,
                "{args:?} --jobs {jobs}: output differs from --jobs 1"
            );
        }
        // The default (the available cores) too.
        assert!(run(args, &input).stdout == one.stdout, "{args:?}");
    }
}

#[test]
fn phone_jobs_keep_order_and_bytes() {
    let path = data("phone_oracle.jsonl");
    let one = run(&["phone", "--jsonl", &path, "--jobs", "1"], b"");
    assert!(one.status.success());
    let first = lines(&one);
    let oracle = std::fs::read_to_string(&path).unwrap();
    assert_eq!(first.len(), oracle.lines().count());
    for (out, line) in first.iter().zip(oracle.lines()) {
        let want: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(out["input"], want["input"]);
        // Like `phone --json`, every batch answer has its address.
        assert!(out["address"].is_object(), "{out}");
    }
    for jobs in ["2", "5", "16"] {
        let many = run(&["phone", "--jsonl", &path, "--jobs", jobs], b"");
        assert!(many.stdout == one.stdout, "--jobs {jobs}");
    }
}

#[test]
fn lone_surrogates_are_read_as_analyze_utf16_reads_them() {
    let out = run(&["analyze", "--jsonl", "-"], b"\"\\ud800\"\n");
    assert!(out.status.success());
    let got = &lines(&out)[0];
    let mut buf = String::new();
    let want = analyze_utf16(&[0xD800], &mut buf, &Options::default()).unwrap();
    assert_eq!(*got, serde_json::to_value(&want).unwrap());
    assert_eq!(got["non_gsm"][0]["lone_surrogate"], true);
    assert_eq!(got["warnings"][0]["kind"], "lone_surrogates");

    // In an object, between other text, low and high, with a pair that stays a pair.
    let line = r#"{"id": 9, "text": "Hi \udc00 \ud83d\ude00 \ud83d"}"#;
    let out = run(&["analyze", "--jsonl", "-"], line.as_bytes());
    let got = &lines(&out)[0];
    let units: Vec<u16> = "Hi "
        .encode_utf16()
        .chain([0xDC00])
        .chain(" 😀 ".encode_utf16())
        .chain([0xD83D])
        .collect();
    let want = analyze_utf16(&units, &mut buf, &Options::default()).unwrap();
    let mut want = serde_json::to_value(&want).unwrap();
    want.as_object_mut().unwrap().insert("id".into(), 9.into());
    assert_eq!(*got, want);
    let flagged: Vec<bool> = got["non_gsm"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["lone_surrogate"] == true)
        .collect();
    assert_eq!(flagged, [true, false, true]);

    // count: the same figures as count_utf16, and how many were lone.
    let out = run(&["count", "--jsonl", "-"], line.as_bytes());
    let got = &lines(&out)[0];
    let want = count_utf16(&units, &Options::default()).unwrap();
    assert_eq!(got["units"], want.units);
    assert_eq!(got["parts"], want.parts);
    assert_eq!(got["chars"], want.chars);
    assert_eq!(got["lone_surrogates"], 2);
}

#[test]
fn lone_surrogates_are_flagged_with_smart_encoding() {
    // Smart encoding replaces the quotes (one character each, here) and keeps the lone
    // surrogates: the answer is analyze_utf16's of the text it made, at its offsets.
    let line = r#"{"id": 1, "text": "\u201ca\ud800\u201d \udc00 \u2014 \ud83d\ude00"}"#;
    let out = run(
        &["analyze", "--jsonl", "-", "--smart", "telnyx"],
        line.as_bytes(),
    );
    assert!(out.status.success());
    let got = &lines(&out)[0];
    let sent: Vec<u16> = "\"a"
        .encode_utf16()
        .chain([0xD800])
        .chain("\" ".encode_utf16())
        .chain([0xDC00])
        .chain(" - 😀".encode_utf16())
        .collect();
    let mut buf = String::new();
    let want = analyze_utf16(&sent, &mut buf, &Options::default()).unwrap();
    let mut want = serde_json::to_value(&want).unwrap();
    let smart = got["smart_encoding"].clone();
    want.as_object_mut().unwrap().insert("id".into(), 1.into());
    want.as_object_mut()
        .unwrap()
        .insert("smart_encoding".into(), smart.clone());
    assert_eq!(*got, want);
    let flagged = |list: &serde_json::Value| -> Vec<(u64, bool)> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|c| (c["utf16"].as_u64().unwrap(), c["lone_surrogate"] == true))
            .collect()
    };
    assert_eq!(flagged(&got["non_gsm"]), [(2, true), (5, true), (9, false)]);
    assert_eq!(flagged(&smart["still_non_gsm"]), flagged(&got["non_gsm"]));
    assert_eq!(got["warnings"][0]["kind"], "lone_surrogates");
    assert_eq!(smart["replacements"].as_array().unwrap().len(), 3);
    // Without smart encoding, the same line has its quotes and dash, and the same flags.
    let out = run(&["analyze", "--jsonl", "-"], line.as_bytes());
    assert_eq!(
        flagged(&lines(&out)[0]["non_gsm"]),
        [
            (0, false),
            (2, true),
            (3, false),
            (5, true),
            (7, false),
            (9, false)
        ]
    );
    // Under --encoding ucs2 with national tables, `still_non_gsm` is the library's own list
    // (not the analysis's), flagged the same way.
    let out = run(
        &[
            "analyze",
            "--jsonl",
            "-",
            "--smart",
            "telnyx",
            "--encoding",
            "ucs2",
            "--national",
            "all",
        ],
        line.as_bytes(),
    );
    let got = &lines(&out)[0];
    let still = flagged(&got["smart_encoding"]["still_non_gsm"]);
    assert!(
        still.contains(&(2, true)) && still.contains(&(5, true)),
        "{still:?}"
    );
    // count: the same figures as count_utf16 of that text, and how many were lone.
    let out = run(
        &["count", "--jsonl", "-", "--smart", "telnyx"],
        line.as_bytes(),
    );
    let got = &lines(&out)[0];
    let want = count_utf16(&sent, &Options::default()).unwrap();
    assert_eq!(
        (&got["units"], &got["parts"], &got["chars"]),
        (&want.units.into(), &want.parts.into(), &want.chars.into())
    );
    assert_eq!(got["lone_surrogates"], 2);
}

#[test]
fn count_prints_the_summary() {
    let out = run(&["count", "--json", "--", &"a".repeat(161)], b"");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"encoding": "GSM-7", "units": 161, "parts": 2, "remaining": 145,
                           "part_capacity": 153, "chars": 161})
    );
    let out = run(&["count", "Hi 😀 ça va"], b"");
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        s,
        "encoding    UCS-2\nlength      11 UTF-16 units in 1 part\n\
         remaining   59 UTF-16 units left in the one part (capacity 70)\ncharacters  10\n"
    );
    // The options of analyze apply: --encoding gsm7 on an emoji is refused (exit 1).
    let out = run(&["count", "--encoding", "gsm7", "😀"], b"");
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["count", "--smart", "telnyx", "--json", "“hi”"], b"");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["encoding"].as_str(), v["units"].as_u64()),
        (Some("GSM-7"), Some(4))
    );
    assert_eq!(v["smart_encoding"]["replacements"], 2);
    assert_eq!(v["smart_encoding"]["before"]["encoding"], "UCS-2");
}

#[test]
fn batch_exit_codes() {
    let input = b"\"ok\"\n\"\xf0\x9f\x98\x80\"\nnot json\n";
    // Every line answered: exit 0, errors are data.
    let out = run(&["analyze", "--jsonl", "-", "--encoding", "gsm7"], input);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out).len(), 3);
    // --fail-on-error: the same output, exit 1, and a count on stderr.
    for mode in ["analyze", "count"] {
        let out = run(
            &[
                mode,
                "--jsonl",
                "-",
                "--encoding",
                "gsm7",
                "--fail-on-error",
            ],
            input,
        );
        assert_eq!(out.status.code(), Some(1), "{mode}");
        assert_eq!(lines(&out).len(), 3);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("2 of 3 lines answered with an error"), "{err}");
    }
    let out = run(&["count", "--jsonl", "-", "--fail-on-error"], b"\"ok\"\n");
    assert_eq!(out.status.code(), Some(0));
    // phone: a number that is no usable address fails the line.
    let input = b"{\"input\": \"+16502530000\"}\n{\"input\": \"4155552671\"}\n";
    let out = run(&["phone", "--jsonl", "-"], input);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["phone", "--jsonl", "-", "--fail-on-error"], input);
    assert_eq!(out.status.code(), Some(1));
    let v = lines(&out);
    assert_eq!(v[0]["address"]["kind"], "e164");
    assert_eq!(v[1]["address"]["error"]["kind"], "missing_country_code");
    // A file that cannot be opened: exit 2.
    let out = run(&["count", "--jsonl", "/nonexistent/x.jsonl"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn polish() {
    // --max-parts 0 is refused (by the library's `Options::validate`) before any text is
    // read, in every mode that takes it.
    for args in [
        &["analyze", "--max-parts", "0", "x"][..],
        &["count", "--max-parts", "0", "--jsonl", "-"],
        &["encode", "--max-parts", "0"],
    ] {
        let out = run(args, b"\"x\"\n");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "sms-preflight: invalid max_parts \"0\": expected a whole number of parts, at least 1, or no limit\n"
        );
    }
    // A line with a number for text says what was expected.
    let out = run(&["analyze", "--jsonl", "-"], b"{\"text\": 123}\n");
    let v = &lines(&out)[0];
    let msg = v["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("expected a JSON string or an object with a \"text\" string")
            && msg.contains("invalid type: integer `123`, expected a string"),
        "{msg}"
    );
    assert!(!msg.contains("untagged"), "{msg}");
    // The empty text: nothing to send, not "left in the one part".
    let out = run(&["analyze", ""], b"");
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("0 septets in 0 parts"), "{s}");
    assert!(
        s.contains("nothing to send") && !s.contains("in the one part"),
        "{s}"
    );
}

#[test]
fn validate_jobs_keep_order_and_bytes() {
    // The requests of the validator's rule table, several times over, with bad lines.
    let rules = std::fs::read_to_string(data("request_rules.jsonl")).unwrap();
    let mut input = String::new();
    for round in 0..20 {
        for line in rules.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            input.push_str(&v["request"].to_string());
            input.push('\n');
        }
        input.push_str(if round % 2 == 0 { "not json\n" } else { "\n" });
    }
    let now = ["--now", "2026-12-01T12:00:00Z"];
    let one = run(
        &[&["validate", "--jsonl", "-", "--jobs", "1"][..], &now].concat(),
        input.as_bytes(),
    );
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(lines(&one).len(), input.lines().count());
    for jobs in ["2", "4"] {
        let many = run(
            &[&["validate", "--jsonl", "-", "--jobs", jobs][..], &now].concat(),
            input.as_bytes(),
        );
        assert!(many.stdout == one.stdout, "--jobs {jobs}");
    }
    // Invalid requests and bad lines fail the batch with --fail-on-error.
    let out = run(
        &[&["validate", "--jsonl", "-", "--fail-on-error"][..], &now].concat(),
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout == one.stdout);
}

#[test]
fn version_names_the_phone_engine() {
    let out = run(&["--version"], b"");
    assert!(out.status.success());
    let version = String::from_utf8(out.stdout).unwrap();
    let engine = sms_preflight::phone::ENGINE;
    assert_eq!(
        version,
        format!(
            "sms-preflight {} (phone engine: {engine})\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    // This crate's `phone` feature selects the fast engine. Without it the engine is the
    // small one, unless a workspace-wide build unified in the library's default `phone`:
    // scripts/test.sh names the engine it expects of its build of `--features phone-lite`.
    if cfg!(feature = "phone") {
        assert!(engine.ends_with("(regex)"), "{engine}");
    }
    if let Some(want) = std::env::var_os("SMS_PREFLIGHT_EXPECT_ENGINE") {
        let want = want.to_str().unwrap();
        assert!(
            engine.ends_with(&format!("({want})")),
            "{engine}, expected {want}"
        );
    }
}
