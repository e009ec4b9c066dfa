"""An invisible character in a name or a customer id is a warning at the value: two names that
look the same on screen would not be (and a customer id would not match the revenue data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.plan.diagnostics import Severity
from kamtui.plan.file import parse_plan

PLAN = """\
schema = 1

[account]
name = "{name}"
customer_ids = ["C1", "{cid}"]

[where_am_i.buying_centre.ann]
name = "{person}"

[how_to_get_there.actions.call]
title = "{title}"
"""


def warnings(**values: str) -> list[tuple[str, int | None, int | None, str]]:
    fields = {"name": "Acme", "cid": "C2", "person": "Ann", "title": "Call"} | values
    text = PLAN.format(**fields)
    lp = parse_plan(text.encode(), Path("acme.toml"))
    assert lp.plan is not None, lp.problems  # a warning: the plan is read
    return [(p.message, p.line, p.column, p.key) for p in lp.warnings]


@pytest.mark.parametrize(
    ("ch", "name"),
    [
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u200c", "ZERO WIDTH NON-JOINER"),
        ("\u200d", "ZERO WIDTH JOINER"),
        ("\u2060", "WORD JOINER"),
        ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
        ("\u00ad", "SOFT HYPHEN"),
    ],
)
def test_an_invisible_character_in_the_account_name(ch, name):
    code = f"U+{ord(ch):04X}"
    assert warnings(name=f"Ac{ch}me") == [
        (
            f"'account.name' has an invisible character, {code} ({name}), shown as ⟨{code}⟩: "
            "remove it, or two names that look the same will not be",
            4,
            8,
            "account.name",
        )
    ]


def test_several_invisible_characters_are_named_once_each():
    [(message, *_)] = warnings(person="A\u200bn\u200bn\ufeff")
    assert message.startswith(
        "'where_am_i.buying_centre.ann.name' has invisible characters, U+200B (ZERO WIDTH "
        "SPACE) and U+FEFF (ZERO WIDTH NO-BREAK SPACE), shown as ⟨U+200B⟩ and ⟨U+FEFF⟩: "
    )


def test_an_invisible_character_in_a_customer_id():
    assert warnings(cid="C2\u200b") == [
        (
            "customer id 'C2⟨U+200B⟩' has an invisible character, U+200B (ZERO WIDTH SPACE): "
            "remove it, or it will not match the revenue data",
            5,
            16,
            "account.customer_ids",
        )
    ]


def test_titles_are_names_too():
    [(message, line, col, key)] = warnings(title="Call\u2060 the CFO")
    assert message.startswith("'how_to_get_there.actions.call.title' has an invisible character")
    assert (line, col, key) == (11, 9, "how_to_get_there.actions.call.title")


def test_visible_names_give_no_warning():
    assert warnings(name="Café 🚀 株式会社 İş", person="Zoë", cid="C-2") == []


def test_check_warns_and_exits_0(tmp_path, capsys):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "acme.toml").write_text(
        PLAN.format(name="Ac\u200bme", cid="C2", person="Ann", title="Call"), encoding="utf-8"
    )
    assert main(["check", "-w", str(ws), "--today", "2026-11-30"]) == 0
    out = capsys.readouterr().out
    assert (  # the text of the reader's warning, then its code (docs/lint.md)
        f"{ws / 'acme.toml'}:4:8: warning: 'account.name' has an invisible character, U+200B "
        "(ZERO WIDTH SPACE), shown as ⟨U+200B⟩: remove it, or two names that look the same will "
        "not be [KAM005]\n"
    ) in out
    assert "\u200b" not in out
    assert Severity.WARNING.value in out
