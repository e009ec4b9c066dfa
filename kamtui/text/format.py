"""Numbers, shares, dates, counts and bars as people read them: one place for every formatter.

The exports, the command line and the app all format through these, so the same figure reads
the same everywhere. Plain strings only (no markup, no styles); nothing from outside
:mod:`kamtui.text`.

In the language in use (kamtui/text/i18n.py): English writes ``1,234.56`` and ISO dates
(``2026-12-02``); Italian ``1.234,56`` and ``02/12/2026``, the marks and the date pattern taken
from the locale's data (CLDR, through Babel, read once per language). Machine output (CSV,
JSON) never comes through here.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum

from kamtui.text import i18n

MISSING = "—"
"""Shown for a value that is not set (a date, a number, a fixed value)."""
BAR_WIDTH = 10
"""Cells of a bar when not told otherwise."""


_MARKS: dict[str, dict[int, str]] = {"en": {}}
_DATES: dict[str, tuple[str, re.Pattern[str], tuple[str, ...]]] = {}


def localized(text: str) -> str:
    """*text*, a number written the English way (``1,234.5``), with the marks of the language
    in use (``1.234,5``)."""
    if "," not in text and "." not in text:
        return text  # nothing to change (and no Babel to load: kamtui check's small counts)
    lang = i18n.language()
    marks = _MARKS.get(lang)
    if marks is None:
        from babel.numbers import get_decimal_symbol, get_group_symbol

        marks = _MARKS[lang] = {
            ord("."): get_decimal_symbol(lang),
            ord(","): get_group_symbol(lang),
        }
    return text.translate(marks) if marks else text


def format_number(value: int | float | None) -> str:
    """A plan's number as written: ``12``, ``12.5``, a whole float without ``.0``; ``—``."""
    if value is None:
        return MISSING
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return localized(repr(value))
    return str(value)


def money(value: float) -> str:
    """An amount with thousands separators and 2 decimals: ``43,579,301.67`` (never ``-0.00``)."""
    text = f"{value:,.2f}"
    return localized("0.00" if text == "-0.00" else text)


def compact_number(value: float) -> str:
    """1234 → 1.2k, 43579301 → 43.6M."""
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return localized(f"{value / limit:.1f}{suffix}")
    return f"{value:.0f}"


def short_amount(value: float) -> str:
    """An amount in a few characters: 2.1M, 780k, 40k, 950 (:func:`compact_number` without a
    trailing .0), for the whitespace map's cells and totals."""
    text = compact_number(value)
    return text[:-3] + text[-1] if text[-3:-1] in (".0", ",0") else text


def percent(ratio: float | None, decimals: int = 0, *, missing: str = MISSING) -> str:
    """A ratio (0–1) as a percentage: ``30%``, with *decimals* ``11.5%``; *missing* for ``None``."""
    if ratio is None:
        return missing
    if decimals == 0:
        return f"{round(ratio * 100)}%"
    return localized(f"{ratio * 100:.{decimals}f}%")


def blocks(ratio: float, width: int = BAR_WIDTH) -> str:
    """``███░░░░░░░``: *ratio* (clamped to 0–1) of *width* cells filled."""
    filled = round(min(1.0, max(0.0, ratio)) * width)
    return "█" * filled + "░" * (width - filled)


def bar(ratio: float | None, width: int = BAR_WIDTH) -> str:
    """``███░░  60%`` (the percentage right-aligned, so bars line up); ``—`` without a ratio."""
    if ratio is None:
        return MISSING
    ratio = min(1.0, max(0.0, ratio))
    return f"{blocks(ratio, width)} {percent(ratio):>4}"


def format_count(n: int) -> str:
    """A count as people read it: ``1,234`` (``1.234`` in Italian); for a sentence chosen with
    ``ngettext`` (kamtui/text/i18n.py), where :func:`plural`'s English ``s`` would not do."""
    return localized(f"{n:,}")


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 customer``, ``2 customers``, ``1,234 days``; *many* for an irregular plural. English
    words only: a sentence people read in any language chooses its form with ``ngettext`` and
    writes the count with :func:`format_count` (docs/italian.md)."""
    return f"{localized(f'{n:,}')} {word if n == 1 else (many or word + 's')}"


def day_or_missing(value: dt.date | None) -> str:
    """``2026-11-30`` (``30/11/2026`` in Italian); ``—`` when there is no date."""
    return MISSING if value is None else format_day(value)


def format_day(value: dt.date) -> str:
    """A date as the language in use writes it in short: ISO in English (``2026-11-30``), the
    locale's short form with the whole year in the others (``30/11/2026``)."""
    lang = i18n.language()
    if lang == "en":
        return value.isoformat()
    template = _date_format(lang)[0]
    return template.format(d=value.day, m=value.month, y=value.year)


def parse_day(text: str) -> dt.date | None:
    """A date written in the language in use's short form (``30/11/2026``, ``30/11/26``);
    ``None`` when *text* is not one (ISO is read by the caller). Raises ``ValueError`` for a
    date in that form that does not exist (``31/02/2026``)."""
    lang = i18n.language()
    if lang == "en":
        return None
    _template, pattern, order = _date_format(lang)
    m = pattern.fullmatch(text.strip())
    if m is None:
        return None
    parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
    year = parts["y"] + (2000 if len(m.group(order.index("y") + 1)) == 2 else 0)
    return dt.date(year, parts["m"], parts["d"])


def _date_format(lang: str) -> tuple[str, re.Pattern[str], tuple[str, ...]]:
    """The short date of *lang* (CLDR ``dd/MM/yy`` for Italian): a template with the whole
    year, a pattern that reads it (2 or 4 digits of year) and the order of its parts."""
    known = _DATES.get(lang)
    if known is None:
        from babel.dates import get_date_format

        cldr = get_date_format("short", locale=lang).pattern
        template, regex, order = "", "", []
        for token in re.findall(r"d+|M+|y+|'[^']*'|.", cldr):
            kind = token[0]
            if kind in "dMy":
                part = {"d": "d", "M": "m", "y": "y"}[kind]
                order.append(part)
                width = 4 if part == "y" else len(token)
                template += f"{{{part}:0{width}d}}" if width > 1 else f"{{{part}}}"
                regex += r"(\d{4}|\d{2})" if part == "y" else r"(\d{1,2})"
            else:
                text = token.strip("'") if token.startswith("'") else token
                template += text.replace("{", "{{").replace("}", "}}")
                regex += re.escape(text)
        known = _DATES[lang] = (template, re.compile(regex), tuple(order))
    return known


def enum_words(value: Enum | None) -> str:
    """A fixed value as words in the language in use: ``economic-buyer`` → ``economic
    buyer`` (``responsabile del budget``); ``—`` when unset."""
    return MISSING if value is None else value_words(str(value.value))


def stored_words(value: str) -> str:
    """A fixed value as the plan file stores it (``in-progress``) in English, where people
    type it that way; its words (:func:`value_words`) in another language."""
    return value if i18n.language() == i18n.DEFAULT else value_words(value)


def value_words(value: str) -> str:
    """A fixed value as stored in a plan (``in-progress``) as words in the language in use
    (``in progress``, ``in corso``). The files keep the English value (docs/italian.md)."""
    words = VALUE_WORDS.get(value)
    return i18n.gettext(words) if words is not None else value.replace("-", " ")


VALUE_WORDS = {
    # Role
    "decision-maker": i18n.N_("decision maker"),
    "economic-buyer": i18n.N_("economic buyer"),
    "technical-buyer": i18n.N_("technical buyer"),
    "influencer": i18n.N_("influencer"),
    "user": i18n.N_("user"),
    "gatekeeper": i18n.N_("gatekeeper"),
    "champion": i18n.N_("champion"),
    "sponsor": i18n.N_("sponsor"),
    "coach": i18n.N_("coach"),
    "other": i18n.N_("other"),
    # Influence
    "low": i18n.N_("low"),
    "medium": i18n.N_("medium"),
    "high": i18n.N_("high"),
    # Attitude
    "ally": i18n.N_("ally"),
    "supporter": i18n.N_("supporter"),
    "neutral": i18n.N_("neutral"),
    "critic": i18n.N_("critic"),
    "opponent": i18n.N_("opponent"),
    # Orientation
    "financial": i18n.N_("financial"),
    "technical": i18n.N_("technical"),
    "relationship": i18n.N_("relationship"),
    "business": i18n.N_("business"),
    # RelationshipLevel
    "vendor": i18n.N_("vendor"),
    "preferred-supplier": i18n.N_("preferred supplier"),
    "solution-provider": i18n.N_("solution provider"),
    "strategic-partner": i18n.N_("strategic partner"),
    # Horizon
    "short": i18n.N_("short"),
    "long": i18n.N_("long"),
    # MeasureSource, MeasurePeriod
    "revenue": i18n.N_("revenue"),
    "rolling-12m": i18n.N_("rolling 12m"),
    "calendar-year": i18n.N_("calendar year"),
    "quarter": i18n.N_("quarter"),
    # ActionStatus
    "todo": i18n.N_("todo"),
    "in-progress": i18n.N_("in progress"),
    "done": i18n.N_("done"),
    "blocked": i18n.N_("blocked"),
    "dropped": i18n.N_("dropped"),
    # CellStatus
    "ours": i18n.N_("ours"),
    "competitor": i18n.N_("competitor"),
    "opportunity": i18n.N_("opportunity"),
    "not-relevant": i18n.N_("not relevant"),
    "unknown": i18n.N_("unknown"),
}
"""The words of every fixed value of a plan (kamtui/plan/model.py's enums), marked for
translation; tests/core/test_i18n.py checks that every enum value is here."""
