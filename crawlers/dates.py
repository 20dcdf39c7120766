"""Dates as UK council sites write them, with how precise each one is.

Seen on real pages: ``10/02/2026`` (ModernGov), ``01/Sep/2026`` (CMIS calendars),
``Tuesday, 10th February, 2026``, ``1st September 2026``, ``10 Feb. 2026``, and on forward
plans month-only due dates: ``March 2027``, ``Sept 2026``. A month-only date stands for the
first of its month with precision ``month``, so a plan entry due "March 2027" keeps both
its place in time and the fact that no day was given.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

Precision = Literal["day", "month"]

_MONTH_NAMES = (
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december"),
)  # fmt: skip
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}

_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
# "01/Sep/2026", "1-Sep-2026": CMIS calendars and some exports.
_DAY_MON_YEAR = re.compile(r"\b(\d{1,2})[/-]([A-Za-z]{3,9})[/-](\d{4})\b")
_WORDY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_ONLY = re.compile(r"\b([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower())


def dated(text: str | None) -> list[tuple[date, Precision]]:
    """Every date in ``text`` in order, each with its precision.

    Month-only dates count only when the text has no full date: in "1 April 2026" the
    "April 2026" is part of the day, and a heading that gives a day is precise.
    """
    source = text or ""
    found: list[tuple[int, date]] = []
    spans: list[tuple[int, int]] = []
    for match in _NUMERIC.finditer(source):
        day, month, year = (int(g) for g in match.groups())
        _add(found, spans, match, year, month, day)
    for pattern in (_DAY_MON_YEAR, _WORDY):
        for match in pattern.finditer(source):
            month = _month(match.group(2))
            if month is not None:
                _add(found, spans, match, int(match.group(3)), month, int(match.group(1)))
    if found:
        return [(d, "day") for _, d in sorted(found)]
    months: list[tuple[date, Precision]] = []
    for match in _MONTH_ONLY.finditer(source):
        month = _month(match.group(1))
        if month is not None and 1900 < int(match.group(2)) < 2200:
            months.append((date(int(match.group(2)), month, 1), "month"))
    return months


def _add(
    found: list[tuple[int, date]], spans: list[tuple[int, int]], match: re.Match[str],
    year: int, month: int, day: int,
) -> None:  # fmt: skip
    if any(start <= match.start() < end for start, end in spans):
        return  # already read as another form
    try:
        found.append((match.start(), date(year, month, day)))
    except ValueError:
        return  # 31/02/2026 and the like: not a date
    spans.append(match.span())


def uk_dates(text: str | None) -> list[date]:
    """Every date in a text, UK style (see the module docstring for the forms)."""
    return [d for d, _precision in dated(text)]


def uk_date(text: str | None) -> date | None:
    dates = uk_dates(text)
    return dates[0] if dates else None


def uk_date_precise(text: str | None) -> tuple[date | None, Precision | None]:
    """The first date in ``text`` and its precision, or ``(None, None)``."""
    found = dated(text)
    return found[0] if found else (None, None)
