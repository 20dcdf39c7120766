"""The entries of a forward plan (or a log of decisions) in a layout no heading rule knows,
found from the fields each entry repeats.

A plan lists entries that share one set of fields: "Decision maker:", "Date:", "Consultation:",
"Lead officer:", "Exempt:" in one council's layout; "Title:", "Decision by:", "Summary:",
"Responsible officer:" in another's. Whatever the labels are, they repeat once per entry, so
the first of them marks where each entry starts, and a short line just above it (not a field)
is the entry's title. :func:`entry_starts` is tried only when neither numbered headings nor
headings in capitals cut a document into items (``monitor.items.split_items``), and only for a
set of repeated fields that a plan has: at least three labels that repeat, two of them the
fields of a decision to come (who decides, when, who is consulted, who leads), and none of a
minute's own ("Resolved:", "Proposed:").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

__all__ = ["entry_starts"]

# A field line: a short label, a colon, and its value (or none, the value below).
_FIELD = re.compile(r"^\s*(?P<label>[A-Z][\w()'’/&-]*(?: [\w()'’/&-]+){0,4}?)\s*:(?:\s|$)")
# Labels a plan entry has: who decides, when, who is consulted, who leads, what it is.
_PLAN_LABEL = re.compile(
    r"^(?:decision(?: maker| by| taker| due| date| type| status| required)?|(?:key|urgent) "
    r"decision\??|date(?: of decision)?|meeting(?: date)?|(?:expected|anticipated) date|"
    r"consultation(?: process| proposed| undertaken)?|consultees|(?:proposed )?consultation|"
    r"lead (?:officer|member)|(?:responsible|contact) officer|report author|portfolio(?: holder)?|"
    r"cabinet member|wards?(?: affected)?|exempt\??|private(?: item)?|purpose(?: of report)?|"
    r"summary|documents(?: to be considered)?|committee|reference|ref)$",
    re.I,
)
# Labels of minutes, whose resolutions repeat too: not a plan.
_MINUTE_LABEL = re.compile(
    r"^(?:resolved|agreed|decided|proposed|seconded|moved|carried|reasons?(?: for decision)?|"
    r"present|apologies|in attendance)$",
    re.I,
)
_MIN_REPEATED_LABELS = 3
_MIN_PLAN_LABELS = 2
_MIN_ENTRIES = 2
# A title above an entry's first field: a short line, not a sentence.
_MAX_TITLE_WORDS = 30
_TITLE_LOOKBACK = 2


def _label(line: str) -> str | None:
    m = _FIELD.match(line)
    return " ".join(m.group("label").lower().split()) if m else None


def entry_starts(pages: Sequence[Sequence[str]]) -> dict[tuple[int, int], str]:
    """Where each entry starts, ``(page index, line index)`` (its title line when it has one,
    else its first field), mapped to the entry's heading. Empty when the document repeats no
    plan's fields."""
    labels = [[_label(line) for line in lines] for lines in pages]
    counts = Counter(label for page in labels for label in page if label)
    repeated = {label for label, n in counts.items() if n >= _MIN_ENTRIES}
    if not repeated:
        return _table_rows(pages)
    if (
        len(repeated) < _MIN_REPEATED_LABELS
        or sum(1 for label in repeated if _PLAN_LABEL.match(label)) < _MIN_PLAN_LABELS
        or any(_MINUTE_LABEL.match(label) for label in repeated)
    ):
        return {}
    # Each entry starts at the first of the repeated fields: the one that comes first.
    first = next(label for page in labels for label in page if label in repeated)
    starts: dict[tuple[int, int], str] = {}
    for p, (lines, page_labels) in enumerate(zip(pages, labels, strict=True)):
        for k, label in enumerate(page_labels):
            if label != first:
                continue
            heading, begin = " ".join(lines[k].split()), k
            above = [j for j in range(max(0, k - _TITLE_LOOKBACK), k) if lines[j].strip()]
            if above:
                j = above[-1]
                title = " ".join(lines[j].split())
                if (
                    page_labels[j] is None
                    and len(title.split()) <= _MAX_TITLE_WORDS
                    and not title.endswith(".")
                ):
                    heading, begin = title, j
            starts[(p, begin)] = heading
    if len(starts) < _MIN_ENTRIES or _running_header(pages, labels, first, repeated):
        return {}
    return starts


def _running_header(
    pages: Sequence[Sequence[str]],
    labels: list[list[str | None]],
    first: str,
    repeated: set[str],
) -> bool:
    """Whether the repeated fields are a report's running header ("Report to: Cabinet /
    Subject: Future delivery of the leisure service" printed on every page): the same field
    lines each time, where a plan's entries differ in at least one field."""
    blocks: list[tuple[str, ...]] = []
    for lines, page_labels in zip(pages, labels, strict=True):
        for line, label in zip(lines, page_labels, strict=True):
            if label == first:
                blocks.append(())
            if blocks and label in repeated:
                blocks[-1] += (" ".join(line.split()).lower(),)
    return len(set(blocks)) * 2 <= len(blocks)


# A plan printed as a table with a header row and no reference to open each row: "| Title |
# Summary of decision | Decision maker | Expected date | Consultation | Documents |", then one
# entry a row. The header names the plan's fields; each row after it is an entry.
_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_SEPARATOR = re.compile(r"^[\s|:-]+$")
# (a row of a plan has a title and at least two fields: who decides, when)
_MIN_ROW_CELLS = 3
_TITLE_CELL = re.compile(
    r"^(?:title|subject|item|matter|(?:summary of |details of )?decision)$", re.I
)


def _cells(line: str) -> list[str] | None:
    row = _ROW.match(line)
    return [" ".join(c.split()) for c in row.group("cells").split("|")] if row else None


def _table_rows(pages: Sequence[Sequence[str]]) -> dict[tuple[int, int], str]:
    """The rows of a plan table under a header that names a plan's fields, each row's first
    cell its heading; empty when there is no such table."""
    starts: dict[tuple[int, int], str] = {}
    in_plan = False
    for p, lines in enumerate(pages):
        for k, line in enumerate(lines):
            cells = _cells(line)
            if cells is None:
                in_plan = False
                continue
            if _SEPARATOR.match(line):
                continue
            labels = [cell.lower() for cell in cells]
            if sum(
                1 for label in labels if _PLAN_LABEL.match(label)
            ) >= _MIN_PLAN_LABELS and _TITLE_CELL.match(labels[0]):
                in_plan = True  # the header
                continue
            if in_plan and cells[0] and len(cells) >= _MIN_ROW_CELLS:
                starts[(p, k)] = cells[0]
    return starts if len(starts) >= _MIN_ENTRIES else {}
