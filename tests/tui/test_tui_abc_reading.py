"""The ABC view's reading settings as a user types them: the quantity, unit-price, discount and
document-type columns and more credit-note types (docs/abc.md, "Columns"), run on files whose
amount is quantity × unit price, remembered per workspace, and a wrong column name shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA, TODAY
from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_helpers import screen_text, started, tab_to, type_text, wait_for, wait_for_screen

from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.screens.abc import AbcScreen

SHAPES = DATA / "abc" / "shapes"

READING = ("abc-quantity", "abc-price", "abc-discount", "abc-doc-type", "abc-credit-types")
"""The reading fields, in their tab order."""


@pytest.fixture
def settings(tmp_path: Path) -> Path:
    return tmp_path / "settings.json"


def new_app(sample_copy: Path, settings: Path) -> KamApp:
    return make_app(
        Workspace(sample_copy), today=TODAY, watch_interval=None, settings_path=settings
    )


async def open_abc(app: KamApp, pilot: Pilot[None]) -> AbcScreen:
    await started(app, pilot)
    await pilot.press("a")
    return await wait_for_screen(pilot, AbcScreen)


async def fill(pilot: Pilot[None], screen: AbcScreen, field_id: str, text: str) -> None:
    """Tab to the field, empty it with backspaces, type *text*."""
    field = screen.query_one(f"#{field_id}", Input)
    await tab_to(pilot, field)
    await pilot.press("end", *["backspace"] * len(field.value))
    await type_text(pilot, text)
    assert field.value == text


async def ran(pilot: Pilot[None], screen: AbcScreen) -> None:
    """Until the run started by enter has ended, with a result or an error."""
    error = screen.query_one("#abc-error", Static)
    await wait_for(
        pilot,
        lambda: not screen.running and (screen.view is not None or str(error.render()).strip()),
        20,
    )


def classes(screen: AbcScreen) -> dict[str, tuple[float, str]]:
    assert screen.view is not None
    return {r.customer: (round(r.revenue, 2), r.segment.value) for r in screen.view.result.rows()}


def summary(screen: AbcScreen) -> str:
    return str(screen.query_one("#abc-summary", Static).render())


async def test_typed_columns_are_used_remembered_and_come_back(
    sample_copy: Path, settings: Path
) -> None:
    """discount_fraction.csv, read without its discount (``-``): K1 10×100 + 5×20 = 1100,
    K2 4×50 = 200, K3 60, K4 2×15 = 30; total 1390: K2 starts at 79.1% (A, where the guessed
    discount makes it B), K3 at 93.5% (B), K4 at 97.8% (C)."""
    path = SHAPES / "discount_fraction.csv"
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_abc(app, pilot)
        # keyboard only at 80×24: every reading field on screen, its whole hint shown, reached
        # with tab after the dates
        chain = [w.id for w in screen.focus_chain]
        assert chain[chain.index("abc-cmp-to") + 1 :][: len(READING)] == list(READING)
        text = screen_text(app)
        for field_id in READING:
            field = screen.query_one(f"#{field_id}", Input)
            assert field.region.bottom <= 24 and field.placeholder in text
        await type_text(pilot, str(path))
        await fill(pilot, screen, "abc-quantity", "qty")
        await fill(pilot, screen, "abc-price", "unit_price")
        await fill(pilot, screen, "abc-discount", "-")
        await pilot.press("enter")  # in the discount field: runs
        await ran(pilot, screen)
        assert classes(screen) == {
            "K1": (1100.0, "A"),
            "K2": (200.0, "A"),
            "K3": (60.0, "B"),
            "K4": (30.0, "C"),
        }
        assert "Amount: qty × unit_price" in summary(screen)
        assert "(1 − discount)" not in summary(screen)
        await wait_for(pilot, lambda: settings.exists())
        saved = json.loads(settings.read_text(encoding="utf-8"))
        assert saved["revenue_file"] == str(path)
        assert (saved["quantity"], saved["price"], saved["discount"]) == ("qty", "unit_price", "-")
        assert (saved["doc_type"], saved["credit_types"]) == ("", "")
    again = new_app(sample_copy, settings)
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_abc(again, pilot)
        values = {f: screen.query_one(f"#{f}", Input).value for f in READING}
        assert values == {
            "abc-quantity": "qty",
            "abc-price": "unit_price",
            "abc-discount": "-",
            "abc-doc-type": "",
            "abc-credit-types": "",
        }
        await pilot.press("enter")  # the remembered file and settings, run again
        await ran(pilot, screen)
        assert classes(screen)["K2"] == (200.0, "A")
        # the discount field emptied: guessed again, and the discount taken off
        await fill(pilot, screen, "abc-discount", "")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not screen.running and classes(screen)["K2"][1] == "B")
        assert classes(screen)["K1"] == (1000.0, "A")
        assert "× (1 − discount)" in summary(screen)


async def test_columns_no_guess_finds_and_credit_types(
    sample_copy: Path, settings: Path, tmp_path: Path
) -> None:
    """Headers kamtui cannot guess (Pieces, Each, Kind) named in the form, with RET and RES as
    credit notes: X1 10×5 − 2×5 = 40, X2 4×5 = 20, X3 3×5 − 1×5 = 10, X4 1×5 = 5; total 75:
    X2 starts at 53.3% (A), X3 at 80% (B), X4 at 93.3% (B)."""
    path = tmp_path / "lines.csv"
    path.write_text(
        "Client;Pieces;Each;Kind\n"
        "X1;10;5;INV\nX1;2;5;RET\nX2;4;5;INV\nX3;3;5;INV\nX3;1;5;RES\nX4;1;5;INV\n",
        encoding="utf-8",
    )
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_abc(app, pilot)
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await ran(pilot, screen)
        error = str(screen.query_one("#abc-error", Static).render())
        assert "cannot tell which column holds the amount" in error and screen.view is None
        await fill(pilot, screen, "abc-quantity", "Pieces")
        await fill(pilot, screen, "abc-price", "Each")
        await fill(pilot, screen, "abc-doc-type", "Kind")
        await fill(pilot, screen, "abc-credit-types", "RET, RES,")
        await pilot.press("enter")  # in the credit types field: runs
        await ran(pilot, screen)
        assert str(screen.query_one("#abc-error", Static).render()).strip() == ""
        assert classes(screen) == {
            "X1": (40.0, "A"),
            "X2": (20.0, "A"),
            "X3": (10.0, "B"),
            "X4": (5.0, "B"),
        }
        assert "Credit notes: 2 lines" in summary(screen)
        await wait_for(
            pilot,
            lambda: (
                settings.exists()
                and json.loads(settings.read_text(encoding="utf-8"))["credit_types"] == "RET, RES,"
            ),
        )
        saved = json.loads(settings.read_text(encoding="utf-8"))
        assert (saved["quantity"], saved["price"], saved["doc_type"]) == ("Pieces", "Each", "Kind")
        assert saved["discount"] == ""


async def test_a_wrong_column_name_is_the_error_naming_the_file(
    sample_copy: Path, settings: Path
) -> None:
    """retail_lines.csv with a quantity column it does not have, then the right one:
    12583 190.20, 13047 124.58, 17850 57.64 (A); 17548 25.00 (B); 16000 3.00, 14527 -2.30
    (C) (the hand computation is in tests/core/test_revenue_shapes.py)."""
    path = SHAPES / "retail_lines.csv"
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_abc(app, pilot)
        await type_text(pilot, str(path))
        await fill(pilot, screen, "abc-quantity", "Qty")
        await pilot.press("enter")
        await ran(pilot, screen)
        error = str(screen.query_one("#abc-error", Static).render())
        assert error.startswith(f"{path}: no column 'Qty'")
        assert "'Quantity'" in error  # the columns there are
        assert screen.view is None and app.abc_view is None
        assert "No result." in summary(screen)
        assert isinstance(app.screen, AbcScreen)
        await fill(pilot, screen, "abc-quantity", "Quantity")
        await fill(pilot, screen, "abc-price", "UnitPrice")
        await pilot.press("enter")
        await ran(pilot, screen)
        assert str(screen.query_one("#abc-error", Static).render()).strip() == ""
        assert classes(screen) == {
            "12583": (190.20, "A"),
            "13047": (124.58, "A"),
            "17850": (57.64, "A"),
            "17548": (25.00, "B"),
            "16000": (3.00, "C"),
            "14527": (-2.30, "C"),
        }


async def test_a_settings_file_from_before_the_reading_fields_still_loads(
    sample_copy: Path, settings: Path
) -> None:
    settings.write_text(
        json.dumps({"revenue_file": "old.csv", "method": "count", "period_from": "2026-01-01"}),
        encoding="utf-8",
    )
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_abc(app, pilot)
        assert screen.query_one("#abc-file", Input).value == "old.csv"
        assert screen.query_one("#abc-from", Input).value == "2026-01-01"
        assert all(screen.query_one(f"#{f}", Input).value == "" for f in READING)


async def test_hand_edited_settings_never_put_controls_or_none_into_a_field(
    sample_copy: Path, settings: Path
) -> None:
    settings.write_text(
        json.dumps(
            {
                "revenue_file": "r\x1b[2J.csv",
                "quantity": "Q\x1b]0;x\x07ty\u202e",
                "price": None,
                "discount": 5,
            }
        ),
        encoding="utf-8",
    )
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_abc(app, pilot)
        assert screen.query_one("#abc-file", Input).value == "r[2J.csv"
        assert screen.query_one("#abc-quantity", Input).value == "Q]0;xty"
        assert screen.query_one("#abc-price", Input).value == ""
        assert screen.query_one("#abc-discount", Input).value == ""
