"""Match procurement buyers (Find a Tender, Contracts Finder) to councils in the registry.

By identifier first: ``GB-LAE-DUR`` (and the Scottish, Welsh and NI local-authority schemes)
carries a register code; a GSS code (``E10000016``) names a council too. Otherwise by name,
and the name must reduce *exactly* to a registered council name once council-ish affixes are
taken off ("London Borough of …", "… Metropolitan Borough Council", "LBC", "City of …",
"Cyngor …"). Precision matters more than recall here: a flag on the wrong council is worse
than a missed notice, so

- a place name alone ("Tower Hamlets") is not enough: the buyer name needs a council-ish form
  or an identifier;
- "City" and "County" must be forms the council itself uses: "Chichester City Council" is a
  parish-level council, not Chichester District Council, and "Durham City Council" is not
  Durham County Council;
- parish, town and community councils, NHS bodies, police, fire, schools, housing bodies,
  combined authorities and the like are refused by word before any lookup;
- a notice's devolved-regulations classification (GB-WLS / GB-SCT / GB-NIR) must agree with
  the council's nation;
- a name that fits two councils equally well matches neither.

``python -m crawlers.buyers FILE…`` reads OCDS release packages and prints what matched, so
a person can check precision by hand.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from storage.councils import CouncilEntry, load_registry

# Forms a name can carry. "city" and "county" are checked against the council's own forms;
# "cc" is the ambiguous abbreviation (County or City Council); the rest only show that the
# name is a council's at all.
CITY, COUNTY, CC = "city", "county", "cc"
BOROUGH, DISTRICT, COUNCIL = "borough", "district", "council"
STRICT_FORMS = {CITY, COUNTY}

# Longest first within each table, so "metropolitan borough council" wins over "council".
_PREFIXES: list[tuple[tuple[str, ...], frozenset[str]]] = [
    (tuple(p.split()), frozenset(f))
    for p, f in [
        # The City of London Corporation's legal name.
        ("mayor and commonalty and citizens of the city of", {CITY, COUNCIL}),
        ("council of the city of", {CITY, COUNCIL}),
        ("city and county of", {CITY, COUNTY, COUNCIL}),
        ("metropolitan borough of", {BOROUGH, COUNCIL}),
        ("london borough of", {BOROUGH, COUNCIL}),
        ("royal borough of", {BOROUGH, COUNCIL}),
        ("borough council of", {BOROUGH, COUNCIL}),
        ("district council of", {DISTRICT, COUNCIL}),
        ("council of the", {COUNCIL}),
        ("borough of", {BOROUGH, COUNCIL}),
        ("city of", {CITY, COUNCIL}),
        ("county of", {COUNTY}),
        ("lb", {BOROUGH, COUNCIL}),
        ("rb", {BOROUGH, COUNCIL}),
    ]
]
_SUFFIXES: list[tuple[tuple[str, ...], frozenset[str]]] = [
    (tuple(s.split()), frozenset(f))
    for s, f in [
        ("city and district council", {CITY, DISTRICT, COUNCIL}),
        ("metropolitan borough council", {BOROUGH, COUNCIL}),
        ("metropolitan district council", {DISTRICT, COUNCIL}),
        ("county borough council", {COUNTY, BOROUGH, COUNCIL}),
        ("london borough council", {BOROUGH, COUNCIL}),
        ("unitary authority", {COUNCIL}),
        ("borough council", {BOROUGH, COUNCIL}),
        ("district council", {DISTRICT, COUNCIL}),
        ("county council", {COUNTY, COUNCIL}),
        ("city council", {CITY, COUNCIL}),
        ("london borough", {BOROUGH, COUNCIL}),
        ("corporation", {COUNCIL}),
        ("council", {COUNCIL}),
        ("lbc", {BOROUGH, COUNCIL}),
        ("mbc", {BOROUGH, COUNCIL}),
        ("rbc", {BOROUGH, COUNCIL}),
        ("cbc", {COUNTY, BOROUGH, COUNCIL}),
        ("mdc", {DISTRICT, COUNCIL}),
        ("bc", {BOROUGH, COUNCIL}),
        ("dc", {DISTRICT, COUNCIL}),
        ("cc", {CC, COUNCIL}),
        ("lb", {BOROUGH, COUNCIL}),
        ("ua", {COUNCIL}),
    ]
]
_PREFIXES.sort(key=lambda item: -len(item[0]))
_SUFFIXES.sort(key=lambda item: -len(item[0]))

# Welsh: "Cyngor" is "Council"; what follows may be the Welsh name as the registers give it
# ("Cyngor Sir Ddinbych" -> "Sir Ddinbych") or the form words then the place ("Cyngor Sir
# Powys", "Cyngor Bwrdeistref Sirol Conwy", "Cyngor Dinas a Sir Abertawe").
_WELSH_FORMS = [("dinas", "a", "sir"), ("bwrdeistref", "sirol"), ("sir",), ("dinas",)]

# Common county abbreviations in buyer names ("East Herts Council").
_ABBREVIATIONS = {
    "beds": "bedfordshire", "bucks": "buckinghamshire", "cambs": "cambridgeshire",
    "glos": "gloucestershire", "hants": "hampshire", "herts": "hertfordshire",
    "lancs": "lancashire", "leics": "leicestershire", "lincs": "lincolnshire",
    "northants": "northamptonshire", "notts": "nottinghamshire", "oxon": "oxfordshire",
    "staffs": "staffordshire", "warks": "warwickshire", "wilts": "wiltshire",
    "worcs": "worcestershire", "saint": "st",
}  # fmt: skip

# Words no principal council's name contains (a registry test keeps it that way) but that
# mark the bodies most often mistaken for one.
_REFUSE_WORDS = frozenset(
    """parish town community cymuned tref police constabulary fire rescue nhs trust hospital
    health school schools academy college university housing homes association commissioner
    combined ltd limited plc partnership board nursing midwifery dental medical arts sport
    sports research british national park councils""".split()
)

_LA_IDENTIFIER = re.compile(r"^GB-(?:LAE|LAS|LANI|PLA)-([A-Z]{3,4})$")
_GSS = re.compile(r"(?:^|[-:/ ])([ENSW][0-9]{8})$")
_DEVOLVED = {"GB-WLS": "Wales", "GB-SCT": "Scotland", "GB-NIR": "Northern Ireland"}


@dataclass(frozen=True)
class Match:
    code: str
    method: str  # "identifier" or "name"
    normalised_name: str


@dataclass(frozen=True)
class ParsedName:
    core: str  # the name with council-ish affixes removed
    forms: frozenset[str]  # which affixes were removed
    full: str  # the whole normalised name


# The same few thousand buyer names come back in every page of notices.
@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """Lower case, ASCII, "&" -> "and", no punctuation, no leading "the", single spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"\([^)]*\)?", " ", text)  # "(t/a Procurement Services)", "(GMC)"
    text = text.replace("&", " and ").replace("+", " and ")
    text = re.sub(r"['\u2019`]", "", text)  # king's -> kings
    text = re.sub(r"[^a-z0-9]+", " ", text)
    words = [_ABBREVIATIONS.get(w, w) for w in text.split()]
    while words and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def parse(name: str) -> list[ParsedName]:
    """Ways to read a name as (place, forms); usually one, several for Welsh names."""
    full = normalise(name)
    words = full.split()
    forms: set[str] = set()
    welsh = False
    changed = True
    while changed and words:
        changed = False
        if words[0] == "cyngor" and len(words) > 1:
            words, welsh, changed = words[1:], True, True
            forms.add(COUNCIL)
            continue
        for affix, affix_forms in _PREFIXES:
            if tuple(words[: len(affix)]) == affix and len(words) > len(affix):
                words, changed = words[len(affix) :], True
                forms |= affix_forms
                break
        for affix, affix_forms in _SUFFIXES:
            if tuple(words[-len(affix) :]) == affix and len(words) > len(affix):
                words, changed = words[: -len(affix)], True
                forms |= affix_forms
                break
        while words and words[0] == "the":
            words, changed = words[1:], True
    readings = [ParsedName(" ".join(words), frozenset(forms), full)]
    if welsh:
        # Welsh form words are not checked against the council's forms: Welsh community
        # and town councils are refused by word ("cymuned", "tref") instead.
        for affix in _WELSH_FORMS:
            if tuple(words[: len(affix)]) == affix and len(words) > len(affix):
                readings.append(ParsedName(" ".join(words[len(affix) :]), frozenset(forms), full))
        readings = [ParsedName(r.core, frozenset({COUNCIL}), full) for r in readings]
    return readings


def _head(name: str) -> str:
    # "Hertfordshire County Council - Children's Services": the council is the part before
    # a spaced dash; departments are not separate bodies.
    return re.split(r"\s+[-\u2013\u2014]\s+", name, maxsplit=1)[0]


# Buyers whose answer a matcher keeps (see BuyerMatcher.match).
MATCH_CACHE_SIZE = 1 << 16


class BuyerMatcher:
    """Name and identifier lookup over a fixed set of councils."""

    def __init__(self, councils: Iterable[CouncilEntry]):
        self._councils = {c.code: c for c in councils}
        self._by_gss = {c.gss_code: c.code for c in self._councils.values() if c.gss_code}
        self._by_core: dict[str, set[str]] = {}
        self._by_full: dict[str, set[str]] = {}
        self._forms: dict[str, set[str]] = {}
        for council in self._councils.values():
            forms = self._forms.setdefault(council.code, set(_TYPE_FORMS.get(council.type, ())))
            for variant in (council.name, council.nice_name, *council.alt_names):
                self._by_full.setdefault(normalise(variant), set()).add(council.code)
                for reading in parse(variant):
                    if reading.core:
                        self._by_core.setdefault(reading.core, set()).add(council.code)
                        forms |= reading.forms

        # Answers by (name, identifiers, classifications): a crawl meets the same few
        # thousand buyers on every page. Emptied when full rather than evicting one by one.
        self._answers: dict[tuple[Any, ...], Match | None] = {}

    @classmethod
    def from_registry(cls) -> BuyerMatcher:
        return cls(load_registry())

    def match(
        self,
        name: str | None,
        identifiers: Iterable[str] = (),
        classifications: Iterable[tuple[str, str]] = (),
    ) -> Match | None:
        key = (name, tuple(identifiers), tuple(classifications))
        try:
            return self._answers[key]
        except KeyError:
            pass
        answer = self._match(name, key[1], key[2])
        if len(self._answers) >= MATCH_CACHE_SIZE:
            self._answers.clear()
        self._answers[key] = answer
        return answer

    def _match(
        self,
        name: str | None,
        identifiers: tuple[str, ...],
        classifications: tuple[tuple[str, str], ...],
    ) -> Match | None:
        normalised = normalise(name or "")
        for identifier in identifiers:
            code = self._code_for_identifier(identifier)
            if code:
                return Match(code, "identifier", normalised)
        if not name:
            return None
        nations = {
            _DEVOLVED[value]
            for scheme, value in classifications
            if scheme == "UK_CA_DEVOLVED_REGULATIONS" and value in _DEVOLVED
        }
        code = self._code_for_name(_head(name))
        if code is None or (nations and self._councils[code].nation not in nations):
            return None
        return Match(code, "name", normalised)

    def _code_for_identifier(self, identifier: str) -> str | None:
        text = str(identifier or "").strip().upper()
        found = _LA_IDENTIFIER.match(text)
        if found and found.group(1) in self._councils:
            return found.group(1)
        found = _GSS.search(text)
        if found:
            return self._by_gss.get(found.group(1))
        return None

    def _code_for_name(self, name: str) -> str | None:
        full = normalise(name)
        if not full or _REFUSE_WORDS.intersection(full.split()):
            return None
        # The registers' own official names need no further proof ("Comhairle nan Eilean
        # Siar", "Kirklees Council").
        exact = {
            c for c in self._by_full.get(full, ()) if normalise(self._councils[c].name) == full
        }
        if len(exact) == 1:
            return exact.pop()
        candidates: set[str] = set()
        for reading in parse(name):
            if COUNCIL not in reading.forms and not reading.forms & {BOROUGH, DISTRICT, CITY}:
                continue  # a bare place name, or only "County of …"
            codes = {
                code
                for code in self._by_core.get(reading.core, ())
                if self._forms_fit(reading.forms, self._forms[code])
            }
            candidates |= codes
        return candidates.pop() if len(candidates) == 1 else None

    @staticmethod
    def _forms_fit(buyer: frozenset[str], council: set[str]) -> bool:
        if not (buyer & STRICT_FORMS) <= council:
            return False
        return CC not in buyer or bool(council & {CITY, COUNTY})


# Forms a council has by its type even when none of its names spell them out. Boroughs and
# districts are not checked strictly (unitaries and metropolitan districts are often called
# "Borough Council"), so only the strict forms matter here.
_TYPE_FORMS: dict[str, tuple[str, ...]] = {
    "CTY": (COUNTY,),
    "CC": (CITY,),
}


# -- OCDS helpers and the measuring CLI ----------------------------------------------------


def release_buyer(
    release: Mapping[str, Any],
) -> tuple[str | None, list[str], list[tuple[str, str]]]:
    """(name, identifiers, classifications) of a release's buyer, from ``buyer`` and parties."""
    buyer = release.get("buyer") or {}
    name = buyer.get("name")
    identifiers = [buyer["id"]] if buyer.get("id") else []
    classifications: list[tuple[str, str]] = []
    for party in release.get("parties") or []:
        if "buyer" not in (party.get("roles") or []) and party.get("id") != buyer.get("id"):
            continue
        ident = party.get("identifier") or {}
        name = name or party.get("name") or ident.get("legalName")
        for item in (ident, *(party.get("additionalIdentifiers") or [])):
            if item.get("scheme") and item.get("id"):
                identifiers.append(f"{item['scheme']}-{item['id']}")
        for item in (party.get("details") or {}).get("classifications") or []:
            if item.get("scheme") and item.get("id"):
                classifications.append((str(item["scheme"]), str(item["id"])))
    return name, identifiers, classifications


@dataclass
class FileReport:
    path: Path
    releases: int
    buyer_names: int
    matched_releases: int
    matches: dict[str, Match]  # buyer name -> match
    unmatched_council_names: list[str]


def measure(path: Path, matcher: BuyerMatcher) -> FileReport:
    data = json.loads(path.read_bytes().decode("utf-8", errors="replace"))
    releases = data.get("releases") or []
    names: Counter[str] = Counter()
    matches: dict[str, Match] = {}
    unmatched: set[str] = set()
    matched_releases = 0
    for release in releases:
        name, identifiers, classifications = release_buyer(release)
        if name:
            names[name] += 1
        found = matcher.match(name, identifiers, classifications)
        if found:
            matched_releases += 1
            matches.setdefault(name or f"<{found.method}>", found)
        elif name and re.search(r"(?i)council|borough", name):
            unmatched.add(name)
    return FileReport(path, len(releases), len(names), matched_releases, matches, sorted(unmatched))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Match OCDS buyers to councils, for checking.")
    parser.add_argument("paths", nargs="+", type=Path, help="OCDS release package JSON files")
    args = parser.parse_args(argv)
    matcher = BuyerMatcher.from_registry()
    for path in args.paths:
        report = measure(path, matcher)
        print(f"== {path.name}")
        print(
            f"releases {report.releases}  distinct buyer names {report.buyer_names}  "
            f"matched releases {report.matched_releases}  "
            f"distinct matched buyers {len(report.matches)}"
        )
        width = max((len(n) for n in report.matches), default=0)
        for name, found in sorted(report.matches.items(), key=lambda item: item[0].casefold()):
            print(f"  {name:<{width}}  -> {found.code:<4} ({found.method})")
        if report.unmatched_council_names:
            print("  unmatched names containing council/borough:")
            for name in report.unmatched_council_names:
                print(f"    {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
