"""Cleaning what is kept of a release: mojibake repaired, personal contact data removed.

Procurement officers' names, e-mails and phone numbers (``contactPoint``) are removed from
everything that is kept, and e-mail addresses inside free text are redacted.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import ftfy
from ftfy.badness import is_bad

from crawlers.ocds_packages import InvalidRelease

# Keys whose values are (or hold) personal contact details. ``contactPoint`` and
# ``additionalContactPoints`` in OCDS; the rest wherever a publisher puts them.
_PERSONAL_KEY = re.compile(r"contact|e-?mail|phone|fax|mobile", re.I)
_EMAIL = re.compile(r"[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
EMAIL_REDACTED = "[email removed]"
# Deepest nesting kept in a release. Real releases are about ten levels deep; the bound
# keeps the recursive cleaning below and the JSON encoder of the database column well
# inside Python's recursion limit, so a freak release fails alone instead of crashing.
MAX_RELEASE_DEPTH = 100

_FTFY_CONFIG = ftfy.TextFixerConfig(
    # Only undo mojibake; leave quotes, line breaks, HTML and Unicode forms as published.
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


# UTF-8 read as Latin-1 or Windows-1252 always shows a lead byte as one of "Â".."ô"; text
# without any is left alone without asking ftfy (which is slow on long text).
_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4]")


def clean_text(text: str) -> str:
    """Mojibake repaired (``Â£`` → ``£``) and e-mail addresses redacted."""
    if not text.isascii() and _MOJIBAKE_LEAD.search(text) and is_bad(text):
        text = ftfy.fix_text(text, _FTFY_CONFIG)
    if "@" in text:
        text = _EMAIL.sub(EMAIL_REDACTED, text)
    return text


@cache
def _is_personal(key: str) -> bool:
    return bool(_PERSONAL_KEY.search(key))


def scrub(value: Any, depth: int = 0) -> Any:
    """A copy of ``value`` without personal contact fields, with every string cleaned.

    Raises ``InvalidRelease`` past ``MAX_RELEASE_DEPTH`` levels of nesting."""
    if depth > MAX_RELEASE_DEPTH:
        raise _too_deep()
    if isinstance(value, dict):
        return _scrub_dict(value, depth)
    if isinstance(value, list):
        return _scrub_list(value, depth)
    if isinstance(value, str):
        return clean_text(value)
    return value


# Strings, numbers and None (most values of a release) are handled in the loops below without
# a call each, and dicts and lists nested in them go straight to the loop of their kind: the
# calls were most of the cleaning's cost (issue 14). Each kept value one level down counts
# as in ``scrub``: a container at ``depth`` may hold values only if ``depth + 1`` is allowed.


def _scrub_dict(value: dict[Any, Any], depth: int) -> dict[Any, Any]:
    kept = {}
    too_deep = depth + 1 > MAX_RELEASE_DEPTH
    for key, item in value.items():
        if _is_personal(key):
            continue
        if too_deep:
            raise _too_deep()
        kind = type(item)
        if kind is str:
            # clean_text changes nothing in ASCII text without an "@" (most strings).
            kept[key] = item if item.isascii() and "@" not in item else clean_text(item)
        elif kind is dict:
            kept[key] = _scrub_dict(item, depth + 1)
        elif kind is list:
            kept[key] = _scrub_list(item, depth + 1)
        elif kind is int or kind is float or kind is bool or item is None:
            kept[key] = item
        else:
            kept[key] = scrub(item, depth + 1)
    return kept


def _scrub_list(value: list[Any], depth: int) -> list[Any]:
    if value and depth + 1 > MAX_RELEASE_DEPTH:
        raise _too_deep()
    kept = []
    for item in value:
        kind = type(item)
        if kind is str:
            kept.append(item if item.isascii() and "@" not in item else clean_text(item))
        elif kind is dict:
            kept.append(_scrub_dict(item, depth + 1))
        elif kind is list:
            kept.append(_scrub_list(item, depth + 1))
        elif kind is int or kind is float or kind is bool or item is None:
            kept.append(item)
        else:
            kept.append(scrub(item, depth + 1))
    return kept


def _too_deep() -> InvalidRelease:
    return InvalidRelease(f"nested more than {MAX_RELEASE_DEPTH} levels deep")
