"""Reading OCDS JSON tolerantly: the repairs the procurement services need.

Broken UTF-8 (Contracts Finder), numbers JSON can't hold (``1e9999``, kingfisher-collect
#592) and numbers with leading zeros (``"amount": 000``, #1270) are repaired and reported,
never fatal; nesting past the interpreter's limits is ``InvalidJSON``, not a crash.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any


class InvalidJSON(ValueError):
    """A body or file that is not JSON even after the known repairs."""


@dataclass
class ParsedJSON:
    value: Any
    # What had to be repaired: "invalid-utf8", "non-finite-number", "leading-zero-number",
    # "huge-integer".
    repairs: list[str] = field(default_factory=list)


def _bad_bytes_as_latin1(error: UnicodeError) -> tuple[str, int]:
    # Bytes that are not UTF-8 are read as Latin-1, so that a double-encoded "â\x80\x93"
    # (kingfisher-collect #1004) stays repairable by ftfy instead of becoming "�".
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("oursay-latin1", _bad_bytes_as_latin1)


def decode_body(body: bytes) -> tuple[str, bool]:
    """UTF-8 text of ``body`` and whether it had to be repaired."""
    try:
        return body.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        return body.decode("utf-8-sig", errors="oursay-latin1"), True


# A JSON string, or a number with superfluous leading zeros outside strings.
_LEADING_ZERO = re.compile(r'"(?:[^"\\]|\\.)*"|(?<![\w.])(-?)0+(?=\d)')


def _strip_leading_zeros(text: str) -> str:
    return _LEADING_ZERO.sub(lambda m: m.group(0) if m.group(0)[0] == '"' else m.group(1), text)


# Below Python's default int_max_str_digits (4,300).
_MAX_INT_DIGITS = 4000


def parse_json(body: bytes | str) -> ParsedJSON:
    """Parse ``body``, repairing what the procurement services are known to get wrong."""
    repairs: list[str] = []
    if isinstance(body, bytes):
        text, repaired = decode_body(body)
        if repaired:
            repairs.append("invalid-utf8")
    else:
        text = body.removeprefix("\ufeff")

    # FTS writes "unlimited" as 1e9999 (kingfisher-collect #592). JSON columns can't hold
    # infinity, so such numbers are kept as their own text: nothing is lost or invented.
    def parse_float(token: str) -> float | str:
        number = float(token)
        if math.isfinite(number):
            return number
        if "non-finite-number" not in repairs:
            repairs.append("non-finite-number")
        return token

    # Python refuses to convert integers past 4,300 digits (a guard against quadratic
    # time), raising a plain ValueError that stopped a whole ingest (found by
    # tests/test_fuzz.py). No real amount or count is that long: kept as its own text too.
    def parse_int(token: str) -> int | str:
        if len(token.lstrip("-")) <= _MAX_INT_DIGITS:
            return int(token)
        if "huge-integer" not in repairs:
            repairs.append("huge-integer")
        return token

    def parse_constant(token: str) -> str:
        if "non-finite-number" not in repairs:
            repairs.append("non-finite-number")
        return token

    def load(source: str) -> Any:
        try:
            return json.loads(
                source,
                parse_float=parse_float,
                parse_int=parse_int,
                parse_constant=parse_constant,
            )
        # Nesting deeper than the interpreter's recursion limit (a few hundred levels; real
        # OCDS is about ten deep) and bodies too big for memory are bad input, not crashes.
        except RecursionError:
            raise InvalidJSON("invalid JSON: nested too deeply to read") from None
        except MemoryError:
            raise InvalidJSON("too large to read into memory") from None

    try:
        value = load(text)
    except json.JSONDecodeError as error:
        fixed = _strip_leading_zeros(text)
        if fixed == text:
            raise InvalidJSON(f"invalid JSON: {error}") from None
        try:
            value = load(fixed)
        except json.JSONDecodeError:
            raise InvalidJSON(f"invalid JSON: {error}") from None
        repairs.append("leading-zero-number")
    return ParsedJSON(value, repairs)
