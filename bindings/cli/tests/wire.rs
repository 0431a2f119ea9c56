//! End-to-end tests of `sms-preflight encode` and `sms-preflight decode`.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sms-preflight"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn stdout(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn encode_prints_the_spec_vector() {
    let out = stdout(&["encode", "hellohello"]);
    assert!(out.contains("user data  E8329BFD4697D9EC37"), "{out}");
    assert!(out.contains("udl 10"), "{out}");
}

#[test]
fn encode_json_has_one_object_per_segment() {
    let text = "a".repeat(161);
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&["encode", "--json", "--ref", "66", &text])).unwrap();
    let segs = v.as_array().unwrap();
    assert_eq!(segs.len(), 2);
    assert_eq!(segs[0]["udh"], "050003420201");
    assert_eq!(segs[1]["udh"], "050003420202");
    assert_eq!(segs[0]["udl"], 160);
    assert_eq!(segs[1]["udl"], 15);
    assert_eq!(segs[0]["dcs"], 0);
    assert!(
        segs[1]["user_data"]
            .as_str()
            .unwrap()
            .starts_with("050003420202")
    );
    // One part: no header.
    let v: serde_json::Value = serde_json::from_str(&stdout(&["encode", "--json", "hi"])).unwrap();
    assert_eq!(v[0]["udh"], serde_json::Value::Null);
    // A 16-bit reference, UCS-2, national tables.
    let v: serde_json::Value = serde_json::from_str(&stdout(&[
        "encode",
        "--json",
        "--ref16",
        "--ref",
        "4660",
        &"ж".repeat(71),
    ]))
    .unwrap();
    assert_eq!(v[0]["udh"], "06080412340201");
    assert_eq!(v[0]["dcs"], 8);
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&["encode", "--json", "--national", "tr", "şğ"])).unwrap();
    assert_eq!(v[0]["udh"], "03240101");
}

#[test]
fn decode_prints_text_and_elements() {
    let out = stdout(&["decode", "E8329BFD4697D9EC37", "--dcs", "0", "--udl", "10"]);
    assert!(out.contains("text      hellohello"), "{out}");
    let out = stdout(&[
        "decode",
        "09 7002AABB 0003050201 00480069",
        "--dcs",
        "0x08",
        "--udl",
        "14",
        "--udhi",
    ]);
    assert!(out.contains("unknown, skipped: AABB"), "{out}");
    assert!(out.contains("8-bit reference 5: part 1 of 2"), "{out}");
    assert!(out.contains("text      Hi"), "{out}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&[
        "decode",
        "03240101D8CC3767",
        "--dcs",
        "0",
        "--udl",
        "9",
        "--udhi",
        "--json",
    ]))
    .unwrap();
    assert_eq!(v["text"], "şğ");
    assert_eq!(v["single_shift"], "tr");
}

#[test]
fn encode_then_decode_round_trips_through_the_cli() {
    let text = "Grüße! 152 × a, then € and {braces} to cross a part boundary: ".repeat(4);
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&["encode", "--json", "--ref", "9", &text])).unwrap();
    let mut back = String::new();
    for s in v.as_array().unwrap() {
        let udl = s["udl"].to_string();
        let dcs = s["dcs"].to_string();
        let mut args = vec!["decode", s["user_data"].as_str().unwrap(), "--dcs", &dcs];
        args.extend(["--udl", &udl, "--json"]);
        if !s["udh"].is_null() {
            args.push("--udhi");
        }
        let d: serde_json::Value = serde_json::from_str(&stdout(&args)).unwrap();
        back.push_str(d["text"].as_str().unwrap());
    }
    assert_eq!(back, text);
}

#[test]
fn bad_input_fails_with_a_message() {
    let out = run(&["encode", "--ref", "300", "hi"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--ref16"));
    let out = run(&["decode", "E8", "--dcs", "0", "--udl", "10"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("truncated"));
    let out = run(&["decode", "XY", "--dcs", "0", "--udl", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["encode", "--encoding", "gsm7", "😀"]);
    assert_eq!(out.status.code(), Some(1));
}
