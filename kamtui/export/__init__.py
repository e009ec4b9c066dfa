"""A plan for people who do not run kamtui: Markdown to share or paste, JSON for scripts.

Both are organised by the three planning questions and computed for an explicit ``today``
(overdue actions, staleness, relationship gaps depend on it). Nothing here touches the terminal
or imports anything heavy: the command line (``kamtui export``) and the app both call
:func:`render`, then :func:`write_export`.

The parts: :mod:`kamtui.export.markdown` (the document and the escaping of user text),
:mod:`kamtui.export.json_doc` (the JSON data and its text) and :mod:`kamtui.export.files`
(formats, file names, the atomic write).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from kamtui.export.files import (
    FORMATS,
    SUFFIXES,
    OutputExistsError,
    default_file_name,
    write_export,
)
from kamtui.export.json_doc import JSON_FORMAT, JSON_VERSION, derived_figures, dumps, plan_to_json
from kamtui.export.markdown import (
    md_cell,
    md_inline,
    md_item,
    md_one_line,
    md_paragraphs,
    plan_to_markdown,
)
from kamtui.plan.model import AccountPlan, Offering

__all__ = [
    "FORMATS",
    "JSON_FORMAT",
    "JSON_VERSION",
    "SUFFIXES",
    "OutputExistsError",
    "default_file_name",
    "derived_figures",
    "dumps",
    "md_cell",
    "md_inline",
    "md_item",
    "md_one_line",
    "md_paragraphs",
    "plan_to_json",
    "plan_to_markdown",
    "render",
    "write_export",
]


def render(
    plan: AccountPlan,
    today: dt.date,
    fmt: str,
    offerings: Mapping[str, Offering] | None = None,
) -> str:
    """The export of *plan* as text in format *fmt* (``md`` or ``json``). *offerings*: the
    workspace's (``read_offerings(root).offerings``, kamtui/store/offerings.py), the whitespace
    map's first columns; without them the map shows the plan's own offerings only."""
    if fmt == "md":
        return plan_to_markdown(plan, today, offerings)
    if fmt == "json":
        return dumps(plan_to_json(plan, today, offerings))
    raise ValueError(f"unknown export format {fmt!r}; expected one of: {', '.join(FORMATS)}")
