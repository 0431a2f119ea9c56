#!/usr/bin/env python3
"""Generate src/phone/metadata_slim.bin from the phone engine's own metadata.

The input is `src/generated/metadata/metadata.bin` of the pinned rlibphonenumber (found
through `cargo metadata`, or given as the only argument): libphonenumber's
PhoneMetadataCollection, protobuf (rlibphonenumber's resources/phonemetadata.proto). The
output is the same collection without what sms-preflight never reads, for the cargo feature
`slim-phone-metadata` (the npm package's `full` entry): 6.4 KB less .wasm, gzip (and
src/phone/metadata.rs reads it instead of prost, 2.7 KB less).

Removed, by field number of phonemetadata.proto:
  PhoneNumberDesc.example_number (6)               only example_number() reads it
  PhoneMetadata.no_international_dialling (24)     only can_be_internationally_dialled()
  PhoneMetadata.preferred_international_prefix (17) only out-of-country formatting
  PhoneMetadata.mobile_number_portable_region (32) read by nothing
  NumberFormat.domestic_carrier_code_formatting_rule (5)
                                                    only formatting with a carrier code
  NumberFormat.national_prefix_optional_when_formatting (6)
                                                    only the matcher and as-you-type
  NumberFormat.national_prefix_formatting_rule (4) in intl_number_format only: the rule
                                                    applies to the NATIONAL format, which
                                                    reads number_format
The regions are ordered by country calling code (gzip finds more in common between
neighbours; 1 KB). The order of the regions that share a calling code is kept: the engine
lists them in that order. Everything else is copied byte for byte.

src/phone/engine.rs's tests prove the result: with the slim collection the engine gives the
same answers as with the full one (parse, formats, validity, type, region, length check) on
every example number of every region and type, their national and international spellings,
and the phone oracle's inputs. Run from the repository root:

    python3 scripts/gen_phone_metadata.py          # rewrite src/phone/metadata_slim.bin
    python3 scripts/gen_phone_metadata.py --check  # exit 1 if the file is out of date
"""
import gzip
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "phone" / "metadata_slim.bin"

DESC_FIELDS = {1, 2, 3, 4, 5, 6, 7, 8, 21, 25, 27, 28, 29, 30, 31, 33, 24}
DROP_METADATA = {24, 17, 32}
DROP_DESC = {6}
DROP_FORMAT = {5, 6}
DROP_INTL_FORMAT = {4, 5, 6}
NUMBER_FORMAT, INTL_NUMBER_FORMAT, COUNTRY_CODE = 19, 20, 10


def metadata_path():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if args:
        return Path(args[0])
    out = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--manifest-path", str(ROOT / "Cargo.toml")],
        check=True,
        capture_output=True,
    )
    packages = json.loads(out.stdout)["packages"]
    pkg = next(p for p in packages if p["name"] == "rlibphonenumber")
    assert pkg["version"] == "2.2.15", "regenerate for the pinned version only: " + pkg["version"]
    return Path(pkg["manifest_path"]).parent / "src/generated/metadata/metadata.bin"


def varint(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def fields(b):
    """(field number, wire type, value, raw bytes of the whole field), in order."""
    i, out = 0, []
    while i < len(b):
        start = i
        key, i = varint(b, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = varint(b, i)
        elif wire == 2:
            n, i = varint(b, i)
            value = b[i : i + n]
            i += n
        else:
            raise ValueError(f"unexpected wire type {wire}")
        out.append((number, wire, value, b[start:i]))
    return out


def enc_varint(n):
    out = bytearray()
    while True:
        x, n = n & 0x7F, n >> 7
        if n:
            out.append(x | 0x80)
        else:
            out.append(x)
            return bytes(out)


def enc_bytes(number, value):
    return enc_varint(number << 3 | 2) + enc_varint(len(value)) + value


def keep(message, drop):
    return b"".join(raw for number, _, _, raw in fields(message) if number not in drop)


def slim_region(message):
    out = b""
    for number, _, value, raw in fields(message):
        if number in DROP_METADATA:
            continue
        if number in DESC_FIELDS:
            out += enc_bytes(number, keep(value, DROP_DESC))
        elif number == NUMBER_FORMAT:
            out += enc_bytes(number, keep(value, DROP_FORMAT))
        elif number == INTL_NUMBER_FORMAT:
            out += enc_bytes(number, keep(value, DROP_INTL_FORMAT))
        else:
            out += raw
    return out


def calling_code(message):
    return next((v for n, _, v, _ in fields(message) if n == COUNTRY_CODE), 0)


def main():
    source = metadata_path().read_bytes()
    regions = [value for number, _, value, _ in fields(source) if number == 1]
    assert len(regions) == len(fields(source)), "a PhoneMetadataCollection has only field 1"
    regions = [slim_region(r) for r in regions]
    regions.sort(key=calling_code)  # stable: regions sharing a code keep their order
    slim = b"".join(enc_bytes(1, r) for r in regions)
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_bytes() != slim:
            print(f"{OUT.relative_to(ROOT)} is out of date: run python3 scripts/gen_phone_metadata.py", file=sys.stderr)
            sys.exit(1)
        return
    OUT.write_bytes(slim)
    gz = lambda b: len(gzip.compress(b, 9, mtime=0))
    print(
        f"{len(regions)} regions: {len(source):,} -> {len(slim):,} bytes, "
        f"gzip {gz(source):,} -> {gz(slim):,}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
