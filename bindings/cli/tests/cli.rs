//! End-to-end tests of the `sms-preflight` binary: the spec cases through `--json`, the
//! `--jsonl` batch mode, and clean failures on bad input.

mod common;

use common::run;

fn json(args: &[&str], text: &str) -> serde_json::Value {
    let mut all = vec!["analyze", "--json"];
    all.extend_from_slice(args);
    all.push("--");
    all.push(text);
    let out = run(&all, b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn a(n: usize) -> String {
    "a".repeat(n)
}

#[test]
fn spec_cases_through_json() {
    let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
    let cases: Vec<(String, Vec<&str>, &str, u64, u64)> = vec![
        (a(1), vec![], "GSM-7", 1, 1),
        (a(160), vec![], "GSM-7", 160, 1),
        (a(161), vec![], "GSM-7", 161, 2),
        (a(306), vec![], "GSM-7", 306, 2),
        (a(307), vec![], "GSM-7", 307, 3),
        (a(1530), vec![], "GSM-7", 1530, 10),
        (a(1531), vec![], "GSM-7", 1531, 11),
        ("ж".repeat(70), vec![], "UCS-2", 70, 1),
        ("ж".repeat(71), vec![], "UCS-2", 71, 2),
        ("ж".repeat(134), vec![], "UCS-2", 134, 2),
        ("ж".repeat(135), vec![], "UCS-2", 135, 3),
        ("ж".repeat(670), vec![], "UCS-2", 670, 10),
        ("ж".repeat(671), vec![], "UCS-2", 671, 11),
        (format!("{}€{}", a(152), a(152)), vec![], "GSM-7", 306, 3),
        ("{".repeat(80), vec![], "GSM-7", 160, 1),
        ("{".repeat(81), vec![], "GSM-7", 162, 2),
        (format!("{}😀{}", a(66), a(66)), vec![], "UCS-2", 134, 3),
        (
            format!("{}{family}{}", a(60), a(60)),
            vec![],
            "UCS-2",
            131,
            3,
        ),
        (
            format!("{}{family}{}", a(60), a(60)),
            vec!["--split", "codepoints"],
            "UCS-2",
            131,
            2,
        ),
        (format!("{}🇺🇸{}", a(65), a(65)), vec![], "UCS-2", 134, 3),
        (
            format!("{}🇺🇸{}", a(65), a(65)),
            vec!["--split", "codepoints"],
            "UCS-2",
            134,
            2,
        ),
        ("Hello\r\nWorld".into(), vec![], "GSM-7", 12, 1),
        ("Hello\x0CWorld".into(), vec![], "GSM-7", 12, 1),
        ("Ça va".into(), vec![], "GSM-7", 5, 1),
        ("ça va".into(), vec![], "UCS-2", 5, 1),
        ("ΔΦΓΛΩΠΨΣΘΞ".into(), vec![], "GSM-7", 10, 1),
        (a(161), vec!["--ref16"], "GSM-7", 161, 2),
        (a(305), vec!["--ref16"], "GSM-7", 305, 3),
        ("ж".repeat(133), vec!["--ref16"], "UCS-2", 133, 3),
        (
            "Price 5€".into(),
            vec!["--charset", "telnyx"],
            "UCS-2",
            8,
            1,
        ),
        ("Price 5€".into(), vec!["--telnyx"], "UCS-2", 8, 1),
        (
            "Price 5€".into(),
            vec!["--charset", "telnyx-euro"],
            "GSM-7",
            9,
            1,
        ),
        ("ΔΦ".into(), vec!["--telnyx"], "UCS-2", 2, 1),
        ("a`b".into(), vec!["--telnyx"], "UCS-2", 3, 1),
        ("hello".into(), vec!["--encoding", "ucs2"], "UCS-2", 5, 1),
    ];
    for (text, flags, enc, units, parts) in cases {
        let v = json(&flags, &text);
        let got = (
            v["encoding"].as_str().unwrap(),
            v["units"].as_u64().unwrap(),
            v["parts"].as_u64().unwrap(),
        );
        assert_eq!(
            got,
            (enc, units, parts),
            "{flags:?} {:?}",
            &text[..text.len().min(20)]
        );
        // Segments carry both ranges, units and text, and give the text back.
        let segs = v["segments"].as_array().unwrap();
        assert_eq!(segs.len() as u64, parts);
        let joined: String = segs.iter().map(|s| s["text"].as_str().unwrap()).collect();
        assert_eq!(joined, text);
        for s in segs {
            for k in ["utf8", "utf16"] {
                assert!(s[k]["start"].is_u64() && s[k]["end"].is_u64());
            }
            assert!(s["units"].is_u64());
        }
    }
}

#[test]
fn national_tables_through_json() {
    let v = json(&["--national", "tr"], "Yarın görüşürüz, iyi akşamlar");
    assert_eq!(v["encoding"], "GSM-7");
    assert_eq!(v["national_single_shift"], "tr");
    assert_eq!(v["national_locking_shift"], serde_json::Value::Null);
    assert_eq!(v["udh_octets"], 4);
    let v = json(&["--national", "all"], "नमस्ते, आपका कोड 4821 है।");
    assert_eq!(v["national_locking_shift"], "hi");
    let v = json(&[], "Yarın görüşürüz");
    assert_eq!(
        (v["encoding"].as_str(), v["national_single_shift"].is_null()),
        (Some("UCS-2"), true)
    );
    let out = run(&["analyze", "--national", "tr", "Yarın"], b"");
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains(
            "national    locking shift: default, single shift: Turkish (4 UDH octets per part)"
        ),
        "{s}"
    );
    let out = run(&["analyze", "--national", "klingon", "x"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn empty_text_is_zero_parts() {
    let v = json(&[], "");
    assert_eq!(
        (
            v["parts"].as_u64(),
            v["units"].as_u64(),
            v["remaining"].as_u64()
        ),
        (Some(0), Some(0), Some(160))
    );
}

#[test]
fn reads_stdin_and_drops_one_trailing_newline() {
    let out = run(&["analyze", "--json"], "hello\n".as_bytes());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["units"], 5);
    let out = run(
        &["analyze", "--json", "--keep-newline"],
        "hello\n".as_bytes(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["units"], 6);
}

#[test]
fn readable_report_marks_non_gsm() {
    let out = run(&["analyze", "Hi 😀 ça va"], b"");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("encoding    UCS-2"), "{s}");
    assert!(s.contains("59 UTF-16 units left"), "{s}");
    assert!(s.contains("Hi ⟦😀⟧ ⟦ç⟧a va"), "{s}");
    assert!(
        s.contains("part 1/1  11/70 UTF-16 units  bytes 0..14  UTF-16 0..11"),
        "{s}"
    );
}

#[test]
fn jsonl_keeps_order_and_ids() {
    let input =
        "\"plain\"\n{\"id\": \"m1\", \"text\": \"😀\"}\n\n{\"text\": \"x\", \"lang\": \"en\"}\n";
    let out = run(&["analyze", "--jsonl", "-"], input.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // One answer per input line, the blank one included, so input and output zip.
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["units"], 5);
    assert_eq!(lines[1]["id"], "m1");
    assert_eq!(lines[1]["encoding"], "UCS-2");
    assert_eq!(
        (
            lines[2]["line"].as_u64(),
            lines[2]["error"]["kind"].as_str()
        ),
        (Some(3), Some("bad_request"))
    );
    assert_eq!(lines[3]["units"], 1);
    // A per-line rejection is reported in place, and the batch goes on.
    let out = run(
        &["analyze", "--jsonl", "-", "--encoding", "gsm7"],
        "\"😀\"\n\"ok\"\n".as_bytes(),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["error"]["kind"], "not_gsm7");
    // The error is structured: the offending characters with their offsets.
    assert_eq!(lines[0]["error"]["chars"][0]["code_point"], "U+1F600");
    assert_eq!(lines[1]["encoding"], "GSM-7");
}

#[test]
fn bad_input_fails_cleanly() {
    // Invalid UTF-8 on stdin.
    let out = run(&["analyze"], &[0x61, 0xFF, 0x62]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not valid UTF-8") && err.contains("offset 1"),
        "{err}"
    );
    // Unreadable JSON and invalid UTF-8 in a batch: answered in place with the line
    // number, and the batch goes on.
    let out = run(
        &["analyze", "--jsonl", "-"],
        b"\"ok\"\n{\"txt\": 1}\n\xff\n\"x\"\n",
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["error"]["kind"], "bad_request");
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("\"text\"")
    );
    assert_eq!(lines[2]["error"]["kind"], "bad_request");
    assert_eq!(lines[3]["units"], 1);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    // Options that conflict are a usage error, before any text.
    let out = run(
        &[
            "analyze",
            "--telnyx",
            "--national",
            "tr",
            "--encoding",
            "ucs2",
            "hi",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("conflicting options"));
    // Text that starts with a dash is text, not a flag.
    let out = run(&["analyze", "--json", "-50% off"], b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A missing file.
    let out = run(&["analyze", "--jsonl", "/nonexistent/x.jsonl"], b"");
    assert_eq!(out.status.code(), Some(2));
    // Forced GSM-7 on an emoji: exit 1 with the character named.
    let out = run(&["analyze", "--encoding", "gsm7", "hi 😀"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("U+1F600"));
    // A bad flag value.
    let out = run(&["analyze", "--split", "words", "x"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn smart_encoding_in_the_report_and_the_json() {
    let text = "Hi Anna — your order #4521 ships today! We’ve added a “thank you” gift… \
                Track it at example.com/t/4521. Questions? Reply HELP. Don’t want these? Reply STOP.";
    // Human report: the summary line, every replacement with its offsets, before/after.
    let out = run(&["analyze", "--smart", "telnyx", "--", text], b"");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("smart       smart encoding turns 3 UCS-2 parts into 1 GSM-7 part\n"),
        "{s}"
    );
    assert!(s.contains("encoding    GSM-7"), "{s}");
    assert!(
        s.contains("'—' (U+2014) → \"-\" at byte 8, UTF-16 8"),
        "{s}"
    );
    assert!(
        s.contains("'…' (U+2026) → \"...\" at byte 78, UTF-16 70"),
        "{s}"
    );
    assert!(
        s.contains("before: 156 UTF-16 units in 3 parts; after: 158 septets in 1 part"),
        "{s}"
    );

    // JSON: the analysis is of the sent text, plus a smart_encoding object.
    let v = json(&["--smart", "telnyx"], text);
    assert_eq!(
        (v["encoding"].as_str(), v["parts"].as_u64()),
        (Some("GSM-7"), Some(1))
    );
    let se = &v["smart_encoding"];
    assert_eq!(
        se["summary"],
        "smart encoding turns 3 UCS-2 parts into 1 GSM-7 part"
    );
    assert_eq!(se["before"]["parts"], 3);
    assert_eq!(se["after"]["parts"], 1);
    assert_eq!(se["replacements"].as_array().unwrap().len(), 6);
    assert_eq!(se["replacements"][0]["code_point"], "U+2014");
    assert_eq!(se["still_non_gsm"].as_array().unwrap().len(), 0);
    // Off (the default): no smart_encoding object, the text is UCS-2.
    let v = json(&[], text);
    assert!(v.get("smart_encoding").is_none());
    assert_eq!(v["encoding"], "UCS-2");
}

#[test]
fn smart_encoding_follows_the_encoding_flag() {
    // gsm7 applies the Telnyx list even with smart encoding off.
    let v = json(&["--encoding", "gsm7"], "“Hi”");
    assert_eq!(v["encoding"], "GSM-7");
    assert_eq!(v["smart_encoding"]["text"], "\"Hi\"");
    // ucs2 skips it.
    let v = json(&["--smart", "telnyx", "--encoding", "ucs2"], "“Hi”");
    assert_eq!(v["smart_encoding"]["enabled"], false);
    assert_eq!(v["units"], 4);
    // It can cost a part, and the report says so.
    let out = run(
        &["analyze", "--smart", "telnyx", "--", &"…".repeat(70)],
        b"",
    );
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("1 part more than without it"), "{s}");
    assert!(
        s.contains("warning: smart encoding costs 1 part here"),
        "{s}"
    );
    // A text it empties is rejected (exit 1), with a reason.
    let out = run(&["analyze", "--smart", "telnyx", "\u{200B}"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty after smart encoding"));
    // A bad mode is a usage error.
    let out = run(&["analyze", "--smart", "twilio", "x"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn smart_encoding_in_batches_and_with_a_callers_map() {
    let input = "\"“a”\"\n\"\u{200B}\"\n\"b\"\n";
    let out = run(
        &["analyze", "--jsonl", "-", "--smart", "telnyx"],
        input.as_bytes(),
    );
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["smart_encoding"]["replaced_character_count"], 2);
    assert_eq!(lines[0]["encoding"], "GSM-7");
    assert_eq!(lines[1]["error"]["kind"], "empty_after_smart_encoding");
    assert_eq!(lines[2]["smart_encoding"]["applied"], false);

    let dir = std::env::temp_dir().join(format!("sms-preflight-smart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let map = dir.join("map.json");
    std::fs::write(
        &map,
        r#"{"base": "telnyx", "map": {"😀": ":)", "…": null}}"#,
    )
    .unwrap();
    let map = map.to_str().unwrap();
    let v = json(&["--smart-map", map], "“ok” 😀…");
    assert_eq!(v["smart_encoding"]["text"], "\"ok\" :)…");
    assert_eq!(v["encoding"], "UCS-2"); // the caller kept the ellipsis
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"base": "telnyx", "map": {"ab": "x"}}"#).unwrap();
    let out = run(&["analyze", "--smart-map", bad.to_str().unwrap(), "x"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not one character"));
    let _ = std::fs::remove_dir_all(&dir);
}
