// Types of `sms-preflight/full`: everything of the main entry, plus phone numbers,
// addresses, the send-request validator and cost estimates.
export * from './index.js';
export { default } from './index.js';
import type { Encoding, Options } from './index.js';

/** Options of `normalizePhone` and `classifyAddress`. */
export interface PhoneOptions {
  /** ISO 3166 alpha-2 region for numbers written without a country code, e.g. `'US'`. */
  defaultRegion?: string | null;
}

/** The libphonenumber type of a number. */
export type NumberType =
  | 'fixed_line' | 'mobile' | 'fixed_line_or_mobile' | 'toll_free' | 'premium_rate' | 'shared_cost'
  | 'voip' | 'personal_number' | 'pager' | 'uan' | 'voicemail' | 'unknown';

/** A phone number normalized to E.164. */
export interface PhoneNumber {
  /** `+14155552671`. */
  e164: string;
  countryCode: number;
  nationalNumber: string;
  extension: string | null;
  /** ISO 3166 alpha-2, `'001'` for non-geographic numbers, null when no region claims it. */
  region: string | null;
  type: NumberType;
  isPossible: boolean;
  possibleReason: 'is_possible' | 'is_possible_local_only' | 'invalid_country_code' | 'too_short' | 'invalid_length' | 'too_long';
  isValid: boolean;
  /** `+1 415-555-2671`. */
  international: string;
  /** `(415) 555-2671`. */
  national: string;
}

/** What kind of `to`/`from` value an address is, as Telnyx reads it. */
export type Address =
  | { kind: 'e164'; value: string; number: PhoneNumber; canonical: boolean }
  | { kind: 'short_code'; value: string }
  | { kind: 'alphanumeric_sender_id'; value: string };

/** Stable error codes of the phone, request and cost functions. */
export type PhoneErrorCode =
  | 'input_too_long' | 'unsupported_region' | 'not_a_number' | 'missing_country_code' | 'invalid_country_code'
  | 'too_short_after_idd' | 'too_short_nsn' | 'too_long_nsn' | 'empty' | 'too_many_digits' | 'impossible_number'
  | 'short_code_length' | 'sender_id_too_long' | 'sender_id_needs_letter' | 'sender_id_invalid_char' | 'unrecognized';
export type RequestErrorCode =
  | 'syntax' | 'not_an_object' | 'wrong_type' | 'bad_value' | 'invalid_rate_card'
  | 'missing_rate' | 'mixed_currencies' | 'overflow' | 'no_recipient';

/**
 * The body of Telnyx's `POST /v2/messages`. Telnyx's SDK `MessageSendParams` (what
 * `client.messages.send()` takes) is assignable to it.
 */
export interface MessageRequest {
  from?: string;
  /** One number, or several for a group MMS. */
  to?: string | readonly string[];
  text?: string;
  subject?: string;
  media_urls?: readonly string[];
  type?: 'SMS' | 'MMS';
  encoding?: 'auto' | 'gsm7' | 'ucs2';
  auto_detect?: boolean;
  messaging_profile_id?: string;
  send_at?: string | null;
  webhook_url?: string;
  webhook_failover_url?: string;
  use_profile_webhooks?: boolean;
  /** Not a Telnyx field: the sizes of the media in bytes, when the caller knows them. */
  media_sizes?: readonly number[];
}

/** The limits the validator applies (snake_case, as the Rust `Policy`); every field is optional. */
export interface Policy {
  text?: Options;
  lenient_charset?: 'standard' | 'telnyx' | 'telnyx_euro';
  max_parts?: number;
  auto_detect_max_parts?: number;
  auto_detect_is_error?: boolean;
  length_warning_chars?: number;
  smart_encoding?: 'off' | 'telnyx';
  max_media?: number;
  max_media_bytes?: number;
  max_media_bytes_lenient?: number;
  max_url_chars?: number;
  max_group_recipients?: number;
  alphanumeric_blocked_regions?: string[];
  us_long_code_fallback?: boolean;
  mms_regions?: string[];
  default_region?: string | null;
  rate_card?: RateCard | null;
}

/** One error or warning, exactly in Telnyx's error shape. */
export interface ApiError {
  /** The Telnyx code, e.g. `'40302'` (warnings may carry this crate's advisory `P1xx` codes). */
  code: string;
  title: string;
  detail: string;
  source?: { pointer: string };
}

/** An amount of money as a decimal string, e.g. `{amount: '0.0051', currency: 'USD'}`. */
export interface Money {
  amount: string;
  currency: string;
}

/** How a `to`/`from` value was read. */
export interface AddressReport {
  pointer: string;
  input: string;
  kind: 'e164' | 'short_code' | 'alphanumeric_sender_id' | null;
  api_value: string | null;
  region: string | null;
  number_type: NumberType | null;
  valid: boolean | null;
}

/** The validator's verdict, with the figures of the API's response (snake_case, as the API). */
export interface Report {
  valid: boolean;
  errors: ApiError[];
  warnings: ApiError[];
  type: 'SMS' | 'MMS';
  encoding: Encoding | null;
  parts: number;
  units: number;
  num_chars: number;
  smart_encoding_applied: boolean;
  /** The lenient reading of a CONTESTED count, when it differs. */
  lenient: { encoding: Encoding; units: number; parts: number } | null;
  cost?: Money;
  cost_breakdown?: { rate: Money; carrier_fee: Money };
  from: AddressReport | null;
  to: AddressReport[];
}

/** Options of `validate`. */
export interface ValidateOptions {
  /** `'telnyx'` (default) or a policy object. */
  policy?: 'telnyx' | Policy;
  /** The time to check `send_at` against: a Date, ms since 1970 or RFC 3339. Default: now. */
  now?: Date | number | string;
}

/** A caller's price list: the most specific matching entry prices each recipient. */
export interface RateCard {
  entries: Array<{
    /** ISO 3166 alpha-2, or `'*'`. */
    country: string;
    sender: 'long_code' | 'toll_free' | 'short_code' | 'alphanumeric' | '*';
    type: 'SMS' | 'MMS' | '*';
    /** Decimal strings, per part for SMS and per message for MMS. */
    rate: string;
    carrier_fee: string;
    currency: string;
  }>;
}

/** A cost estimate (snake_case, as the API's `cost` and `cost_breakdown`). */
export interface Estimate {
  cost: Money;
  cost_breakdown: { rate: Money; carrier_fee: Money };
  message_type: 'SMS' | 'MMS';
  sender: 'long_code' | 'toll_free' | 'short_code' | 'alphanumeric' | null;
  parts: number;
  recipients: Array<{ to: string; country: string | null; billed_units: number; rate: string; carrier_fee: string; amount: string }>;
}

/** Normalizes a phone number to E.164. Throws `SmsPreflightError` (with `telnyxCode`) when it cannot. */
export declare function normalizePhone(input: string, options?: PhoneOptions): PhoneNumber;
/** Sorts a `to`/`from` value into E.164 number, short code or alphanumeric sender ID. */
export declare function classifyAddress(input: string, options?: PhoneOptions): Address;
/** Checks a whole send request offline, answering in Telnyx's error shape. Throws only when `request` is not a request. */
export declare function validate(request: MessageRequest, options?: ValidateOptions): Report;
/** Estimates the cost of a request from a rate card, in exact decimals. */
export declare function estimateCost(request: MessageRequest, rateCard: RateCard, options?: { policy?: 'telnyx' | Policy }): Estimate;
