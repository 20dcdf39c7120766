"""A plan's entries found from the fields they repeat (monitor.plan_entries), in a layout no
heading rule knows. Texts written for these tests (a fictional council)."""

from __future__ import annotations

from monitor.classify import classify
from monitor.plan_entries import entry_starts

_ENTRY = """{title}
Who decides: {who}
When: {when}
Purpose: {purpose}
Consultation: {consultation}
Lead officer: {officer}
"""
_PLAN = "SAMPLE BOROUGH COUNCIL\nNotice of decisions to be taken\n\n" + "\n".join(
    [
        _ENTRY.format(
            title="Library service - future operating model",
            who="Cabinet",
            when="12 June 2025",
            purpose="To approve the transfer of the operation of the library service to a "
            "charitable trust.",
            consultation="Ward members",
            officer="Head of Culture",
        ),
        _ENTRY.format(
            title="Council tax support scheme 2026/27",
            who="Cabinet",
            when="10 July 2025",
            purpose="To approve a revised scheme for public consultation.",
            consultation="An eight-week public consultation with residents and claimants.",
            officer="Head of Revenues",
        ),
        _ENTRY.format(
            title="Fleet replacement",
            who="Director of Environment",
            when="3 July 2025",
            purpose="To approve the purchase of six vans.",
            consultation="None",
            officer="Fleet Manager",
        ),
    ]
)


def test_entries_start_at_their_title_above_the_first_repeated_field() -> None:
    starts = entry_starts([_PLAN.splitlines()])
    assert sorted(starts.values()) == [
        "Council tax support scheme 2026/27",
        "Fleet replacement",
        "Library service - future operating model",
    ]


def test_each_entry_is_judged_on_its_own_consultation() -> None:
    c = classify(_PLAN, doc_type="forward_plan")
    assert "agenda_items:4" in c.signals
    # The residents' consultation is the council tax entry's, not the library transfer's.
    assert c.is_outsourcing and not c.has_consultation and c.should_flag
    assert "item:Library service - future operating model" in c.signals


def test_minutes_and_options_are_not_plans() -> None:
    minutes = "\n".join(
        f"Item {n}\nResolved: that the report be noted.\nReasons: to keep members informed.\n"
        f"Decision: noted.\nDate: 1 May 2025\n"
        for n in range(3)
    )
    assert entry_starts([minutes.splitlines()]) == {}
    options = "\n".join(
        f"Option {n}\nCost: £{n}m a year\nRisk: medium\nBenefit: some\n" for n in range(3)
    )
    assert entry_starts([options.splitlines()]) == {}


def test_a_reports_running_header_of_fields_is_no_plan() -> None:
    # The same fields printed at the top of every page of one report.
    header = "SAMPLE COUNCIL\nReport to: Cabinet\nSubject: Leisure\nKey decision: Yes\nWards: All\n"
    pages = [
        (
            header + f"{n}. Section {n}\n{n}.1 The leisure centres are run by an operator."
        ).splitlines()
        for n in range(1, 6)
    ]
    assert entry_starts(pages) == {}
    # The same pages with one field differing per page are entries of a plan.
    plan = [
        (header.replace("Leisure", f"Matter {n}") + f"{n}.1 Text.").splitlines()
        for n in range(1, 6)
    ]
    assert len(entry_starts(plan)) == 5
