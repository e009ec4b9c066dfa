"""The plan cache (kamtui/store/cache.py) pickles plans and dashboard rows; one written by a
kamtui whose records had other fields must not be read (an object unpickled without a field
fails when the field is read). Its header's format number changes with their fields."""

from __future__ import annotations

import dataclasses
import hashlib

from kamtui.plan import diagnostics, model, row
from kamtui.store import cache

FIELDS_OF_FORMAT = {9: "32dbb29fc43780b4"}
"""The digest of :func:`pickled_fields` for each cache format (only the current one matters)."""


def pickled_fields() -> dict[str, tuple[str, ...]]:
    """Every dataclass the cache pickles (a plan's records, the dashboard row, the problems of
    reading) and its fields."""
    found: dict[str, tuple[str, ...]] = {}
    for module in (diagnostics, model, row):
        for name, cls in sorted(vars(module).items()):
            if dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__:
                found[name] = tuple(f.name for f in dataclasses.fields(cls))
    return found


def test_the_cache_format_changes_with_the_fields_it_pickles() -> None:
    fields = pickled_fields()
    assert "Objective" in fields and "PortfolioRow" in fields
    digest = hashlib.sha256(repr(fields).encode()).hexdigest()[:16]
    number = cache._FORMAT[1]
    assert FIELDS_OF_FORMAT.get(number) == digest, (
        f"the records the plan cache pickles changed ({fields}): bump the format number in "
        f"kamtui/store/cache.py's _FORMAT to {number + 1} and record {number + 1}: {digest!r} "
        "here, so that a cache written before is not read"
    )
