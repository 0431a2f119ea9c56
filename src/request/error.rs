//! The API's own error shape: [`ApiError`], with the codes and titles of Telnyx's canonical
//! list (standards.md §3.5), and [`ParseError`] for a body that is not a request at all.

use serde::{Deserialize, Serialize};

/// A Telnyx error code with its canonical title (standards.md §3.5, from
/// <https://developers.telnyx.com/development/api-fundamentals/api-errors>).
///
/// Only the codes that a request can earn before it is sent are here. Codes that depend on
/// the account (40306/40307 alphanumeric sender not configured, 40312 profile disabled) or on
/// delivery (40001 and up) cannot be known offline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    /// 10002 "Invalid phone number".
    InvalidPhoneNumber,
    /// 10003 "Invalid URL" (malformed, or over 2,000 characters).
    InvalidUrl,
    /// 10004 "Missing required parameter".
    MissingParameter,
    /// 10015 "Bad Request": the body is not well-formed, a field has the wrong type or value.
    BadRequest,
    /// 10016 "Phone number must be in +E.164 format".
    NotE164,
    /// 40302 "Message too large": more parts than the maximum (10).
    MessageTooLarge,
    /// 40304 "Invalid combination of message content arguments".
    InvalidContentCombination,
    /// 40305 "Invalid 'from' address".
    InvalidFrom,
    /// 40308 "Invalid 'from' address for MMS".
    InvalidFromForMms,
    /// 40310 "Invalid 'to' address".
    InvalidTo,
    /// 40316 "No content provided for message".
    NoContent,
    /// 40317 "Invalid MMS content": more than 10 media, or 1 MB or more in all.
    InvalidMmsContent,
    /// 40325 "Invalid alphanumeric sender ID".
    InvalidSenderId,
    /// 40328 "SMS exceeds recommended size" (with `auto_detect`).
    ExceedsRecommendedSize,
    /// P101, advisory (not a Telnyx code): the part count depends on a CONTESTED reading
    /// (charset page, split rule); the warning gives both figures.
    PartsDependOnReading,
    /// P102, advisory: over 1,600 characters, the CONTESTED figure of Telnyx's quickstart.
    LongMessage,
    /// P103, advisory: a URL without TLS, or not strictly RFC 3986.
    UrlAdvice,
    /// P104, advisory: a number of a possible length that libphonenumber's metadata does not
    /// call valid (documentation numbers such as +1 555 123 4567 are like this).
    NumberNotValid,
    /// P105, advisory: MMS outside the regions that receive it (US and CA).
    MmsRegion,
    /// P106, advisory: a field the API does not define, a duplicate key, or an escaped lone
    /// surrogate in the JSON.
    BodyNotice,
    /// P107, advisory: the cost could not be computed from the rate card.
    CostUnavailable,
}

impl Code {
    /// Every code, in numeric order (for tests and documentation).
    pub const ALL: [Code; 21] = [
        Code::InvalidPhoneNumber,
        Code::InvalidUrl,
        Code::MissingParameter,
        Code::BadRequest,
        Code::NotE164,
        Code::MessageTooLarge,
        Code::InvalidContentCombination,
        Code::InvalidFrom,
        Code::InvalidFromForMms,
        Code::InvalidTo,
        Code::NoContent,
        Code::InvalidMmsContent,
        Code::InvalidSenderId,
        Code::ExceedsRecommendedSize,
        Code::PartsDependOnReading,
        Code::LongMessage,
        Code::UrlAdvice,
        Code::NumberNotValid,
        Code::MmsRegion,
        Code::BodyNotice,
        Code::CostUnavailable,
    ];

    /// The numeric code, as Telnyx writes it (a string of digits).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidPhoneNumber => "10002",
            Code::InvalidUrl => "10003",
            Code::MissingParameter => "10004",
            Code::BadRequest => "10015",
            Code::NotE164 => "10016",
            Code::MessageTooLarge => "40302",
            Code::InvalidContentCombination => "40304",
            Code::InvalidFrom => "40305",
            Code::InvalidFromForMms => "40308",
            Code::InvalidTo => "40310",
            Code::NoContent => "40316",
            Code::InvalidMmsContent => "40317",
            Code::InvalidSenderId => "40325",
            Code::ExceedsRecommendedSize => "40328",
            Code::PartsDependOnReading => "P101",
            Code::LongMessage => "P102",
            Code::UrlAdvice => "P103",
            Code::NumberNotValid => "P104",
            Code::MmsRegion => "P105",
            Code::BodyNotice => "P106",
            Code::CostUnavailable => "P107",
        }
    }

    /// The canonical title.
    pub fn title(self) -> &'static str {
        match self {
            Code::InvalidPhoneNumber => "Invalid phone number",
            Code::InvalidUrl => "Invalid URL",
            Code::MissingParameter => "Missing required parameter",
            Code::BadRequest => "Bad Request",
            Code::NotE164 => "Phone number must be in +E.164 format",
            Code::MessageTooLarge => "Message too large",
            Code::InvalidContentCombination => "Invalid combination of message content arguments",
            Code::InvalidFrom => "Invalid 'from' address",
            Code::InvalidFromForMms => "Invalid 'from' address for MMS",
            Code::InvalidTo => "Invalid 'to' address",
            Code::NoContent => "No content provided for message",
            Code::InvalidMmsContent => "Invalid MMS content",
            Code::InvalidSenderId => "Invalid alphanumeric sender ID",
            Code::ExceedsRecommendedSize => "SMS exceeds recommended size",
            Code::PartsDependOnReading => "Part count depends on a contested reading",
            Code::LongMessage => "Message over 1,600 characters",
            Code::UrlAdvice => "URL may be refused",
            Code::NumberNotValid => "Number may not be assigned",
            Code::MmsRegion => "MMS may not be delivered",
            Code::BodyNotice => "Request body notice",
            Code::CostUnavailable => "Cost not computed",
        }
    }

    /// The code for a Telnyx number, if this crate knows it.
    pub fn from_number(n: u32) -> Option<Code> {
        Code::ALL
            .into_iter()
            .find(|c| c.as_str().parse::<u32>() == Ok(n))
    }

    /// The code written as `as_str` writes it (`"40302"`, `"P101"`).
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether this is one of Telnyx's codes (digits) rather than an advisory of this crate
    /// (`P1xx`), which only ever appears among warnings.
    pub fn is_telnyx(self) -> bool {
        self.as_str().bytes().all(|b| b.is_ascii_digit())
    }
}

/// Where in the request an error points: a JSON pointer (RFC 6901), as in Telnyx's errors.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Source {
    /// The JSON pointer, such as `/text` or `/media_urls/3`.
    pub pointer: String,
}

/// One error or warning, serialized exactly like Telnyx's error objects:
/// `{"code": "40302", "title": "Message too large", "detail": "…", "source": {"pointer": "/text"}}`.
///
/// A warning has the same shape. Its code is the one the API would use if the doubtful
/// reading turned out to be the real one; advice that no Telnyx code covers gets an
/// advisory code of this crate, `P1xx` (see [`Code`]), which never appears among errors.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiError {
    /// The Telnyx error code, as a string of digits.
    pub code: String,
    /// The canonical title of the code.
    pub title: String,
    /// What is wrong and what to change, in words a person can act on.
    pub detail: String,
    /// The field at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<Source>,
}

impl ApiError {
    /// An error with `code`'s number and title.
    pub fn new(code: Code, detail: impl Into<String>, pointer: Option<&str>) -> Self {
        ApiError {
            code: code.as_str().to_owned(),
            title: code.title().to_owned(),
            detail: detail.into(),
            source: pointer.map(|p| Source {
                pointer: p.to_owned(),
            }),
        }
    }

    /// The code, if it is one this crate knows.
    pub fn known_code(&self) -> Option<Code> {
        Code::parse(&self.code)
    }

    /// The JSON pointer, if any.
    pub fn pointer(&self) -> Option<&str> {
        self.source.as_ref().map(|s| s.pointer.as_str())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.title)?;
        if let Some(p) = self.pointer() {
            write!(f, " at {p}")?;
        }
        write!(f, ": {}", self.detail)
    }
}

/// Why a body could not be read as a send request at all: it is not JSON, not an object,
/// or a field has a type that no reading of the API accepts.
///
/// [`ParseError::api_error`] gives it in the API's shape (10015 "Bad Request", with the
/// pointer of the field at fault).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Not JSON (or nested deeper than 128 levels): serde_json's message, with line and column.
    #[error("the request is not valid JSON: {message}")]
    Syntax {
        /// What the JSON parser said, with its line and column.
        message: String,
    },
    /// Valid JSON, but not an object.
    #[error(
        "the request must be a JSON object such as {{\"to\": \"+14155552671\", \"text\": \"Hi\"}}, not {found}"
    )]
    NotAnObject {
        /// What it was (an array, a string, …).
        found: &'static str,
    },
    /// A field holds the wrong type.
    #[error("{pointer}: expected {expected}, found {found}")]
    WrongType {
        /// The JSON pointer of the field.
        pointer: String,
        /// What the field takes.
        expected: &'static str,
        /// The JSON type it held.
        found: &'static str,
    },
    /// A field holds a value outside its set (`type`, `encoding`).
    #[error("{pointer}: {value:?} is not one of {expected}")]
    BadValue {
        /// The JSON pointer of the field.
        pointer: String,
        /// The value given (at most 40 characters of it).
        value: String,
        /// The values the field takes.
        expected: &'static str,
    },
}

impl ParseError {
    /// The JSON pointer of the field at fault, if the error is about one field.
    pub fn pointer(&self) -> Option<&str> {
        match self {
            ParseError::WrongType { pointer, .. } | ParseError::BadValue { pointer, .. } => {
                Some(pointer)
            }
            ParseError::Syntax { .. } | ParseError::NotAnObject { .. } => None,
        }
    }

    /// A stable machine-readable name: `syntax`, `not_an_object`, `wrong_type`, `bad_value`.
    pub fn kind(&self) -> &'static str {
        match self {
            ParseError::Syntax { .. } => "syntax",
            ParseError::NotAnObject { .. } => "not_an_object",
            ParseError::WrongType { .. } => "wrong_type",
            ParseError::BadValue { .. } => "bad_value",
        }
    }

    /// The error as the API would give it: 10015 "Bad Request" with the field's pointer.
    pub fn api_error(&self) -> ApiError {
        ApiError::new(Code::BadRequest, self.to_string(), self.pointer())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_is_telnyx() {
        let e = ApiError::new(Code::MessageTooLarge, "too long", Some("/text"));
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"40302","title":"Message too large","detail":"too long","source":{"pointer":"/text"}}"#
        );
        let e = ApiError::new(Code::NoContent, "x", None);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"code": "40316", "title": "No content provided for message", "detail": "x"})
        );
    }

    #[test]
    fn codes_are_distinct_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()));
            assert_eq!(Code::parse(c.as_str()), Some(c));
            if c.is_telnyx() {
                assert_eq!(Code::from_number(c.as_str().parse().unwrap()), Some(c));
            }
            assert!(!c.title().is_empty());
        }
        assert_eq!(Code::from_number(40001), None);
    }
}
