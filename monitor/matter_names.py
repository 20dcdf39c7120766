"""The places a long paper's recommendations name, to tell its matters apart where the words
of the service cannot.

A review of three care homes decides the transfer of two, "Bryn Haf and Tŷ Derwen", and asks
for a public consultation on the third, "Llys Gwyn"; a property update sells "the former Roads
Depot, Carsebank" and notes that a request for "Glenbervie Primary School" will come back later.
All three homes are care homes and both sites are property, so :func:`monitor.subjects.terms`
finds one matter where the paper has two, and the consultation on the third home would count
for the two it transfers. The paper's own names tell them apart: a consultation "on the future
of Llys Gwyn" is about a place that only a recommendation it does not decide names.

A name here is a capitalised word that the record never writes in lower case ("Glenbervie",
"Derwen"; not "Depot" beside "the depot", nor "Council"), not the first word of its sentence,
not a word of a body's name ("Cartref Care Group Ltd", "Glenbervie Development Trust": the
parties, who may be named anywhere) and not a word of government ("Cabinet", "Act", "Scotland").
Only names that the record's recommendations use are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from monitor.rules.vocabulary import ASSET_OBJECT, SERVICE_DOMAIN

# A run of capitalised words: "Bryn Haf", "Carsebank Industrial Estate", "Tŷ Derwen".
_RUN = re.compile(
    r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞŴŶ][^\W\d_]*(?:['’-][^\W\d_]+)*(?:\s+[A-ZÀ-ÖØ-ÞŴŶ]"
    r"[^\W\d_]*(?:['’-][^\W\d_]+)*)*"
)
# A run ending in one of these names a body, a party to the decision, not a place.
_BODY = frozenset(
    "ltd limited plc llp cic cio scio trust trustees group association society company "
    "partnership foundation charity council authority board services homes housing team "
    "teams".split()
)
# Words of government and of council papers, capitalised everywhere.
_GOVERNMENT = frozenset(
    "council cabinet committee sub executive director directorate officer officers head chief "
    "member members portfolio holder leader deputy mayor chair chairman provost councillor "
    "councillors cllr alderman mr mrs ms miss dr corporate section part act acts regulations "
    "order schedule appendix appendices annex paragraph option options strand lot site "
    "report strategy plan policy programme england wales scotland northern ireland uk "
    "united kingdom british welsh scottish local government public finance legal "
    "resources monday tuesday wednesday thursday friday saturday sunday january february "
    "march april may june july august september october november december ward wards "
    "borough county city district town parish area equality impact assessment language "
    "capital medium term financial scrutiny overview panel procedure request "
    "community empowerment care inspectorate action actions objective priority theme "
    "outcome outcomes recommendation recommendations decision decisions "
    # kinds of place, named beside the place's own name ("Barton Road", "Millfield Park")
    "road street lane avenue way drive close place square park green estate industrial "
    "primary secondary high school house hall centre court farm field hill north south east "
    "west upper lower new old former great little saint "
    # what a paper calls its own documents and steps ("the Depot Site Residents' Survey")
    "survey surveys consultation review results update framework contract contracts "
    "agreement service project scheme forum team unit fund grant budget account revenue "
    "asset assets property land sites depot office offices building buildings transfer "
    "disposal sale lease residents tenants users people older young adults children "
    "adult social health sports sport playing pitch pitches outdoor open space spaces "
    "page pages item items agenda minute minutes table figure version draft".split()
)
# A word that names a kind of service or property ("Library", "Pavilion") is not a place.
_KIND = re.compile(rf"(?:{SERVICE_DOMAIN}|{ASSET_OBJECT})s?", re.I)
_QUOTED = re.compile(r"“[^”]{1,80}”|\"[^\"]{1,80}\"|‘[^’]{1,80}’")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zà-ÿŵŷ][^\W\d_]*")


def lower_words(texts: Iterable[str]) -> frozenset[str]:
    """Every word a record writes in lower case (so never a name of its own)."""
    found: set[str] = set()
    for text in texts:
        found.update(_LOWER_WORD.findall(text))
    return frozenset(found)


def names(text: str, lowered: frozenset[str]) -> frozenset[str]:
    """The place names ``text`` states (lower-cased, marked "@" to keep them apart from the
    service words of :func:`monitor.subjects.terms`)."""
    found: set[str] = set()
    # (a title in quotation marks names a programme or a consultation, not a place: the
    # "Shaping Leisure Together" consultation)
    text = _QUOTED.sub(lambda q: " " * len(q.group(0)), text)
    for m in _RUN.finditer(text):
        words = m.group(0).split()
        if words[-1].lower() in _BODY:
            continue
        # (the sentence's first word is capitalised whatever it is; a run of capitals there is
        # a name all the same: "7.1 Millfield Park: the transfer ...")
        opening = len(words) == 1 and not re.search(r"[^\W\d_]", text[: m.start()])
        for k, word in enumerate(words):
            low = re.sub(r"['’]s$", "", word.lower())
            if (
                (opening and k == 0)
                # (an acronym is a body or a programme: "NHS", "CQC", "SEND")
                or word.isupper()
                or low in _GOVERNMENT
                or low in lowered
                # (nor a word of the paper's own: "Re-procure")
                or any(part in lowered for part in low.split("-") if "-" in low)
                or len(low) < 3
                or _KIND.fullmatch(low)
            ):
                continue
            found.add("@" + low)
    return frozenset(found)
