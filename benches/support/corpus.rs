//! Benchmark inputs: the shared message corpus, or a deterministic stand-in for it.
//!
//! [`load`] reads `../shared/corpus/messages.jsonl` (relative to the crate root,
//! `CARGO_MANIFEST_DIR`) when it exists, or the file named by `SMS_PREFLIGHT_CORPUS`. Without
//! either it builds a **generated substitute** with [`generate`]: 26,640 messages from a
//! fixed-seed SplitMix64 generator, so every run and every machine gets the same bytes. The
//! substitute imitates the shared corpus's documented mix (see its README):
//!
//! | share | kind | content |
//! |---|---|---|
//! | 86% | prose | words in 14 scripts: English/ASCII (≈ 27% of prose), Latin with GSM accents (es/de/fr/it/nl/sv), Latin needing UCS-2 (tr/pt/pl/cs/ro/vi), Cyrillic, Greek, Devanagari (conjuncts, matras), Bengali, Arabic, Hebrew, Thai, Chinese, Japanese, Korean |
//! | | | lengths: 40% up to 70 characters, 30% 71–160, 20% 161–480, 10% 481–1,600 |
//! | | | 15% carry emoji (single, skin tone, ZWJ family, flag), 10% typographic punctuation (curly quotes, dashes, `…`, NBSP) |
//! | 9% | transactional | OTP codes, reminders, shipping notices with URLs, prices in `€`, `{}`/`[]` |
//! | 5% | boundary | an escape character or an emoji placed at a part boundary (152–161, 305–307, 65–71, 133–135 units) and exact-length texts around each limit |
//!
//! It is not the real corpus (the scripts' proportions and the texts differ), so figures
//! measured on it are comparable only with other runs on it; the benches print which one
//! they used.

#![allow(dead_code)]

use std::path::PathBuf;

/// Where the messages came from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Read from this JSONL file.
    File(PathBuf),
    /// Built by [`generate`] with this seed.
    Generated(u64),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::File(p) => write!(f, "{}", p.display()),
            Source::Generated(seed) => write!(f, "generated substitute (seed {seed:#x})"),
        }
    }
}

/// The messages and their origin.
pub struct Corpus {
    /// The origin.
    pub source: Source,
    /// `(id, text)` per message, in file order.
    pub messages: Vec<(String, String)>,
}

/// The seed of the generated substitute.
pub const SEED: u64 = 0x5EED_5A5F_2026_0005;
/// The number of messages of the shared corpus, and so of the substitute.
pub const MESSAGES: usize = 26_640;

/// The shared corpus path relative to the crate root.
pub fn default_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/messages.jsonl")
}

/// Loads the corpus from `SMS_PREFLIGHT_CORPUS`, else the shared file, else generates it.
pub fn load() -> Corpus {
    let path = std::env::var_os("SMS_PREFLIGHT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(default_path);
    match std::fs::read_to_string(&path) {
        Ok(data) => Corpus {
            messages: parse_jsonl(&data),
            source: Source::File(path),
        },
        Err(_) => Corpus {
            messages: generate(SEED, MESSAGES),
            source: Source::Generated(SEED),
        },
    }
}

/// Parses JSON lines with a `text` field (and an optional `id`). Lines without text are skipped.
pub fn parse_jsonl(data: &str) -> Vec<(String, String)> {
    data.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let v: serde_json::Value = serde_json::from_str(line).ok()?;
            let text = v.get("text")?.as_str()?.to_owned();
            let id = v
                .get("id")
                .and_then(|i| i.as_str())
                .map_or_else(|| format!("line{}", n + 1), str::to_owned);
            Some((id, text))
        })
        .collect()
}

/// SplitMix64: tiny, fast and fully deterministic.
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `pct`%.
    pub fn pct(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
    /// One element of `items`.
    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

/// Words per script, with the script's share of the prose (per mille of prose messages).
const SCRIPTS: &[(u32, &[&str])] = &[
    (
        270,
        &[
            "everyone",
            "has",
            "the",
            "right",
            "to",
            "education",
            "freedom",
            "of",
            "thought",
            "and",
            "shall",
            "be",
            "free",
            "in",
            "dignity",
            "rights",
            "all",
            "human",
            "beings",
            "are",
            "born",
            "equal",
            "law",
            "protection",
            "against",
            "any",
            "work",
            "just",
            "favourable",
            "conditions",
            "a",
            "is",
            "entitled",
            "full",
            "equality",
            "fair",
            "public",
            "hearing",
            "by",
            "independent",
            "tribunal",
            "family",
            "society",
            "state",
        ],
    ),
    (
        180,
        &[
            "educación",
            "derecho",
            "todos",
            "tienen",
            "libertad",
            "für",
            "Würde",
            "Menschen",
            "gleich",
            "geboren",
            "sind",
            "élevé",
            "égalité",
            "à",
            "être",
            "réputé",
            "über",
            "niño",
            "año",
            "España",
            "città",
            "perché",
            "può",
            "università",
            "è",
            "således",
            "för",
            "år",
            "rätt",
            "Ökonomie",
            "ÅR",
            "Ñandú",
            "Gleichheit",
            "mañana",
            "el",
            "la",
            "los",
            "que",
            "de",
            "und",
            "der",
            "die",
            "le",
            "les",
            "het",
            "een",
            "voor",
        ],
    ),
    (
        110,
        &[
            "eğitim",
            "hakkı",
            "şahsın",
            "ılım",
            "özgürlük",
            "İnsan",
            "educação",
            "ação",
            "não",
            "são",
            "direitos",
            "liberdade",
            "każdy",
            "człowiek",
            "prawo",
            "wolność",
            "každý",
            "právo",
            "člověk",
            "drepturi",
            "ființe",
            "quyền",
            "được",
            "người",
            "và",
            "tự",
            "do",
            "ve",
            "bir",
            "ile",
            "de",
            "os",
            "da",
            "się",
            "na",
            "je",
        ],
    ),
    (
        70,
        &[
            "Все",
            "люди",
            "рождаются",
            "свободными",
            "равными",
            "своем",
            "достоинстве",
            "правах",
            "Они",
            "наделены",
            "разумом",
            "совестью",
            "и",
            "в",
            "должны",
            "поступать",
            "отношении",
            "друг",
            "друга",
            "духе",
            "братства",
            "кожна",
            "людина",
        ],
    ),
    (
        40,
        &[
            "Όλοι",
            "οι",
            "άνθρωποι",
            "γεννιούνται",
            "ελεύθεροι",
            "ίσοι",
            "στην",
            "αξιοπρέπεια",
            "τα",
            "δικαιώματα",
            "ΔΙΚΑΙΩΜΑΤΑ",
            "ΣΩΜΑ",
            "ΦΩΣ",
            "και",
            "να",
            "συμπεριφέρονται",
        ],
    ),
    (
        80,
        &[
            "सभी",
            "मनुष्यों",
            "को",
            "गौरव",
            "और",
            "अधिकारों",
            "के",
            "मामले",
            "में",
            "जन्मजात",
            "स्वतन्त्रता",
            "समानता",
            "प्राप्त",
            "है",
            "उन्हें",
            "बुद्धि",
            "अन्तरात्मा",
            "की",
            "देन",
            "वाजवी",
            "मर्यादा",
            "असलेले",
            "कामाचे",
            "तास",
            "ক্ষেত্রে",
            "মানুষ",
            "স্বাধীন",
            "অধিকার",
        ],
    ),
    (
        60,
        &[
            "يولد",
            "جميع",
            "الناس",
            "أحرارًا",
            "متساوين",
            "في",
            "الكرامة",
            "والحقوق",
            "وقد",
            "وهبوا",
            "عقلاً",
            "وضميرًا",
            "כל",
            "בני",
            "האדם",
            "נולדו",
            "בני",
            "חורין",
            "ושווים",
            "ทุกคน",
            "มี",
            "สิทธิ",
            "เสรีภาพ",
            "ความเสมอภาค",
        ],
    ),
    (
        120,
        &[
            "人人",
            "生而",
            "自由",
            "在",
            "尊严",
            "和",
            "权利",
            "上",
            "一律",
            "平等",
            "他们",
            "赋有",
            "理性",
            "良心",
            "すべて",
            "の",
            "人間",
            "は",
            "生まれ",
            "ながら",
            "にして",
            "自由",
            "であり",
            "かつ",
            "尊厳",
            "と",
            "権利",
            "モ",
            "ト",
            "キ",
            "모든",
            "인간은",
            "태어날",
            "때부터",
            "자유로우며",
            "존엄과",
            "권리에",
            "있어",
            "동등하다",
        ],
    ),
];

/// Emoji of every shape: BMP with variation selector, astral, skin tone, ZWJ, flag, keycap.
const EMOJI: &[&str] = &[
    "😀",
    "🎉",
    "👍",
    "👍🏽",
    "❤️",
    "⛔️",
    "🤦🏻\u{200d}♂️",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🇫🇷",
    "🇯🇵",
    "1️⃣",
    "🏳️\u{200d}🌈",
    "🙏",
    "✅",
    "🔥",
];
/// Typographic punctuation pasted from a word processor.
const TYPO: &[&str] = &["“", "”", "‘", "’", "–", "—", "…", "\u{a0}", "«", "»"];
/// Characters of the GSM extension table (2 septets each).
const EXT: &[&str] = &["€", "[", "]", "{", "}", "~", "^", "|", "\\"];

fn prose(rng: &mut Rng, target_chars: usize) -> String {
    let roll = rng.below(1000) as u32;
    let mut acc = 0;
    let mut words = SCRIPTS[0].1;
    for &(share, w) in SCRIPTS {
        acc += share;
        if roll < acc {
            words = w;
            break;
        }
    }
    let emoji = rng.pct(15);
    let typo = rng.pct(10);
    let mut s = String::new();
    let mut n = 0usize;
    while n < target_chars {
        let w = rng.pick(words);
        if !s.is_empty() {
            s.push(' ');
            n += 1;
        }
        s.push_str(w);
        n += w.chars().count();
        if emoji && rng.pct(4) {
            s.push_str(rng.pick(EMOJI));
            n += 1;
        }
        if typo && rng.pct(6) {
            s.push_str(rng.pick(TYPO));
            n += 1;
        }
        if rng.pct(8) {
            s.push_str(rng.pick(&[".", ",", ";", ":", "!", "?"]));
            n += 1;
        }
    }
    s
}

fn transactional(rng: &mut Rng) -> String {
    let code = rng.range(100_000, 999_999);
    let order = rng.range(10_000_000, 99_999_999);
    let price = rng.range(100, 99_999);
    match rng.below(5) {
        0 => {
            format!("Your verification code is {code}. It expires in 10 minutes. Do not share it.")
        }
        1 => format!(
            "Reminder: your appointment is on {}/{}/2026 at {}:{:02}. Reply STOP to opt out.",
            rng.range(1, 28),
            rng.range(1, 12),
            rng.range(8, 18),
            rng.below(60)
        ),
        2 => format!(
            "Order #{order} shipped! Track it at https://example.com/t/{order}?ref=sms [{}]",
            rng.pick(&["DHL", "UPS", "GLS"])
        ),
        3 => format!(
            "Flash sale: {{all shoes}} -{}% today only, from €{}.{:02}. Shop: https://shop.example/s?c={code}",
            rng.range(10, 70),
            price / 100,
            price % 100
        ),
        _ => format!(
            "Código {code}: su pedido {order} llegará mañana. Importe €{}.{:02} | Gracias ~ equipo",
            price / 100,
            price % 100
        ),
    }
}

fn ascii_filler(rng: &mut Rng, n: usize) -> String {
    const ALPHA: &[u8] = b"abcdefghij0123456789XYZ .,";
    (0..n)
        .map(|_| ALPHA[rng.below(ALPHA.len())] as char)
        .collect()
}

fn boundary(rng: &mut Rng) -> String {
    match rng.below(4) {
        // An escape character straddling or touching a GSM-7 boundary.
        0 => {
            let at = *rng.pick(&[&151usize, &152, &153, &158, &159, &160, &304, &305, &306]);
            let mut s = ascii_filler(rng, at);
            s.push_str(rng.pick(EXT));
            let tail = rng.range(0, 160);
            s.push_str(&ascii_filler(rng, tail));
            s
        }
        // An emoji at a UCS-2 boundary.
        1 => {
            let at = *rng.pick(&[&65usize, &66, &67, &68, &69, &132, &133, &134]);
            let mut s = ascii_filler(rng, at);
            s.push_str(rng.pick(EMOJI));
            s.push_str("ok");
            s
        }
        // Exact GSM-7 lengths around each limit.
        2 => {
            let n = *rng.pick(&[&159usize, &160, &161, &305, &306, &307, &1530, &1531]);
            ascii_filler(rng, n)
        }
        // Exact UCS-2 lengths around each limit, in CJK.
        _ => {
            let n = *rng.pick(&[&69usize, &70, &71, &133, &134, &135]);
            (0..n)
                .map(|_| ['本', '日', '語', 'テ', 'キ', 'ス', 'ト'][rng.below(7)])
                .collect()
        }
    }
}

/// Generates `count` messages from `seed` with the mix described in the module docs.
pub fn generate(seed: u64, count: usize) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| {
            let kind = rng.below(1000);
            let text = if kind < 860 {
                let len = match rng.below(10) {
                    0..=3 => rng.range(8, 70),
                    4..=6 => rng.range(71, 160),
                    7 | 8 => rng.range(161, 480),
                    _ => rng.range(481, 1600),
                };
                prose(&mut rng, len)
            } else if kind < 950 {
                transactional(&mut rng)
            } else {
                boundary(&mut rng)
            };
            (format!("g{:05}", i + 1), text)
        })
        .collect()
}

/// One long text of at least `bytes` bytes (cut back to a character boundary at exactly
/// `bytes` or just below), built by joining `messages` with spaces and cycling through them.
/// Prefixes of the same stream, so a 1 MB and a 10 MB text have the same content mix.
pub fn long_text<'a>(messages: impl Iterator<Item = &'a str> + Clone, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 8192);
    'outer: loop {
        let mut any = false;
        for m in messages.clone() {
            any = true;
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(m);
            if s.len() >= bytes {
                break 'outer;
            }
        }
        if !any {
            break;
        }
    }
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}
