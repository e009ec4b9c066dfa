"""``kamtui list``'s table lines up whatever the names hold: wide CJK characters and emoji,
combining marks (a name typed on a Mac is NFD), invisible characters (shown by their code)."""

from __future__ import annotations

import datetime as dt
import unicodedata

from rich.cells import cell_len

from kamtui.cli.list import render_table
from kamtui.plan.metrics import PortfolioRow

TODAY = dt.date(2026, 11, 30)
NAMES = [
    "Acme Packaging",
    unicodedata.normalize("NFD", "Café Müller"),
    "🚀 Rocket GmbH",
    "株式会社 Tanaka",
    "İş Bankası",
    "Zero\u200bWidth Ltd",
    "Soft\u00adHyphen AG",
    "株式会社日本電信電話株式会社東京支店営業部第一課",
    "🚀" * 20,
    unicodedata.normalize("NFD", "Ünïcödé ") * 6,
]


def row(i: int, name: str) -> PortfolioRow:
    return PortfolioRow(
        id=f"account-{i}",
        name=name,
        segment="AB"[i % 2],
        owner="",
        completeness=(1.0, 0.5, 0.0),
        attainment=0.25 * (i % 4),
        actions_done=i,
        actions_total=10,
        overdue=i % 3,
        next_action="",
        next_due=TODAY if i % 2 else None,
        days_since_review=i * 7,
        stale=i % 2 == 0,
    )


def columns(line: str, header: str) -> list[int]:
    """The cell column where each header word's column starts, read on *line*: the start of
    the text found at or after it (cells measured as the terminal counts them)."""
    starts = [i for i, c in enumerate(header) if c != " " and (i == 0 or header[i - 1] == " ")]
    cells, found, at = 0, [], 0
    for ch in line:
        if at < len(starts) and cells >= starts[at]:
            found.append(cells)
            at += 1
        cells += cell_len(ch)
    return found


def test_every_row_lines_up_with_the_header():
    rows = [row(i, name) for i, name in enumerate(NAMES)]
    lines = render_table(rows, [], TODAY).splitlines()[: len(rows) + 1]
    header = lines[0]
    assert header.split() == [
        "ID", "Name", "Seg", "Plan", "Attain", "Actions", "Late", "Next", "due", "Review"
    ]  # fmt: skip
    for r, line in zip(rows, lines[1:], strict=True):
        assert columns(line, header) == columns(header, header), line
        segment = line[_index_at_cell(line, header.index("Seg"))]
        assert segment == r.segment, line


def _index_at_cell(line: str, cell: int) -> int:
    cells = 0
    for i, ch in enumerate(line):
        if cells >= cell:
            return i
        cells += cell_len(ch)
    return len(line)


def test_long_names_are_cut_to_32_cells_with_an_ellipsis():
    rows = [row(i, name) for i, name in enumerate(NAMES)]
    lines = render_table(rows, [], TODAY).splitlines()
    name_start, seg = lines[0].index("Name"), lines[0].index("Seg")
    assert seg - name_start == 34  # 32 cells and the 2 between columns
    cjk = next(line for line in lines if line.startswith("account-7 "))
    name = cjk[_index_at_cell(cjk, name_start) : _index_at_cell(cjk, seg)]
    assert name.rstrip().endswith("…")
    assert cell_len(name.rstrip()) <= 32


def test_invisible_characters_are_shown_in_the_table():
    lines = render_table([row(0, "Zero\u200bWidth")], [], TODAY).splitlines()
    assert "Zero⟨U+200B⟩Width" in lines[1]
    assert "\u200b" not in "\n".join(lines)
