"""The warning codes are stable and documented (kamtui/lint/codes.py, docs/lint.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kamtui.lint.codes import CODES, Selection, UnknownCodeError, parse_codes

DOC = Path(__file__).resolve().parents[2] / "docs" / "lint.md"

STABLE = {
    "KAM001": "comments",
    "KAM002": "byte-order-mark",
    "KAM003": "no-schema",
    "KAM004": "key-typo",
    "KAM005": "invisible-characters",
    "KAM006": "temp-file",
    "KAM007": "not-a-plan-file",
    "KAM101": "review-overdue",
    "KAM201": "no-decision-maker",
    "KAM202": "no-relationship-with-power",
    "KAM203": "stray-offering",
    "KAM301": "objective-not-checked-in",
    "KAM302": "objective-without-action",
    "KAM401": "done-below-100",
    "KAM402": "done-without-date",
    "KAM403": "complete-not-done",
    "KAM404": "long-overdue",
    "KAM501": "same-account-name",
}
"""Codes are never renumbered nor reused: a new rule adds a line here, none changes."""


def test_codes_never_change() -> None:
    assert {c.code: c.name for c in CODES.values()} == STABLE
    assert all(code == c.code for code, c in CODES.items())


def test_every_code_has_its_section_in_docs_lint_md() -> None:
    text = DOC.read_text(encoding="utf-8")
    sections = re.findall(r"^### (KAM\d{3}) (\S+)$", text, re.MULTILINE)
    assert sections and sorted(sections) == sorted(STABLE.items())
    for code, _ in sections:
        body = text.split(f"### {code} ", 1)[1].split("\n### ", 1)[0]
        assert "**What:**" in body and "**Why" in body and "**Fix:**" in body, code


def test_parse_codes() -> None:
    assert parse_codes(["KAM101,kam404", " KAM201 ", "KAM101,"]) == {"KAM101", "KAM404", "KAM201"}
    assert parse_codes([]) == frozenset()
    with pytest.raises(UnknownCodeError, match=r"unknown warning code 'KAM999'; the codes are"):
        parse_codes(["KAM101,KAM999"])


def test_selection() -> None:
    everything = Selection.parse([], [])
    assert everything.wants("KAM101") and everything.wants(None)
    only = Selection.parse(["KAM101"], [])
    assert only.wants("KAM101") and not only.wants("KAM404") and not only.wants(None)
    ignore = Selection.parse([], ["KAM101"])
    assert not ignore.wants("KAM101") and ignore.wants("KAM404") and ignore.wants(None)
    both = Selection.parse(["KAM101,KAM404"], ["KAM101"])
    assert not both.wants("KAM101") and both.wants("KAM404")
