"""An injectable notion of "today", so tests (and demos) never depend on the real date."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Protocol

TODAY_ENV = "KAMTUI_TODAY"


class Clock(Protocol):
    def today(self) -> dt.date: ...


class SystemClock:
    """The real date, unless ``KAMTUI_TODAY=YYYY-MM-DD`` pins it (used by end-to-end tests)."""

    def today(self) -> dt.date:
        pinned = os.environ.get(TODAY_ENV)
        if pinned:
            return dt.date.fromisoformat(pinned)
        return dt.date.today()


@dataclass(frozen=True)
class FixedClock:
    """Always the same day."""

    day: dt.date

    def today(self) -> dt.date:
        return self.day
