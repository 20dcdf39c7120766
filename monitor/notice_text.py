"""The facts a procurement notice states about itself, read from its text.

``oursay classify`` and ``oursay evaluate`` receive notices as text: a Find a Tender, Contracts
Finder, Public Contracts Scotland or Sell2Wales page copied as it prints, or a notice
aggregator's copy of one. Those pages print the same structure the OCDS release holds, as
labelled lines:

- the notice type: "UK4: Tender notice - Procurement Act 2023", "Notice Type" / "UK6 - Contract
  Award Notice", "PCS Notice - Website Contract Notice";
- the category: "Main procurement category" / "Services", "Main category: Goods", "Procurement
  Category" / "- Works", "II.1.3) Type of contract" / "Supplies", "Contract type: Services";
- CPV codes, with or without their descriptions: "CPV classifications" / "- 85000000 - Health
  and social work services", "II.1.2) Main CPV code" / "79000000", "Industry" /
  "Architectural, construction, engineering and inspection services - 71000000", "CPV Codes" /
  "34144511 - Refuse-collection vehicles", "CPV: 90500000", "classified under CPV code
  71315200";
- the title: "Notice Title" / "...", or the line under the notice stage ("Tender", "Award").

:func:`notice_from_text` turns those lines into :class:`monitor.notices.NoticeFacts` (marked
``from_text``, each fact keeping the line it was read from), so that a notice given as text is
decided by the same :func:`monitor.notices.decide` as a stored release. The order in which a
copied page lists CPV codes is not reliably main-code-first (aggregators sort them), so codes
read from text are treated as a set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from monitor import cpv_groups as C
from monitor.notices import PUBLIC_BODY, Cpv, NoticeFacts

_I = re.IGNORECASE
# A line's list markers: "- ", "• ", "* ".
_BULLET: Final = re.compile(r"^[\s\-–•*·]+")
_CATEGORY_HEADING: Final = re.compile(
    r"^(?:ii\.1\.3\)\s*)?(?:main\s+procurement\s+category|main\s+category|procurement\s+category"
    r"|category|type\s+of\s+contract|contract\s+type|nature\s+of\s+(?:the\s+)?contract)"
    r"\s*(?::\s*(?P<value>.*))?$",
    _I,
)
# "Services", "Supply contract" (Contracts Finder), "Works".
_CATEGORY_VALUE: Final = re.compile(
    r"^(?P<word>services?|goods|supplies|supply|works)(?:\s+contract)?\.?$", _I
)
# A category printed on its own: "Contract (Works)" (notice listings).
_CATEGORY_ALONE: Final = re.compile(
    r"^contract\s*\((?P<word>services?|goods|supplies|supply|works)\)$", _I
)
_CATEGORY_NAME: Final = {"service": "services", "supplies": "goods", "supply": "goods"}
# Headings under which bare codes are CPV codes.
_CPV_HEADING: Final = re.compile(
    r"^(?:ii\.[12]\.\d\)\s*)?(?:(?:main|additional)\s+)?cpv\b[^\d]*$|^industry:?$"
    r"|^(?:cpv\s+)?classifications?:?$",
    _I,
)
# "85000000 - Health and social work services", "79000000", "45000000-7 Construction work".
_CODE_FIRST: Final = re.compile(r"^(?P<code>\d{8})(?:-\d)?(?:\s*[-–:]?\s*(?P<desc>[A-Za-z].*))?$")
# Contracts Finder: "Architectural, construction ... services - 71000000".
# (a space on one side of the dash at least: not "Notice Reference: NPT001-DN781102-51184420")
_CODE_LAST: Final = re.compile(
    r"^(?P<desc>[A-Za-z].*?)(?:\s+[-–]\s*|\s*[-–]\s+)(?P<code>\d{8})(?:-\d)?$"
)
# "CPV: 90500000", "Industry: 71000000 Architectural ...", "classified under CPV code 71315200".
_CODE_INLINE: Final = re.compile(
    r"\b(?:cpv(?:\s+codes?|\s+classifications?)?|industry)\b[^\d\n]{0,30}?(?P<code>\d{8})"
    r"(?:-\d)?(?:\s*[-–]?\s*(?P<desc>[A-Z][\w ,'()&/-]{3,90}))?",
    _I,
)
_EIGHT_DIGITS: Final = re.compile(r"\b\d{8}\b")
_CODE_LABEL: Final = re.compile(
    r"^\s*(?:industry|(?:main |additional )?cpv(?:\s+codes?|\s+classifications?)?)\s*:\s*", _I
)


def _code_pieces(line: str) -> list[re.Match[str]]:
    """The codes of a line that lists several, separated by semicolons, each read as code
    first or code last; none unless every piece reads as one."""
    if line.count(";") == 0 or len(_EIGHT_DIGITS.findall(line)) < 2:
        return []
    pieces = []
    for raw in line.split(";"):
        piece = _CODE_LABEL.sub("", raw).strip()
        m = _CODE_FIRST.match(piece) or _CODE_LAST.match(piece)
        if m is None:
            return []
        pieces.append(m)
    return pieces


# A division line of an aggregator's copy ("85 - Health and social work services") or a
# bare list dash: they may sit inside a CPV block without ending it.
_DIVISION_LINE: Final = re.compile(r"^(?:\d{2}\s*[-–]\s*\w.*|-?)$")
_NOTICE_TYPE_HEADING: Final = re.compile(r"^notice\s+type:?\s*(?P<value>.*)$", _I)
_TITLE_HEADING: Final = re.compile(
    r"^(?:ii\.1\.1\)\s*)?(?:notice\s+title|title(?:\s+attributed\s+to.*)?)\s*:?\s*$", _I
)
_TITLE_INLINE: Final = re.compile(
    r"^(?:ii\.1\.1\)\s*)?(?:(?:notice\s+|contract\s+|project\s+)?title|contract|project|"
    # ("Contract: Responsive repairs ... to council homes" on a reader's copy)
    r"opportunity)\s*:\s*(?P<title>\S.{2,200})$",
    _I,
)
# The stage word a notice page opens with, above its title.
_STAGE_LINE: Final = re.compile(
    r"^(?:tender|award|planning|contract|opportunity|awarded contract|early engagement|"
    r"future opportunity|pipeline|tender notice|contract notice|contract award notice)$",
    _I,
)
# "Transparency notice", "UK4 tender notice", "Contract details notice".
# ("UK7: Contract details notice - Procurement Act 2023" too)
_KIND_LINE: Final = re.compile(
    r"^(?:(?:public contracts scotland|sell2wales|contracts finder|find a tender|etendersni)"
    r"\s*[-–:]\s*)?(?:uk\d{1,2}\s*[:–-]?\s*)?(?:[\w-]+ ){0,3}notice"
    r"(?:\s*[-–:]\s*procurement act 2023)?(?:\s*[-–]\s*view information about notice types)?"
    # "Contract award notice (UK6)"
    r"(?:\s*\(uk\d{1,2}\))?"
    # "Contract Notice (Procurement Act 2023 - UK4 Tender notice)"
    r"(?:\s*\((?:procurement act 2023\s*[-–:]?\s*)?(?:uk\d{1,2}\s*[:–-]?\s*)?(?:[\w-]+ ){0,3}"
    r"notice\))?"
    # ("Contract Award Notice - Public Contracts Scotland": the portal after the kind)
    r"(?:\s*[-–]\s*(?:public contracts scotland|sell2wales|contracts finder|find a tender|"
    r"etendersni))?$",
    _I,
)
# Who a contract was awarded to: "Supplier: Sample Care Ltd", "V.2.3) Name and address of the
# contractor: ...", "Awarded to: ...".
_SUPPLIER_LINE: Final = re.compile(
    # ("IV.1.2) Provider: Sample NHS Foundation Trust", a PSR notice's field)
    r"^(?:[ivx\d.)]+\s*)?(?:suppliers?(?: name)?|(?:name and address of the )?contractor|provider|"
    r"awarded to|winning (?:supplier|bidder)|successful (?:supplier|bidder|tenderer))"
    r"(?:\s*\(s\))?\s*:\s*(?P<name>\S.{1,120})$",
    _I,
)
_BRACKETED: Final = re.compile(r"\([^()]*\)")
# (a full stop that ends a sentence, not "St. Helens" or "Co. Durham")
_AFTER_THE_NAME: Final = re.compile(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z])\.\s+(?=[A-Z])")
# A public body named as who the contract is awarded to, in a notice's prose: "intends to award
# a contract for the 0-19 public health nursing service ... to Sample NHS Foundation Trust".
_AWARDED_TO_PUBLIC_BODY: Final = re.compile(
    r"\b(?:intends? to award|has awarded|have awarded|awarded|to award)\b[^.]{0,300}?\bto "
    r"(?P<name>(?:[A-Z][\w&'’-]*\s+(?:and\s+)?){1,8}[A-Z][\w&'’-]*)"
)
# Who is buying, and what kind of body it is: "Buyer: Sample Community Housing Ltd, ...",
# "Contracting authority: ...", "Buyer type: Private registered social landlord".
_BUYER_FIELD_LINE: Final = re.compile(
    r"^(?:buyer|buyer name|name of (?:the )?buyer|contracting (?:authority|entity)|purchaser|"
    r"(?:buyer|organisation|authority) type|type of (?:the )?contracting authority)\s*:\s*"
    r"(?P<value>\S.{1,200})$",
    _I,
)
# The same fields as headings on a line of their own, the value below.
_BUYER_HEADING: Final = re.compile(
    r"^(?:buyer|buyer name|name of (?:the )?buyer|contracting (?:authority|entity)|"
    r"purchaser)\s*:?$",
    _I,
)
_BUYER_AFTER_KIND = 3  # the kind is among the first lines
# (the line under the kind names a body, not the notice's title)
_ORGANISATION: Final = re.compile(
    r"\b(?:ltd|limited|plc|llp|cic|group|council|authority|association|trust|society|"
    r"corporation)\b",
    _I,
)
_MAX_BUYER_LINE = 200
# A portal's name on a line of its own, above the notice's kind and title.
_PORTAL_LINE: Final = re.compile(
    r"^(?:public contracts scotland|sell2wales|contracts finder|find a tender(?: service)?|"
    r"etendersni|proactis|in-tend|procontract|delta e-?sourcing|atamis)"
    # (with the page's kind: "Contracts Finder - Awarded contract", "Contracts Finder -
    # Opportunity")
    r"(?:\s*[-–:]\s*(?:awarded contracts?|opportunity|early engagement|future opportunity|"
    r"pipeline))?$",
    _I,
)
# A buyer's name on a line of its own.
_BUYER_LINE: Final = re.compile(
    r"^(?:the )?(?:(?:london|royal) borough|city|county|borough|district|metropolitan borough)"
    r" of [\w' &.-]+$|^(?:[\w'&.,-]+ ){1,8}(?:council|authority|combined authority)$",
    _I,
)
# Further codes on one line, after the first: "; 45453000 - Overhaul and refurbishment work".
_MORE_CODES: Final = re.compile(
    r"[;,]\s*(?P<code>\d{8})(?:-\d)?(?:\s*[-–]?\s*(?P<desc>[A-Z][\w ,'()&/-]{3,90}))?"
)
# What makes a text (not labelled procurement) read as a notice page: two of these.
NOTICE_MARKERS: Final = re.compile(
    r"\bnotice (?:title|description|identifier|type)\b|\bprocurement identifier\b|"
    r"\bcpv (?:codes?|classifications?|divisions?)\b|\bmain cpv code\b|"
    r"\bmain procurement category\b|\bprocurement category\b|\btype of contract\b|"
    r"\bUK\d{1,2}\s*[:–-]\s*[A-Z]\w+ notice\b|\bcontracting authority\b",
    _I,
)
# Only the head of a long text is read: notices print their structure near the top.
_READ_CHARS: Final = 30_000


def _lines(texts: Iterable[str]) -> list[str]:
    lines: list[str] = []
    for text in texts:
        for raw in text[:_READ_CHARS].splitlines():
            line = " ".join(_BULLET.sub("", raw).split())
            lines.append(line)
    return lines


def reads_as_notice(doc_type: str | None, texts: Sequence[str]) -> bool:
    """Whether a text should be read for a notice's structure: a procurement record, or an
    unlabelled text that prints two notice headings."""
    if doc_type == "procurement":
        return True
    if doc_type not in (None, "other"):
        return False
    found: set[str] = set()
    for text in texts:
        for m in NOTICE_MARKERS.finditer(text[:_READ_CHARS]):
            found.add(m.group(0).lower())
            if len(found) >= 2:
                return True
    return False


def _valid(code: str) -> bool:
    return 3 <= int(code[:2]) <= 98 and C.group_of(code) is not None


def _next_value(lines: Sequence[str], start: int) -> tuple[int, str] | None:
    """The first non-empty line after ``start`` (within three lines)."""
    for j in range(start + 1, min(start + 4, len(lines))):
        if lines[j]:
            return j, lines[j]
    return None


_MAX_TITLE_CHARS: Final = 240


def _title(lines: Sequence[str], given: str | None) -> str:
    if given and given.strip():
        return " ".join(given.split())
    for i, line in enumerate(lines):
        if _TITLE_HEADING.match(line):
            found = _next_value(lines, i)
            if found:
                return found[1]
        # The title on its heading's line: "II.1.1) Title: Creative, Design and Print Services",
        # "Title: Occupational Health Services", "Contract title: ..."
        inline = _TITLE_INLINE.match(line)
        if inline:
            return inline.group("title").strip()
    # The first line that is not the notice's kind ("Transparency notice") or its buyer
    # ("London Borough of Southwark"), which notice pages print above the title.
    for line in [line for line in lines if line][:4]:
        if (
            _STAGE_LINE.match(line)
            or _KIND_LINE.match(line)
            or _BUYER_LINE.match(line)
            or _PORTAL_LINE.match(line)
        ):
            continue
        # (a long title is still a line without a full stop: "Ashfield District Council -
        # Responsive Repairs and Voids - Call-off from ... Framework 2024-2028, Lot 1")
        if (
            len(line) <= _MAX_TITLE_CHARS
            and not line.endswith(".")
            and not NOTICE_MARKERS.search(line)
        ):
            return line
        break
    return ""


def notice_from_text(texts: Sequence[str], title: str | None = None) -> NoticeFacts:
    """What the text of a notice states about itself (see the module docstring)."""
    lines = _lines(texts)
    categories: list[str] = []
    category_line = ""
    cpvs: list[Cpv] = []
    tags: list[str] = []

    seen: set[str] = set()

    def add_code(code: str, desc: str | None, line: str) -> None:
        if code not in seen and _valid(code):
            seen.add(code)
            cpvs.append(Cpv(code, (desc or "").strip(), "from the text", line))

    def add_category(word: str, line: str) -> None:
        nonlocal category_line
        category = _CATEGORY_NAME.get(word.lower(), word.lower())
        if category not in categories:
            categories.append(category)
            category_line = category_line or line

    in_cpv_block = False
    suppliers: list[str] = []
    buyers: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        supplier = _SUPPLIER_LINE.match(line)
        if supplier:
            # (not a note in brackets: "41 providers (list available from the Council)", nor
            # one in a sentence after the name: "41 operators. Full list available from the
            # Council on request.")
            name = _BRACKETED.sub(" ", supplier.group("name"))
            name = _AFTER_THE_NAME.split(name, maxsplit=1)[0].strip()
            if name:
                suppliers.append(" ".join(name.split()))
        buyer = _BUYER_FIELD_LINE.match(line)
        if buyer:
            buyers.append(buyer.group("value").strip())
        elif _BUYER_HEADING.match(line) or (
            i <= _BUYER_AFTER_KIND
            and _KIND_LINE.match(line)
            and _ORGANISATION.search(next((x for x in lines[i + 1 : i + 3] if x), ""))
        ):
            # the value on the next line: "Contracting authority" over "Wrekin Vale Homes Group
            # Limited, registered with the Regulator of Social Housing"; Find a Tender prints
            # the buyer under the notice's kind ("UK4: Tender notice")
            after = next((x for x in lines[i + 1 : i + 3] if x), None)
            if after is not None and len(after) <= _MAX_BUYER_LINE:
                buyers.append(after)
        heading = _CATEGORY_HEADING.match(line)
        if heading:
            value = heading.group("value")
            found = (i, value) if value else _next_value(lines, i)
            m = _CATEGORY_VALUE.match(found[1]) if found else None
            if found and m:
                add_category(m.group("word"), line if value else f"{line}: {found[1]}")
            in_cpv_block = False
            continue
        alone = _CATEGORY_ALONE.match(line)
        if alone:
            add_category(alone.group("word"), line)
            in_cpv_block = False
            continue
        kind = _NOTICE_TYPE_HEADING.match(line)
        if kind:
            value = kind.group("value") or (_next_value(lines, i) or (0, ""))[1]
            low = value.lower()
            if "cancel" in low:
                tags.append("tenderCancellation")
            elif "termination" in low:
                tags.append("contractTermination")
            in_cpv_block = False
            continue
        if _CPV_HEADING.match(line):
            in_cpv_block = True
            continue
        pieces = _code_pieces(line)
        if pieces:
            # "Industry: Repair ... services - 50000000; Building-repair services - 45453100":
            # a portal's codes on one line, each with its label.
            for piece in pieces:
                add_code(piece.group("code"), piece.group("desc"), line)
            in_cpv_block = False
            continue
        m = _CODE_FIRST.match(line) or _CODE_LAST.match(line)
        if m and (in_cpv_block or m.group("desc")):
            add_code(m.group("code"), m.group("desc"), line)
            continue
        if in_cpv_block and _DIVISION_LINE.match(line):
            continue
        in_cpv_block = False
        for inline in _CODE_INLINE.finditer(line):
            add_code(inline.group("code"), inline.group("desc"), inline.group(0).strip())
            # "CPV: 50700000 - Repair ...; 45453000 - Overhaul ...": the codes after the first
            for more in _MORE_CODES.finditer(line, inline.end()):
                add_code(more.group("code"), more.group("desc"), more.group(0).strip(" ;,"))
    if not suppliers:
        for text in texts:
            for awarded in _AWARDED_TO_PUBLIC_BODY.finditer(text[:_READ_CHARS]):
                # (only public bodies, by the same test the structural decision applies)
                if PUBLIC_BODY.search(awarded.group("name")):
                    suppliers.append(" ".join(awarded.group("name").split()))
    return NoticeFacts(
        notice_type=None,
        tags=tuple(tags),
        categories=tuple(categories),
        cpvs=tuple(cpvs),
        title=_title(lines, title),
        from_text=True,
        ordered=False,
        category_line=category_line,
        suppliers=tuple(dict.fromkeys(suppliers)),
        buyers=tuple(dict.fromkeys(buyers)),
    )
