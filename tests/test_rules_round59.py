"""Round 59 families: wording found in blind held-out sets h227–h231 (long papers as PDF text,
long reports, minutes and plans, notices of every format, short texts worded unusually),
written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, SALE, assert_label

_VEAT = (
    "Voluntary ex ante transparency notice\nSample & District Council\n"
    "II.1.1) Title: Grounds Maintenance and Street Cleansing Services\n"
    "II.1.2) Main CPV code: 77313000 Parks maintenance services\nII.1.3) Type of contract: "
    "Services\nII.1.4) Short description: The Council intends to award a contract for grounds "
    "maintenance and street cleansing to Sample Environmental Services Limited for 7 years.\n"
)
_CF_AWARD = (
    "Contracts Finder - Awarded contract\n{title}\nSample District Council\n"
    "Industry: Business services: law, marketing, consulting, recruitment, printing and security "
    "- 79000000\nContract type: Service contract\nDescription\n{description}\n"
    "Awarded to: Sample Solutions Limited\n"
)
_AWARD = "Decision: To award the supported accommodation contract to Provider D for three years.\n"

FAMILIES = [
    # A company the council owns and controls as its own department is not outsourcing ...
    (
        _VEAT + "II.2.4) Sample Environmental Services Limited is a company wholly owned by Sample "
        "& District Council, which exercises control over the company similar to that which it "
        "exercises over its own departments.",
        OUT,
        False,
        "procurement",
    ),
    # ... one owned by a private group is.
    (
        _VEAT + "II.2.4) Sample Environmental Services Limited is a company wholly owned by Sample "
        "Holdings Group plc.",
        OUT,
        True,
        "procurement",
    ),
    # A portal's page line is not the title: the title below names a service residents use ...
    (
        _CF_AWARD.format(
            title="Revenues and Benefits Processing Support Services",
            description="The supplier will process housing benefit claims and answer customer "
            "telephone enquiries on behalf of the Council.",
        ),
        OUT,
        True,
        "procurement",
    ),
    # ... legal advice under the same code is for the council's own use.
    (
        _CF_AWARD.format(
            title="Legal Advisory Services",
            description="The supplier will give the Council legal advice on commercial matters.",
        ),
        OUT,
        False,
        "procurement",
    ),
    # Young people on a tender's evaluation panel choose a provider; nobody is consulted ...
    (
        _AWARD + "Involvement of young people: two young people from the Children in Care Council "
        "sat on the evaluation panel and scored bidders' presentations.",
        CONS,
        False,
        "decision",
    ),
    # ... a survey of young people asks their views.
    (
        _AWARD + "Involvement of young people: a survey of 60 young people in supported "
        "accommodation shaped the specification.",
        CONS,
        True,
        "decision",
    ),
    # People receiving a service sent a questionnaire are asked their views ...
    (
        _AWARD + "Views sought: people currently receiving support were sent a short "
        "questionnaire in December (92 replies).",
        CONS,
        True,
        "decision",
    ),
    # ... staff sent one are not the public.
    (
        _AWARD + "Views sought: staff of the current provider were sent a short questionnaire in "
        "December.",
        CONS,
        False,
        "decision",
    ),
    # The council employing the staff directly, costed and rejected, is the in-house option ...
    (
        _AWARD + "Option 3, the Council directly employing the specialist staff, had been costed "
        "at 14% above the tendered prices and was rejected.",
        INH,
        True,
        "decision",
    ),
    # ... a provider employing its staff directly is not.
    (
        _AWARD + "The provider will directly employ the support workers rather than use agency "
        "staff.",
        INH,
        False,
        "decision",
    ),
    # "Conclude missives" on a lease the council takes sells nothing ...
    (
        "Decision: To take a lease of Unit 4, Sample Industrial Estate, from the private landlord "
        "for five years at an annual rent of £62,000.\nLegal: The Head of Corporate Governance "
        "will conclude missives.",
        SALE,
        False,
        "decision",
    ),
    # ... missives concluded for a sale are its last step.
    (
        "Decision: To authorise the Head of Corporate Governance to conclude missives for the "
        "sale of the former Sample Depot to the highest bidder.",
        SALE,
        True,
        "decision",
    ),
    # A consultation launched on options, "No decisions have been taken", lets nothing ...
    (
        "Sample County Council has today launched a twelve-week consultation on proposals for "
        "the future of its library service. The proposals include reducing opening hours and "
        "asking whether some branches could be run on the Council's behalf by a charitable "
        "organisation or community interest company. No decisions have been taken.",
        OUT,
        False,
        "other",
    ),
    # ... a decision taken, beside a matter not yet decided, still lets its contract.
    (
        "Decision: Cabinet agreed to award the leisure management contract to Sample Leisure "
        "Trust for ten years. No decision has yet been made on the future of the library "
        "service.",
        OUT,
        True,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)
