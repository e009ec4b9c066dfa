"""A small table inside a step of the account screen: as tall as its rows, a hint when empty.

The section's keys (add, edit, delete…) are bindings of the table, so they only act on the
section that has the focus, and the key bar shows them when it does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip

from kamtui.tui.safe import Cell
from kamtui.tui.widgets.keyed_table import ColumnSpec, KeyedTable


class SectionTable(KeyedTable):
    DEFAULT_CSS = """
    SectionTable {
        height: auto;
        max-height: 14;
        margin-bottom: 1;
    }
    """

    def __init__(
        self,
        columns: Sequence[ColumnSpec],
        *,
        empty: str = "",
        flex: str | None = None,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(columns, id=id)
        self.empty = empty
        self.base_columns = tuple(columns)
        self.flex = flex
        """The column that takes the width left over (a title, an answer)."""

    def on_resize(self) -> None:
        if self.flex is None:
            return
        spare = self.size.width - 2 - sum(c.width + 2 for c in self.base_columns)
        columns = tuple(
            replace(c, width=c.width + max(0, spare)) if c.key == self.flex else c
            for c in self.base_columns
        )
        if columns != self.columns:
            self.columns = columns
            self._width = sum(c.width + 2 for c in columns)
            self._strips.clear()
            self._resized()

    def on_mount(self) -> None:
        self._resized()  # an empty table still shows its header and the hint

    def _resized(self) -> None:
        self.virtual_size = Size(self._width, max(1, self.row_count) + 1)
        self.refresh(layout=True)

    def render_line(self, y: int) -> Strip:
        if y == 1 and not self.row_count:
            width = self.scrollable_content_region.width
            style = self.rich_style + Style(italic=True, dim=True)
            return Strip([Segment(f" {self.empty}", style)]).crop_extend(0, width, style)
        return super().render_line(y)

    def show_rows(self, rows: Sequence[tuple[str, Sequence[Cell]]]) -> None:
        """Show exactly *rows*: rows that did not change are not redrawn, the cursor stays on
        its row key (or near where it was, if that row went away)."""
        keys = [k for k, _ in rows]
        if keys == self._keys:
            for key, cells in rows:
                old = self._cells[key]
                if any(
                    a.plain != b.plain or a.style != b.style
                    for a, b in zip(old, cells, strict=True)
                ):
                    self._cells[key] = list(cells)
                    self._version[key] += 1
                    self.refresh_row(key)
            return
        selected, where = self.selected_key, self.cursor_row
        self._keys = keys
        self._index = {k: i for i, k in enumerate(keys)}
        self._cells = {k: list(c) for k, c in rows}
        for key in keys:
            self._version[key] = self._version.get(key, 0) + 1
        self._resized()
        self._keep_cursor_on(selected, fallback=where)

    def show_row(self, key: str, cells: Sequence[Cell]) -> None:
        """Redraw one row (it must be shown already)."""
        self._cells[key] = list(cells)
        self._version[key] += 1
        self.refresh_row(key)
