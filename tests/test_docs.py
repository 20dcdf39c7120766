"""Docs that a test keeps honest: every command, option and setting is documented."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from oursay.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
CLI_DOC = REPO / "docs" / "cli.md"
CONFIG_DOC = REPO / "docs" / "configuration.md"
CODE_DIRS = ("oursay", "crawlers", "storage", "monitor", "feeds")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def doc_sections(text: str) -> dict[str, str]:
    """``## oursay NAME`` headings and the text under each."""
    parts = re.split(r"^## `?oursay (\S+?)`?\s*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_every_command_has_a_section() -> None:
    sections = doc_sections(CLI_DOC.read_text(encoding="utf-8"))
    assert sorted(sections) == sorted(subcommands())


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_option_is_documented(name: str) -> None:
    section = doc_sections(CLI_DOC.read_text(encoding="utf-8"))[name]
    for action in subcommands()[name]._actions:
        for option in action.option_strings:
            if option in ("-h", "--help"):
                continue
            assert f"`{option}" in section, f"oursay {name}: {option} is not documented"
        if not action.option_strings and action.dest != "help":
            metavar = action.metavar or action.dest.upper()
            assert str(metavar) in section, f"oursay {name}: argument {metavar} undocumented"


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"`(OURSAY_[A-Z_]+)`", CONFIG_DOC.read_text(encoding="utf-8")))
    used: dict[str, str] = {}
    for folder in CODE_DIRS:
        for path in (REPO / folder).rglob("*.py"):
            for name in re.findall(r"OURSAY_[A-Z_]+", path.read_text(encoding="utf-8")):
                used.setdefault(name, str(path.relative_to(REPO)))
    missing = {name: where for name, where in used.items() if name not in documented}
    assert not missing, f"settings used but not in docs/configuration.md: {missing}"
    assert "OURSAY_DATABASE_URL" in documented


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test\b", ci, flags=re.MULTILINE), (
        ".ci/run must run the README's test command"
    )


def test_scorecard_thresholds_are_the_ones_documented() -> None:
    from monitor.principles.base import (
        COPY_GRACE_DAYS,
        LARGE_CONTRACT,
        LOOKBACK_DAYS,
        SOCIAL_VALUE_MIN_WEIGHT,
    )

    text = (REPO / "docs" / "scorecard.md").read_text(encoding="utf-8")
    assert f"**£{LARGE_CONTRACT / 1_000_000:.0f}m**" in text
    assert f"**{COPY_GRACE_DAYS} days**" in text
    assert LOOKBACK_DAYS == 2 * 365 and "**last two years**" in text
    assert f"**{SOCIAL_VALUE_MIN_WEIGHT:.0f}%**" in text
