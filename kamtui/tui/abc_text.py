"""The ABC view's text blocks: the class summary and the migration between two periods.

The wording is the core's (:mod:`kamtui.abc.lines`, the same lines ``kamtui abc`` prints); this
module only gives each role a style from the theme.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from kamtui.abc.lines import (
    Line,
    Role,
    Span,
    migration_lines,
    period_line,
    reading_lines,
    summary_lines,
)
from kamtui.text.format import format_count
from kamtui.text.i18n import gettext as _
from kamtui.text.i18n import ngettext
from kamtui.tui.abc_data import AbcView
from kamtui.tui.safe import assemble

ROLE_STYLES: dict[Role, str] = {
    "text": "",
    "heading": "bold",
    "number": "",
    "dim": "dim",
    # The class colours of the Pareto chart's bands (kamtui/tui/widgets/pareto_chart.py).
    "class-A": "bold $text-success",
    "class-B": "bold $text-accent",
    "class-C": "bold $text-primary",
    "risk": "bold $text-error",
    "growth": "bold $text-success",
}
MIGRATION_LIMIT = 25
"""Customers listed under each signal (risk, growth)."""


def styled(lines: Iterable[Line]) -> Content:
    """*lines* as Content, each span in the style of its role (text made safe, never markup)."""
    parts: list[str | tuple[str, str]] = []
    for i, line in enumerate(lines):
        if i:
            parts.append("\n")
        for span in line:
            style = ROLE_STYLES.get(span.role, "")
            parts.append((span.text, style) if style else span.text)
    return assemble(*parts)


def summary_text(view: AbcView) -> Content:
    r = view.result
    lines: list[Line] = []
    if r.source is not None:
        s = r.source
        # The file's name only: its path is in the form above.
        lines += [(Span(s.path.name, "heading"), Span(f"  {s.layout}")), period_line(r)]
        lines += reading_lines(r)  # quantity × price, credit notes, lines without a customer
        if s.bad_rows:
            left_out = ngettext(
                "{count} unusable row left out", "{count} unusable rows left out", s.bad_rows
            ).format(count=format_count(s.bad_rows))
            lines.append((Span(left_out, "heading"),))
        lines.append(())
    lines += summary_lines(r)
    return styled(lines)


def migration_text(view: AbcView, limit: int = MIGRATION_LIMIT) -> Content:
    m = view.result.migration
    if m is None:
        return assemble(
            (
                _(
                    "Give a comparison period (compare from / to) and run again to see "
                    "how customers moved between classes."
                ),
                "dim",
            )
        )
    return styled(migration_lines(m, limit))
