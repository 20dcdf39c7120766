"""Regenerate ``storage/data/councils.csv`` from the public council registers.

    python -m storage.build_registry [REGISTRY_DIR] [--out PATH]

REGISTRY_DIR defaults to ``../shared/fixtures/real/councils/registry`` next to the repository.
The output is deterministic (rows sorted by register code, fixed column order, ``\\n`` line
ends), so the committed CSV must equal a fresh build; a test checks that.

Which council exists, its codes, names, nation and type come from mySociety's register.
The committee platform and base URL come from the first source in this order that has one
(see ``storage/data/README.md`` for why):

1. SectorTrace committee URLs that were fetched and checked live (rows of
   ``registry_summary.csv`` whose source is SectorTrace);
2. DemocracyClub LGSF ``metadata.json`` (its URL is the *councillors* page: it tells us the
   committee system only when that page is a ModernGov or CMIS page);
3. jadu/modgov-mcp-cloudflare's list of ModernGov sites (matched to councils by name);
4. poteris/council-scraper's ModernGov and CMIS lists, only when the host plausibly belongs
   to the council and no better source gave that host to another council (the lists were
   scraped from Google and contain other councils' sites).

Hosts that SectorTrace found do not resolve are never used; hosts that answered SectorTrace's
client with 403 are marked ``browser=true``; hosts whose robots.txt refused it get
``robots=disallowed``. Last, the hand-verified fixes in ``storage/data/overrides.toml`` are
applied (``storage/overrides.py``), so a rebuild keeps them.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from crawlers.urls import strip_session_path
from storage.councils import COLUMNS, DEFAULT_PATH
from storage.overrides import DEFAULT_OVERRIDES, apply_overrides, load_overrides

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REGISTRY_DIR = REPO.parent / "shared" / "fixtures" / "real" / "councils" / "registry"

NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")
# Not principal councils: combined authorities and the GLA (a strategic regional authority).
EXCLUDED_TYPES = {"COMB", "SRA"}

# Names the registers predate: councils renamed after city status in 2022. Without them a
# buyer called "Southend-on-Sea City Council" would fail the matcher's check that "City"
# is one of the council's own forms (that check is what keeps parish-level city councils
# such as Chichester City Council from matching the district council).
SUPPLEMENTARY_ALT_NAMES: dict[str, tuple[str, ...]] = {
    "COL": ("Colchester City Council",),
    "MIK": ("Milton Keynes City Council",),
    "SOS": ("Southend-on-Sea City Council",),
}

# mySociety's alt-names contain a few mis-decoded strings ("Mï¿½n"); they cannot be repaired
# (the original letter is lost), so they are dropped rather than published.
_MOJIBAKE = re.compile("[\ufffd\u00c2\u00c3\u00ef\uff00-\uffef]")
# poteris' council_urls.csv is not read at all: it maps counties to districts' sites
# (Essex -> Southend, Cambridgeshire -> South Cambridgeshire, Norfolk -> West Norfolk).
_CMIS_HOSTS = ("cmis.uk.com", "cmis-ni.org")
_CMIS_SEGMENT = re.compile(r"(?i)cmis|^dms$|^live$")
_GENERIC_NAME_WORDS = {
    "north", "south", "east", "west", "mid", "central", "city", "county", "borough", "council",
    "district", "upon", "with", "under", "and", "the", "royal", "greater", "isle", "isles",
    "vale", "forest", "valley", "islands",
}  # fmt: skip


@dataclass
class Candidate:
    """One source's claim about a council's committee system."""

    source: str
    platform: str  # moderngov / cmis / other
    base_url: str


@dataclass
class Council:
    code: str
    gss_code: str
    name: str
    nice_name: str
    nation: str
    type: str
    region: str = ""
    start_date: str = ""
    alt_names: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


# -- small helpers -------------------------------------------------------------------------


def _name_key(name: str) -> str:
    """Case- and punctuation-blind key used to de-duplicate names and join lists by name."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"^the ", "", text.strip())


def _split_alt_names(value: str) -> list[str]:
    # Entries are separated by a bare comma; a comma followed by a space belongs to a name
    # ("Bristol, City of", "Armagh City, Banbridge and Craigavon").
    return [part.strip() for part in re.split(r",(?! )", value) if part.strip()]


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def moderngov_base(url: str) -> str:
    """The directory holding mgWebService.asmx: drop the page, query and trailing slash."""
    parts = urlsplit(url.strip())
    # A cookieless ASP.NET session token in the path ("/(S(…))", Hounslow) is one visitor's.
    segments = [s for s in strip_session_path(parts.path).split("/") if s]
    if segments and "." in segments[-1]:
        segments.pop()  # mgMemberIndex.aspx, mgCalendarMonthView.aspx (even with a "/" after)
    path = "/" + "/".join(segments) if segments else ""
    return f"{parts.scheme}://{(parts.hostname or '').lower()}{path}"


def cmis_base(url: str) -> str:
    """The CMIS site root (…/cmis5, …/live, <council>.cmis.uk.com/<site>)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if segments and "." in segments[-1]:
        segments.pop()
    if host.endswith(_CMIS_HOSTS):
        segments = segments[:1]  # hosted CMIS: the first segment is the council's site
    else:
        hits = [i for i, s in enumerate(segments) if _CMIS_SEGMENT.search(s)]
        segments = segments[: hits[-1] + 1] if hits else []
    path = "/" + "/".join(segments) if segments else ""
    return f"{parts.scheme}://{host}{path}"


def _looks_like_moderngov(url: str) -> bool:
    # LGSF marks a few ModernGov sites "Custom HTML" because it scrapes their member list
    # as HTML; the URL still shows the ModernGov page or directory.
    return bool(re.search(r"/mg[A-Z]\w*\.aspx|/moderngov(/|$)", url))


# -- readers -------------------------------------------------------------------------------


def read_mysociety(path: Path) -> tuple[dict[str, Council], dict[str, str], dict[str, str]]:
    """Current principal councils, plus GSS -> code and open-council-data id -> code maps."""
    councils: dict[str, Council] = {}
    gss_to_code: dict[str, str] = {}
    ocd_to_code: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["current-authority"] != "True" or row["local-authority-type"] in EXCLUDED_TYPES:
                continue
            if row["nation"] not in NATIONS:
                continue
            code = row["local-authority-code"]
            council = Council(
                code=code,
                gss_code=row["gss-code"],
                name=" ".join(row["official-name"].split()),  # "North Somerset  Council"
                nice_name=" ".join(row["nice-name"].split()),
                nation=row["nation"],
                region=row["region"] or row["nation"],
                type=row["local-authority-type"],
                start_date=row["start-date"].strip(),
            )
            council.alt_names.extend(_split_alt_names(row["alt-names"]))
            councils[code] = council
            gss_to_code[row["gss-code"]] = code
            for former in filter(None, row["former-gss-codes"].split(",")):
                gss_to_code.setdefault(former.strip(), code)
            if row["open-council-data-id"]:
                ocd_to_code[row["open-council-data-id"].split(".")[0]] = code
    return councils, gss_to_code, ocd_to_code


def read_lgsf(directory: Path, councils: dict[str, Council]) -> None:
    # Files are "<CODE>-<slug>.json"; two files can share a code (an abolished name and its
    # successor, e.g. SHE Shepway and SHE Folkestone and Hythe): the one with a URL wins.
    by_code: dict[str, list[tuple[str, dict]]] = {}
    for path in sorted(directory.glob("*.json")):
        code = path.stem.split("-")[0]
        if code in councils:
            by_code.setdefault(code, []).append((path.stem, json.loads(path.read_text("utf-8"))))
    for code, files in sorted(by_code.items()):
        council = councils[code]
        files.sort(key=lambda f: (not _lgsf_url(f[1])[0], f[0]))
        for _stem, data in files:
            election = data.get("everyelectiion_data") or {}
            # The folder is the scraper's; its election record can be another body's
            # (LND-city-of-london carries the GLA's): take names only when the codes agree.
            if election.get("official_identifier") != code:
                continue
            for name in (election.get("official_name"), election.get("common_name")):
                if name:
                    council.alt_names.append(name)
        url, cms = _lgsf_url(files[0][1])
        if not url:
            continue
        if cms == "ModernGov" or (cms.startswith("Custom") and _looks_like_moderngov(url)):
            council.candidates.append(Candidate("lgsf", "moderngov", moderngov_base(url)))
        elif cms == "CMIS":
            council.candidates.append(Candidate("lgsf", "cmis", cmis_base(url)))


def _lgsf_url(data: dict) -> tuple[str, str]:
    service = (data.get("services") or {}).get("councillors") or {}
    return (service.get("base_url") or "").strip(), (service.get("cms_type") or "")


def read_sectortrace(summary: Path, councils: dict[str, Council], gss: dict[str, str]) -> None:
    with summary.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if "SectorTrace" not in row["source"] or not row["base_url"].startswith("http"):
                continue
            code = gss.get(row["gss_code"])
            if code not in councils:
                continue
            url = row["base_url"]
            if row["platform"] == "ModernGov":
                candidate = Candidate("sectortrace", "moderngov", moderngov_base(url))
            elif row["platform"] == "CMIS" or "cmis" in url.lower():
                candidate = Candidate("sectortrace", "cmis", cmis_base(url))
            else:
                # A committee portal checked live, but on no platform we have a crawler for.
                candidate = Candidate("sectortrace", "other", url.rstrip("/"))
            councils[code].candidates.append(candidate)


def read_jadu(path: Path, councils: dict[str, Council]) -> list[str]:
    """Attach Jadu's ModernGov URLs by exact (normalised) name; return names not matched."""
    by_name: dict[str, set[str]] = {}
    for council in councils.values():
        for name in (council.name, *council.alt_names):
            by_name.setdefault(_name_key(name), set()).add(council.code)
    unmatched = []
    for entry in json.loads(path.read_text("utf-8"))["councils"]:
        codes = by_name.get(_name_key(entry["council"]), set())
        if len(codes) != 1:
            unmatched.append(entry["council"])
            continue
        council = councils[next(iter(codes))]
        council.alt_names.append(entry["council"])
        council.candidates.append(Candidate("jadu", "moderngov", moderngov_base(entry["url"])))
    return unmatched


def read_poteris(
    directory: Path, councils: dict[str, Council], gss: dict[str, str], ocd: dict[str, str]
) -> None:
    ons_by_id: dict[str, str] = {}
    with (directory / "opencouncildata_councils.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            ons_by_id[row["id"]] = row["ons code"].strip()
    for filename, platform in (("councils.csv", "moderngov"), ("cmis_councils.csv", "cmis")):
        with (directory / filename).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                url = (row.get("url") or "").strip()
                code = ocd.get(row["id"]) or gss.get(ons_by_id.get(row["id"], ""))
                if code not in councils or not url.startswith("http"):
                    continue
                base = moderngov_base(url) if platform == "moderngov" else cmis_base(url)
                councils[code].candidates.append(Candidate("poteris", platform, base))


def read_verification(path: Path) -> tuple[set[str], set[str], set[str]]:
    """Hosts SectorTrace found not to resolve, that answered its client with 403, and whose
    robots.txt disallowed it."""
    dead: set[str] = set()
    refused: set[str] = set()
    robots: set[str] = set()
    section = ""
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("### "):
            section = line[4:].lower()
        elif line.startswith("## "):
            section = ""
        elif line.startswith("| ") and "http" in line:
            url = line.rstrip(" |").rsplit("|", 1)[-1].strip()
            if section.startswith("does not exist"):
                dead.add(_host(url))
            elif section.startswith("403"):
                refused.add(_host(url))
            elif section.startswith("blocked by robots"):
                robots.add(_host(url))
    return dead, refused, robots


# -- resolution ----------------------------------------------------------------------------

_PRIORITY = {"sectortrace": 0, "lgsf": 1, "jadu": 2, "poteris": 3}


def _plausible_host(council: Council, host: str) -> bool:
    words = re.findall(r"[a-z]+", _name_key(f"{council.nice_name} {council.name}"))
    tokens = {w for w in words if len(w) >= 4 and w not in _GENERIC_NAME_WORDS}
    squashed = host.replace("-", "")
    return any(token[:6] in squashed for token in tokens)


def resolve(
    councils: dict[str, Council], dead: set[str], refused: set[str], robots: set[str] = frozenset()
) -> list[dict]:
    # Hosts claimed by the better sources; a poteris URL pointing at one of them for another
    # council is one of its Google-scrape mix-ups (e.g. North East Lincolnshire).
    claimed: dict[str, str] = {}
    # Hosts any source (for any council) reaches over https: shared sites such as Babergh
    # and Mid Suffolk's then get the same URL.
    https_hosts: set[str] = set()
    for council in councils.values():
        for cand in council.candidates:
            if cand.source != "poteris" and cand.platform != "other":
                claimed.setdefault(_host(cand.base_url), council.code)
            if cand.base_url.startswith("https:"):
                https_hosts.add(_host(cand.base_url))

    rows = []
    for code in sorted(councils):
        council = councils[code]
        usable = [c for c in council.candidates if _host(c.base_url) not in dead]
        usable = [
            c
            for c in usable
            if c.source != "poteris"
            or (
                _plausible_host(council, _host(c.base_url))
                and claimed.get(_host(c.base_url), code) == code
            )
        ]
        known = [c for c in usable if c.platform in ("moderngov", "cmis")]
        other = [c for c in usable if c.platform == "other"]
        chosen = min(known, key=lambda c: _PRIORITY[c.source]) if known else None
        if chosen is None and other:
            chosen = other[0]
        if chosen is not None:
            chosen = _refine(chosen, usable, https_hosts)
        if chosen is None:
            platform, base_url, source = "unknown", "", "mysociety"
        else:
            platform, base_url = chosen.platform, chosen.base_url
            agreeing = sorted(
                {c.source for c in usable if _host(c.base_url) == _host(base_url)}
                - {chosen.source},
                key=_PRIORITY.__getitem__,
            )
            source = "mysociety; " + "+".join([chosen.source, *agreeing])
        rows.append(
            {
                "code": code,
                "gss_code": council.gss_code,
                "name": council.name,
                "nice_name": council.nice_name,
                "nation": council.nation,
                "region": council.region,
                "type": council.type,
                "platform": platform,
                "base_url": base_url,
                "verify_tls": "true",
                "browser": "true" if base_url and _host(base_url) in refused else "false",
                "alt_names": "|".join(_clean_alt_names(council)),
                "source": source,
                "start_date": council.start_date,
                "end_date": "",
                "successors": "",
                # Only a refusal is recorded: SectorTrace's other answers were not robots checks.
                "robots": "disallowed" if base_url and _host(base_url) in robots else "",
            }
        )
    return rows


def _refine(chosen: Candidate, usable: list[Candidate], https_hosts: set[str]) -> Candidate:
    """Let other sources on the same host sharpen the chosen URL.

    A deeper path on the same host and platform is more specific (SectorTrace gives Derby's
    CMIS host, LGSF its /cmis5 site), and https seen in any source for the host beats http.
    """
    same = [
        c
        for c in usable
        if c.platform == chosen.platform and _host(c.base_url) == _host(chosen.base_url)
    ]
    path = urlsplit(chosen.base_url).path
    for cand in same:
        other = urlsplit(cand.base_url).path
        if len(other) > len(path) and other.startswith(path.rstrip("/") + "/"):
            path = other
    host = _host(chosen.base_url)
    scheme = "https" if host in https_hosts else urlsplit(chosen.base_url).scheme
    return Candidate(chosen.source, chosen.platform, f"{scheme}://{host}{path}")


def _clean_alt_names(council: Council) -> list[str]:
    seen = {_name_key(council.name)}
    names = []
    candidates: Iterable[str] = (
        council.nice_name,
        *council.alt_names,
        *SUPPLEMENTARY_ALT_NAMES.get(council.code, ()),
    )
    for name in candidates:
        name = " ".join(name.replace("|", " ").split())
        key = _name_key(name)
        if not key or key in seen or _MOJIBAKE.search(name):
            continue
        seen.add(key)
        names.append(name)
    return names


# -- entry point ---------------------------------------------------------------------------


def build(
    registry_dir: Path, overrides_path: Path = DEFAULT_OVERRIDES
) -> tuple[list[dict], list[str]]:
    """Rows for the CSV, and notes worth a human's eye (unmatched names, shared URLs)."""
    councils, gss, ocd = read_mysociety(registry_dir / "mysociety" / "uk_local_authorities.csv")
    read_sectortrace(registry_dir / "registry_summary.csv", councils, gss)
    read_lgsf(registry_dir / "lgsf_metadata", councils)
    notes = [f"jadu name not matched: {n}" for n in read_jadu(
        registry_dir / "jadu_modgov_councils.json", councils)]  # fmt: skip
    read_poteris(registry_dir / "poteris", councils, gss, ocd)
    dead, refused, robots = read_verification(
        registry_dir / "sectortrace_committee_url_verification.md"
    )
    rows = apply_overrides(resolve(councils, dead, refused, robots), load_overrides(overrides_path))
    shared: dict[str, list[str]] = {}
    for row in rows:
        if row["base_url"]:
            shared.setdefault(row["base_url"], []).append(row["code"])
    notes += [f"shared base_url {url}: {' '.join(c)}" for url, c in shared.items() if len(c) > 1]
    return rows, notes


def render(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("registry_dir", nargs="?", type=Path, default=DEFAULT_REGISTRY_DIR)
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--overrides", type=Path, default=DEFAULT_OVERRIDES)
    args = parser.parse_args(argv)
    if not args.registry_dir.is_dir():
        parser.error(f"registry directory not found: {args.registry_dir}")
    try:
        rows, notes = build(args.registry_dir, args.overrides)
    except (ValueError, OSError) as error:  # a bad overrides file: one line, nothing written
        print(f"error: {error}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(rows), encoding="utf-8", newline="")
    for note in notes:
        print(note, file=sys.stderr)
    print(f"wrote {len(rows)} councils to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
