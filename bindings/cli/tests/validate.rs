//! `sms-preflight validate`: the verdict, the JSON report, batch mode and exit codes.

mod common;

fn run(args: &[&str], stdin: &str) -> std::process::Output {
    common::run(args, stdin.as_bytes())
}

const NOW: &str = "2026-12-01T12:00:00Z";

fn rates(ext: &str) -> String {
    format!(
        "{}/../../examples/rate_card.{ext}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn valid_request_json_with_cost() {
    for card in [rates("json"), rates("toml")] {
        let out = run(
            &["validate", "-", "--json", "--now", NOW, "--rates", &card],
            r#"{"from": "+16502530000", "to": "+14155552671", "text": "Hello"}"#,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["errors"], serde_json::json!([]));
        assert_eq!(
            (v["parts"].as_u64(), v["encoding"].as_str()),
            (Some(1), Some("GSM-7"))
        );
        assert_eq!(
            v["cost"],
            serde_json::json!({"amount": "0.0051", "currency": "USD"})
        );
    }
}

#[test]
fn invalid_request_verdict_and_exit_1() {
    let body = format!(
        r#"{{"from": "+16502530000", "to": "4155552671", "text": "{}"}}"#,
        "a".repeat(1612)
    );
    let out = run(&["validate", "-", "--now", NOW, "--region", "US"], &body);
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("verdict     INVALID: 2 errors, 1 warning"),
        "{s}"
    );
    assert!(
        s.contains("error   40302 Message too large at /text"),
        "{s}"
    );
    assert!(
        s.contains("remove at least 82 characters or send as MMS"),
        "{s}"
    );
    assert!(
        s.contains("error   10016 Phone number must be in +E.164 format at /to"),
        "{s}"
    );
    assert!(s.contains("send it as +14155552671"), "{s}");
}

#[test]
fn input_errors_exit_2() {
    let out = run(&["validate", "-", "--now", NOW], r#"{"to": 14155552671}"#);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/to: expected a string"));
    let out = run(&["validate", "-", "--now", "yesterday"], "{}");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["validate", "/nonexistent.json"], "");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["validate", "-", "--endpoint", "fax"], "{}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn batch_keeps_order_and_answers_every_line() {
    let input = [
        r#"{"from": "+16502530000", "to": "+14155552671", "text": "a"}"#,
        "not json",
        r#"{"from": "+16502530000", "to": "+14155552671"}"#,
        "",
        r#"{"from": "+16502530000", "to": "+14155552671", "text": "Hi \ud83d"}"#,
    ]
    .join("\n");
    let out = run(&["validate", "--jsonl", "-", "--now", NOW], &input);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[1]["line"], 2);
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("10015 Bad Request: the request is not valid JSON")
    );
    assert_eq!(lines[2]["errors"][0]["code"], "40316");
    assert_eq!(lines[3]["line"], 4);
    assert_eq!(
        (lines[4]["valid"].as_bool(), lines[4]["encoding"].as_str()),
        (Some(true), Some("UCS-2"))
    );
    assert_eq!(lines[4]["warnings"][0]["code"], "P106");
}
