// Types of the npm package `sms-preflight` (main entry: the text engine). Hand-written to
// match bindings/wasm/src; examples/check.ts is type-checked against them in CI.

/** The encoding a text is sent in. */
export type Encoding = 'GSM-7' | 'UCS-2';

/** The GSM-7 character set: 3GPP's, or Telnyx's published set without / with the euro sign. */
export type Charset = 'standard' | 'telnyx' | 'telnyx_euro';

/** A language with 3GPP national shift tables (TS 23.038 Annex A). */
export type NationalLanguage =
  | 'tr' | 'es' | 'pt' | 'bn' | 'gu' | 'hi' | 'kn' | 'ml' | 'or' | 'pa' | 'ta' | 'te' | 'ur';

/** Options of `analyze`, `count` and `smartEncode`. Unknown keys throw `invalid_option`. */
export interface Options {
  /** Start from a profile: `standard` (3GPP, the default) or `telnyx` (its charset, 8-bit reference, at most 10 parts). Other keys refine it. */
  profile?: 'standard' | 'telnyx';
  /** GSM-7 character set. Default: `standard` (`telnyx` with the Telnyx profile). `telnyx-euro` is accepted too. */
  charset?: Charset | 'telnyx-euro';
  /** Concatenation reference: `8bit` (153/67 per part, the default) or `16bit` (152/66). */
  reference?: '8bit' | '16bit' | 8 | 16;
  /** Where parts may end: keep grapheme clusters whole (default) or split between code points. */
  split?: 'graphemes' | 'codepoints';
  /** Requested encoding, as Telnyx's `encoding` field: `auto` (default), `gsm7` or `ucs2`. */
  encoding?: 'auto' | 'gsm7' | 'ucs2';
  /** The provider's part limit; exceeding it adds a warning. Default: none (10 with `telnyx`). */
  maxParts?: number | null;
  /** National shift tables the sender may use: `'all'`, `'none'`, `'tr,es'`, a list, or a boolean. Needs charset `standard`. Default: none. */
  national?: 'all' | 'none' | string | readonly NationalLanguage[] | boolean;
}

/** Options of `smartEncode`: the text options plus the replacement list. */
export interface SmartOptions extends Options {
  /** Smart encoding's list: `telnyx` (default here) or `off`. */
  smart?: 'telnyx' | 'off';
}

/** The cheap answer of `count`: no segment list. */
export interface Count {
  encoding: Encoding;
  /** Septets (GSM-7) or UTF-16 units (UCS-2). */
  units: number;
  parts: number;
  /** Units left in the last part. */
  remaining: number;
  /** Capacity of each part: 160/70 for one part, 153/67 (or 152/66) for each of several. */
  partCapacity: number;
  /** Characters (code points). */
  chars: number;
}

/** One part of the message. `start`/`end` are UTF-16 offsets: `text.slice(start, end)`. */
export interface Segment {
  start: number;
  end: number;
  utf8Start: number;
  utf8End: number;
  /** Units this part holds. */
  units: number;
  /** Units it could hold. */
  capacity: number;
  /** The part's text. */
  text: string;
}

/** A character that keeps the text from being GSM-7, with its UTF-16 range. */
export interface NonGsmChar {
  /** The character (U+FFFD for a lone surrogate). */
  char: string;
  /** `U+00E7`. */
  codePoint: string;
  start: number;
  end: number;
  /** UTF-8 byte offset (of the U+FFFD for a lone surrogate). */
  utf8: number;
  /** True for an unpaired UTF-16 surrogate in the input. */
  loneSurrogate: boolean;
  /** A readable name: `'ç' (U+00E7)`, `U+200B (invisible)`. */
  description: string;
}

/** Something worth telling that does not stop the analysis. */
export type Warning =
  | { kind: 'exceeds_max_parts'; parts: number; max: number; message: string }
  | { kind: 'exceeds_concat_limit'; parts: number; message: string }
  | { kind: 'lone_surrogates'; count: number; message: string }
  | { kind: 'other'; message: string };

/** The full answer of `analyze`. */
export interface Analysis extends Count {
  charset: Charset;
  nationalLockingShift: NationalLanguage | null;
  nationalSingleShift: NationalLanguage | null;
  /** User data header octets in each part (0 for a single part). */
  udhOctets: number;
  singlePartCapacity: number;
  multipartCapacity: number;
  graphemes: number;
  utf8Len: number;
  /** Equals the string's `.length`. */
  utf16Len: number;
  segments: Segment[];
  nonGsm: NonGsmChar[];
  warnings: Warning[];
}

/** One character that smart encoding replaced or removed. */
export interface Replacement {
  original: string;
  codePoint: string;
  /** `''` when the character is removed. */
  replacement: string;
  /** UTF-16 offset in the original text. */
  start: number;
  utf8: number;
  /** UTF-16 offset in the new text. */
  newStart: number;
  newUtf8: number;
  description: string;
}

/** What smart encoding would do to a text. */
export interface SmartResult {
  /** Whether it ran (it is skipped for encoding `ucs2`, or when `smart` is `off` with encoding `auto`). */
  enabled: boolean;
  /** Whether it changed anything. */
  applied: boolean;
  requested: 'auto' | 'gsm7' | 'ucs2';
  charset: Charset;
  /** The text that would be sent (a lone surrogate of the input comes back as U+FFFD). */
  text: string;
  replacements: Replacement[];
  replacedCharacterCount: number;
  characterCount: number;
  lengthChange: number;
  before: Count;
  after: Count;
  /** `before.parts - after.parts` (negative when it costs parts). */
  partsSaved: number;
  costsParts: boolean;
  stillNonGsm: NonGsmChar[];
  summary: string;
}

/** Stable error codes of the text functions. */
export type TextErrorCode =
  | 'invalid_input'
  | 'invalid_option'
  | 'conflicting_options'
  | 'not_gsm7'
  | 'empty_after_smart_encoding'
  | 'not_initialized';

/** The one error class the package throws. `code` is stable; `message` says what to do. */
export declare class SmsPreflightError extends Error {
  readonly name: 'SmsPreflightError';
  /** A stable machine-readable code (see `TextErrorCode`, and `PhoneErrorCode` in `sms-preflight/full`). */
  readonly code: string;
  /** `not_gsm7`: the charset checked against. */
  readonly charset?: Charset;
  /** `not_gsm7`: every offending character; `empty_after_smart_encoding`: the characters removed. */
  readonly chars?: NonGsmChar[] | string[];
  /** `empty_after_smart_encoding`: how many characters were removed. */
  readonly removed?: number;
  /** Phone and address errors: the Telnyx API error code this input would draw, or null. */
  readonly telnyxCode?: number | null;
}

/** The full analysis: encoding, parts with their UTF-16 ranges, the characters that force UCS-2. */
export declare function analyze(text: string, options?: Options): Analysis;
/** The cheap answer for a live counter: encoding, units, parts, remaining. */
export declare function count(text: string, options?: Options): Count;
/** What smart encoding (Telnyx's look-alike replacements) would change, with counts before and after. */
export declare function smartEncode(text: string, options?: SmartOptions): SmartResult;

/** What `init` accepts: the .wasm's URL, a fetch Response, its bytes or a compiled module. */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;
/**
 * Loads the .wasm. Browsers must `await init()` before the first call (the .wasm is fetched
 * from beside the module unless `input` says otherwise). In Node it does nothing.
 */
export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;
