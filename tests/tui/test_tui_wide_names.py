"""The dashboard's columns line up whatever the names hold: CJK characters and emoji (two cells
each), combining marks (NFD, none), invisible characters (shown by their code, never drawn as
nothing by one terminal and as a cell by another)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from conftest import TODAY
from rich.cells import cell_len
from tui_helpers import screen_text, started

from kamtui.plan.model import Segment
from kamtui.store.workspace import Workspace
from kamtui.text.width import cell_width
from kamtui.tui.factory import make_app

NAMES = [
    "Acme Packaging",
    unicodedata.normalize("NFD", "Café Müller"),
    "🚀 Rocket GmbH",
    "株式会社 Tanaka",
    "İş Bankası",
    "Zero\u200bWidth Ltd",
    "Soft\u00adHyphen AG",
    "J\u2060o\ufeffin SA",
    "株式会社日本電信電話株式会社東京支店営業部",
    "🚀" * 20,
    unicodedata.normalize("NFD", "Ünïcödé ") * 6,
]
MARKS = "●◐○"


def _plan_column(line: str, width: Callable[[str], int]) -> int:
    """The cell column of the Plan marks on a row (*width*: how a character is measured)."""
    first = min(line.index(m) for m in MARKS if m in line)
    return sum(width(ch) for ch in line[:first])


async def test_the_dashboard_lines_up_names_in_any_script(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "accounts")
    for name in NAMES:
        ws.new_plan(name, segment=Segment.B)
    app = make_app(ws, today=TODAY, watch_interval=None)
    async with app.run_test(size=(120, 24)) as pilot:
        await started(app, pilot)
        await pilot.pause()
        lines = screen_text(app).splitlines()
    header = next(line for line in lines if "Account" in line and "Plan" in line)
    rows = [line for line in lines if any(m in line for m in MARKS)]
    assert len(rows) == len(NAMES)
    plan = header.index("Plan")
    for row in rows:
        # The same column measured as Rich (the app) and as kamtui/text/width.py (the command
        # line, and the rules of the terminals) measure.
        assert _plan_column(row, cell_len) == plan, row
        assert _plan_column(row, cell_width) == plan, row
        assert cell_width(row) == cell_len(row) == 120, row
    text = "\n".join(rows)
    assert "Zero⟨U+200B⟩Width Ltd" in text
    assert "Soft⟨U+00AD⟩Hyphen AG" in text
    assert "J⟨U+2060⟩o⟨U+FEFF⟩in SA" in text
    for hidden in ("\u200b", "\u00ad", "\u2060", "\ufeff"):
        assert hidden not in text
