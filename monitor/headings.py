"""Section headings of council papers: which kind of part a line opens ("Recommendations",
"Options considered", "Consultation", "Reasons for decision" ...), read through numbers such as
"6." or "(a)". Split from :mod:`monitor.text`, which reads the papers' lines and sentences."""

from __future__ import annotations

import re

__all__ = ["heading_kind"]

# Headings as councils write them: ModernGov decision pages ("Alternative options considered
# and rejected", "Reasons for decision", "Consultation process"), committee reports
# ("Options appraisal", "Procurement route", "6. OPTIONS CONSIDERED", "Reason(s) for
# decision") and key:value metadata lines. A heading must start the line (after its number, if
# any) and be followed by a colon, a dash or the end of the line, so that prose such as
# "Consultation has been undertaken with users" is never taken for a heading.
_END = r"\s*(?::-?|-|–|—|$)"
_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "options",
        re.compile(
            r"^(?:details of |summary of )?(?:any |the )?(?:other |alternative |further )?"
            r"(?:options?|alternatives?)(?: (?:appraisal|analysis|(?:previously |already |"
            r"originally )?(?:considered|explored|reviewed|assessed)|available|"
            r"that have been considered))?"
            r"(?: (?:and|&) (?:rejected|discounted|dismissed|not pursued))?"
            r"(?:,? (?:and|&) (?:the )?(?:associated |related )?risks?)?"
            r"(?: by (?:the )?[\w ]{1,40})?"
            + _END
            # A sentence that opens a list of options: "4.1 The review considered four options
            # for the future of the service:", "The following options were considered:"
            + r"|^[\w ,'’()-]{0,80}?\b(?:considered|explored|assessed|appraised|identified|"
            r"examined|reviewed|looked at)\b (?:the following |(?:two|three|four|five|six|"
            r"seven|several|a number of|\d) )?(?:main |possible |delivery )?(?:options|"
            r"alternatives)\b[^.:;]{0,60}:\s*$"
            r"|^(?:the )?following (?:options|alternatives) (?:were|have been|are|was) "
            r"(?:considered|explored|assessed|appraised|identified|available)\s*:\s*$",
            re.I,
        ),
    ),
    (
        "consultation",
        re.compile(
            r"^(?:details of )?(?:any )?(?:public )?(?:consultations?|consultees?|engagement)"
            r"(?: (?:process|undertaken|carried out|and engagement|and communications?|"
            r"responses?|feedback|outcomes?|plan|summary|with \w+(?: \w+)?))?"
            + _END
            # "... and other consultation" (report headings that name several sources)
            + r"|^[\w ,]{0,60}\band (?:other )?consultations?"
            + _END,
            re.I,
        ),
    ),
    (
        "reasons",
        re.compile(
            r"^(?:considerations ?/ ?)?(?:reason(?:s|\(s\)|/s)?|rationale)(?: for (?:the )?"
            r"(?:decisions?|recommendations?(?:\(s\))?|proposals?|making (?:this|the) report))?"
            + _END,
            re.I,
        ),
    ),
    (
        "decision",
        re.compile(
            # ("Decisions being recommended", "Decision required")
            r"^(?:decision(?:s|/s)?(?: made| taken| being recommended| required| sought)?|"
            r"decision\(s\)(?: recommended)?|recommended decisions?|"
            # ("Recommendation/s and reason/s")
            # (Middlesbrough's minutes: "ORDERED that:")
            # (letter-spaced in some minutes: "R E S O L V E D – that:")
            r"(?:resolved|r e s o l v e d)(?: that)?|agreed(?: that)?|ordered(?: that)?|"
            r"recommendation(?:s|\(s\)|/s)?"
            r"(?: (?:and|&) reasons?(?:/s|\(s\))?)?|"
            # a list's lead-in on its own line: "Cabinet is asked to:", "The Executive is
            # recommended to:"
            r"(?:the )?(?:cabinet|council|committee|executive|board|panel|sub-committee) "
            r"(?:is|are) (?:asked|recommended|requested|invited) to|"
            # "Recommendations/Decisions Required:"
            r"recommendations?(?: ?/ ?| and | & )decisions?(?: required| sought)?|"
            r"it was resolved|"
            # "Cabinet Member / Officer Recommendations:"
            r"(?:cabinet|officers?|members?|committee|portfolio holder|executive|director)"
            r"['’]?s?[\w /&'’-]{0,30} recommendations?|"
            r"the (?:cabinet|committee|executive) resolved|delegated decision)"
            + _END
            # Minutes: "Following consideration, the Committee agreed:", "Thereafter, the
            # Committee agreed:-" over a list of what was agreed.
            + r"|^(?:[\w ,]{1,60}, )?(?:the )?(?:cabinet|committee|"
            r"council|executive|board|panel|sub-committee)(?: [\w-]+){0,3}? (?:agreed|resolved|"
            # ("The Committee resolved, in terms of delegated powers:")
            r"decided|determined)(?: as follows|,? in terms of [\w ]{1,40})?\s*:"
            # "On the proposal of Councillor A, seconded by Councillor B, it was agreed:"
            r"|^(?:[\w ,]{1,100}, )?it was (?:agreed|resolved|decided)(?: as follows)?\s*:",
            re.I,
        ),
    ),
    (
        "purpose",
        re.compile(
            r"^(?:purpose(?: of (?:the )?report)?|summary|introduction|executive summary|"
            r"brief description of decision)" + _END,
            re.I,
        ),
    ),
    # What happened before: earlier contracts and decisions, the history of a service.
    (
        "background",
        re.compile(
            r"^(?:background|history|context)(?: (?:information|and context|and history|"
            r"and introduction|to (?:the|this) (?:report|proposals?|decision)))?" + _END,
            re.I,
        ),
    ),
    ("procurement", re.compile(r"^procurement (?:route|strategy|options|process)" + _END, re.I)),
    (
        "meta",
        re.compile(
            r"^(?:report author|publication date|date of decision|decided at meeting|"
            r"effective from|officers to action|exempt information|details of any conflict|"
            r"lead member|lead director|contact|department|decision type|decision status|"
            # a forward plan entry's fields after "Consultation process:" end that field
            r"lead officers?|responsible officers?|contact officers?|officer contact|"
            r"documents(?: to be (?:considered|submitted))?|exempt\??|key decision\??|"
            r"decision maker|decision due|decision title|is key decision\??|"
            r"is subject to call in\??|is callable in\??|wards? affected|"
            r"accompanying documents|supporting documents|additional documents|minutes|"
            r"implementation of decisions?|notice of proposed decision first published|"
            r"anticipated restriction|original text|financial implications|legal implications|"
            r"risk (?:management|implications)|equalit(?:y|ies)(?: impact)?(?: implications)?|"
            r"portfolio holder|cabinet member|specific delegation|"
            # The closing parts of a report, which end whatever section came before.
            r"[\w ,&/-]{0,40} implications|risks?|conclusions?|appendices|"
            # "Appendix A - Summary of changes": an appendix starts afresh
            r"appendix [a-z0-9]{1,3}|annex(?:e)? [a-z0-9]{1,3}|"
            r"background (?:documents|papers)|contact details|report authors?)"
            r"\b\s*(?::|-|–|\?|$)",
            re.I,
        ),
    ),
)

# The number in front of a numbered heading: "6. OPTIONS CONSIDERED", "4 Legal implications",
# "2.1 Background", "A. Recommendations", "(a) Consultation".
_HEADING_NUMBER = re.compile(
    r"^(?:(?:section|part)\s+)?(?:(\d{1,2})(?:\.\d{1,2})*[.)]?|[A-Z][.)]|[A-Z]\s[–-]|\(\w{1,3}\))"
    r"\s+(?=\S)",
    re.I,
)
# A numbered paragraph ("7.1 The report ...", "10.After the debate", "6.1Option 2")
# or numbered heading ("7. FINANCIAL IMPLICATIONS"): its top-level number.
_PARAGRAPH_NUMBER = re.compile(r"^(\d{1,2})\.(\d{1,2})?\.?\s*(?=[A-Z‘'\"“(])")


# All the headings in one pattern, tried in the order of _HEADINGS (the first kind that
# matches wins, as in a loop): every line of a long report is tested, so one call, not eight.
_ANY_HEADING = re.compile(
    "|".join(f"(?P<{kind}>{pattern.pattern})" for kind, pattern in _HEADINGS), re.I
)


def heading_kind(line: str) -> str | None:
    """Kind of section heading that starts ``line``, if any. A long line counts only when its
    heading ends in a colon or dash within its first 80 characters ("Decision – (a) That the
    award of 612 route contracts ... be approved.": minutes put the heading and the whole
    resolution on one line)."""
    if len(line) > 160:
        head = line[:80]
        m = _HEADING_NUMBER.match(head)
        if m:
            head = head[m.end() :]
        found = _ANY_HEADING.match(head)
        if found is not None and found.group(0).rstrip()[-1:] in (":", "-", "–", "—"):
            return found.lastgroup
        return None
    m = _HEADING_NUMBER.match(line)
    if m:
        line = line[m.end() :]
    found = _ANY_HEADING.match(line)
    if found is None and line.endswith("?"):
        # A template that asks its headings (Welsh councils': "3. What are the
        # Recommendations?", "8. What consultations have been carried out with Scrutiny and
        # others?"): the heading is what the question asks for.
        # (what was done, asked in the perfect: "What options have been considered?")
        asked = _QUESTION.match(line)
        found = _ANY_HEADING.match(_DONE.sub("", asked.group("asked"))) if asked else None
    return found.lastgroup if found else None


_QUESTION = re.compile(
    r"^(?:what|which) (?:(?:are|is|were|was) (?:the )?)?(?P<asked>[^?]{3,80})\?$", re.I
)
_DONE = re.compile(
    r"\s+(?:(?:have|has|had) been|were|was) (?:undertaken|carried out|considered|explored|"
    r"assessed|appraised|held)\b.*$",
    re.I,
)


def _is_bare_heading(line: str, kind: str | None = None) -> bool:
    """A heading with nothing after it on the line (an empty template field looks like this)."""
    m = _HEADING_NUMBER.match(line)
    if m:
        line = line[m.end() :]
    stripped = line.rstrip(" :-–—")
    return (
        (kind or heading_kind(line)) is not None
        and len(stripped) <= 80
        and not re.search(r"[:–—-]\s*\S", line)
    )
