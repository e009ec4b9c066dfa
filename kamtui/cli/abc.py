"""``kamtui abc FILE``: ABC analysis of a revenue export, optionally written into the plans.

The analysis itself is :func:`kamtui.abc.analysis.analyse_file` and the output
:func:`kamtui.abc.report.render`; this module turns arguments into options and writes the
result. Nothing heavy is imported at module level (``kamtui --help`` must not load pandas).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamtui.abc.report import DEFAULT_TOP, FORMATS, render, render_apply
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

if TYPE_CHECKING:
    from kamtui.abc.analysis import AbcOptions
    from kamtui.abc.result import AbcResult
    from kamtui.abc.revenue import ReadOptions

HELP = N_("ABC analysis of a revenue export (CSV, TSV, .xlsx): A/B/C segments, optionally --apply")
DESCRIPTION = N_(
    "{help}. Ranks customers by revenue; class A makes the first 80% of revenue, B up to "
    "95%, C the rest (or by customer counts with --method count). Columns, delimiter, "
    "encoding, number and date formats are detected; exit code 2 when the file cannot be used, "
    "1 when --apply could not save some plans."
)
PROGRESS_MIN_BYTES = 16 << 20
"""Files from this size show a progress indicator (when stderr is a terminal)."""


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date (YYYY-MM-DD): {value}").format(value=repr(value))
        ) from None


def _pair(value: str) -> tuple[float, float]:
    parts = value.replace(";", ",").split(",")
    try:
        a, b = (float(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected two percentages like 80,95: {value}").format(value=repr(value))
        ) from None
    return a, b


def _encoding(value: str) -> str:
    from kamtui.abc.revenue.sniff import text_codec

    try:
        return text_codec(value)
    except LookupError:
        raise argparse.ArgumentTypeError(
            _("unknown encoding: {value}").format(value=repr(value))
        ) from None


def _currency(value: str) -> str:
    from kamtui.abc.revenue.currency import normalize

    code = normalize(value)
    if not code:
        raise argparse.ArgumentTypeError(
            _("expected a currency code like EUR: {value}").format(value=repr(value))
        )
    return code


def _rate(value: str) -> tuple[str, float]:
    import math

    code, sep, number = value.partition("=")
    if "," in number and "." not in number:
        number = number.replace(",", ".")  # 0,92
    try:
        factor = float(number)
        code = _currency(code) if sep else ""
    except (ValueError, argparse.ArgumentTypeError):
        code = ""
    if not code:
        raise argparse.ArgumentTypeError(
            _("expected CODE=FACTOR like USD=0.92: {value}").format(value=repr(value))
        )
    if not (factor > 0 and math.isfinite(factor)):
        raise argparse.ArgumentTypeError(
            _("expected a factor above 0 in CODE=FACTOR: {value}").format(value=repr(value))
        )
    return code, factor


def _types(value: str) -> tuple[str, ...]:
    types = tuple(t.strip() for t in value.split(",") if t.strip())
    if not types:
        raise argparse.ArgumentTypeError(
            _("expected document types like 'TD04,NC': {value}").format(value=repr(value))
        )
    return types


def _count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(
            _("expected a number of customers (0 or more): {value}").format(value=repr(value))
        )
    return count


def add_reading_options(p: argparse.ArgumentParser) -> None:
    """The options that say how to read a revenue file (shared with ``kamtui measure``)."""
    group = p.add_argument_group(_("reading the file"))
    group.add_argument(
        "--sheet", metavar="S", help=_("Excel sheet name or number (default: first)")
    )
    group.add_argument(
        "--encoding",
        type=_encoding,
        metavar="NAME",
        help=_(
            "the text encoding of a CSV/TSV file, e.g. cp1250, cp1251 (default: detected: "
            "UTF-8, UTF-16 with BOM, else cp1252)"
        ),
    )
    for role, text, example in (
        (
            "customer",
            N_("the customer column (default: guessed from the header, e.g. {example})"),
            "Codice cliente",
        ),
        (
            "name",
            N_("the name column (default: guessed from the header, e.g. {example})"),
            "Ragione sociale",
        ),
        (
            "amount",
            N_("the amount column (default: guessed from the header, e.g. {example})"),
            "Imponibile",
        ),
        (
            "date",
            N_("the date column (default: guessed from the header, e.g. {example})"),
            "Data fattura",
        ),
    ):
        group.add_argument(f"--{role}", metavar="COL", help=_(text).format(example=repr(example)))
    group.add_argument(
        "--quantity",
        metavar="COL",
        help=_(
            "with --price, when the file has no amount column: each line's amount is quantity "
            "× unit price (default: guessed, e.g. 'Quantity', 'Qty', 'Quantità')"
        ),
    )
    group.add_argument(
        "--price",
        metavar="COL",
        help=_(
            "the unit-price column for quantity × price (default: guessed, e.g. 'UnitPrice', "
            "'Prezzo unitario')"
        ),
    )
    group.add_argument(
        "--discount",
        metavar="COL",
        help=_(
            "a discount taken off quantity × price, as a fraction (0.1) or a percentage "
            "(10%%, 10) (default: guessed, e.g. 'Discount', 'Sconto'; '' for none)"
        ),
    )
    group.add_argument(
        "--doc-type",
        metavar="COL",
        help=_(
            "the document-type column: lines whose type is a credit note count negative "
            "(default: guessed, e.g. 'TipoDoc', 'Document type'; '' for none)"
        ),
    )
    group.add_argument(
        "--credit-types",
        type=_types,
        metavar="LIST",
        default=(),
        help=_(
            "document types that mean a credit note, comma-separated, besides TD04, TD08, "
            "NC, CM, CN, Storno, Nota di credito, Credit note, Credit memo"
        ),
    )
    group.add_argument(
        "--currency-column",
        metavar="COL",
        help=_(
            "the column holding each line's currency (default: guessed, e.g. 'Currency', "
            "'Valuta', 'Divisa')"
        ),
    )
    group.add_argument(
        "--currency",
        type=_currency,
        metavar="CODE",
        help=_(
            "the currency of the analysis: lines in other currencies are left out (and "
            "counted) unless --rate converts them; needed when the file holds several currencies"
        ),
    )
    group.add_argument(
        "--rate",
        type=_rate,
        action="append",
        default=[],
        metavar="CODE=FACTOR",
        help=_(
            "convert amounts in CODE: 1 CODE = FACTOR of the currency of the analysis (the "
            "one currency without a rate, or --currency); repeat for each currency"
        ),
    )
    order = group.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst", dest="dayfirst", action="store_const", const=True, help=_("dates are dd/mm")
    )
    order.add_argument(
        "--monthfirst",
        dest="dayfirst",
        action="store_const",
        const=False,
        help=_("dates are mm/dd"),
    )
    group.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help=_(
            "leave out unusable rows (an unreadable amount or date, neither customer nor "
            "amount), however many"
        ),
    )


def _add_analysis(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group(_("the analysis"))
    group.add_argument(
        "--from", dest="date_from", type=_iso_date, metavar="DATE", help=_("first day (YYYY-MM-DD)")
    )
    group.add_argument(
        "--to", dest="date_to", type=_iso_date, metavar="DATE", help=_("last day (inclusive)")
    )
    group.add_argument(
        "--method",
        choices=("revenue", "count"),
        default="revenue",
        help=_("cut classes by cumulative revenue (default) or by customer counts"),
    )
    group.add_argument(
        "--thresholds",
        type=_pair,
        default=(80.0, 95.0),
        metavar="A,B",
        help=_("cumulative revenue %% for A and B (method revenue; default 80,95)"),
    )
    group.add_argument(
        "--quotas",
        type=_pair,
        default=(20.0, 30.0),
        metavar="A,B",
        help=_("%% of customers in A and in B (method count; default 20,30)"),
    )
    group.add_argument(
        "--compare-from", type=_iso_date, metavar="DATE", help=_("first day of the previous period")
    )
    group.add_argument(
        "--compare-to",
        type=_iso_date,
        metavar="DATE",
        help=_("last day of the previous period: shows the migration between classes"),
    )
    group.add_argument(
        "--compare", type=Path, metavar="FILE2", help=_("a second file with the previous period")
    )


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("abc", help=_(HELP), description=_(DESCRIPTION).format(help=_(HELP)))
    p.add_argument("file", type=Path, metavar="FILE", help=_("the revenue export"))
    add_reading_options(p)
    _add_analysis(p)
    out = p.add_argument_group(_("output"))
    out.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help=_("table (default): summary and top customers; csv: one row per customer; json: all"),
    )
    out.add_argument("--output", "-o", metavar="FILE", help=_("write to FILE (atomically)"))
    out.add_argument(
        "--raw",
        action="store_true",
        help=_(
            "csv: cells as they are (by default a text cell a spreadsheet would run as a "
            "formula, like =HYPERLINK(...), gets a leading ')"
        ),
    )
    out.add_argument(
        "--top",
        type=_count,
        metavar="N",
        help=_("customers shown (table: default {top}; csv/json: default all)").format(
            top=DEFAULT_TOP
        ),
    )
    out.add_argument(
        "--apply",
        action="store_true",
        help=_("write each plan's class into its account.segment (matched by customer_ids)"),
    )
    p.set_defaults(run=run)


# -- options ---------------------------------------------------------------------------------


def _options(args: argparse.Namespace, progress: Any) -> AbcOptions:
    from kamtui.abc.analysis import AbcOptions, AbcParams, Method, Period
    from kamtui.cli.common import UsageError

    try:
        params = AbcParams(Method(args.method), args.thresholds, args.quotas)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    compare = None
    if args.compare_from or args.compare_to:
        compare = Period(args.compare_from, args.compare_to)
    elif args.compare:
        compare = Period()
    return AbcOptions(
        params=params,
        read=read_options(args, progress),
        period=Period(args.date_from, args.date_to),
        compare_file=args.compare,
        compare_period=compare,
    )


def read_options(args: argparse.Namespace, progress: Any) -> ReadOptions:
    """How to read the file, from the options of :func:`add_reading_options` (``kamtui abc``
    and ``kamtui measure`` read a file the same way)."""
    from kamtui.abc.revenue import ReadOptions

    return ReadOptions(
        encoding=args.encoding,
        sheet=args.sheet,
        customer=args.customer,
        name=args.name,
        amount=args.amount,
        quantity=args.quantity,
        price=args.price,
        discount=args.discount,
        doc_type=args.doc_type,
        credit_types=args.credit_types,
        date=args.date,
        currency_column=args.currency_column,
        currency=args.currency,
        rates=tuple(args.rate),
        dayfirst=args.dayfirst,
        skip_bad_rows=args.skip_bad_rows,
        progress=progress,
    )


class _Progress:
    """``kamtui: reading FILE  42%`` on one stderr line, updated as the file is read."""

    def __init__(self, path: Path) -> None:
        self._label = _("kamtui: reading {file}").format(file=path.name)
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = min(100, done * 100 // max(1, total))
        if percent != self._shown:
            self._shown = percent
            sys.stderr.write(f"\r{self._label} {percent:3d}%")
            sys.stderr.flush()

    def clear(self) -> None:
        if self._shown >= 0:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _progress_for(path: Path) -> _Progress | None:
    try:
        big = path.stat().st_size >= PROGRESS_MIN_BYTES
    except OSError:
        return None
    return _Progress(path) if big and sys.stderr.isatty() else None


# -- running ---------------------------------------------------------------------------------


def _write(text: str, output: str | None) -> None:
    """To stdout, or atomically to *output* (devices and pipes such as /dev/null directly)."""
    import os
    import stat

    from kamtui.cli.common import UsageError
    from kamtui.plan.diagnostics import ConflictError
    from kamtui.store.atomic import atomic_write, file_digest

    if output is None or output == "-":
        sys.stdout.write(text)
        return
    path = Path(output)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            return
        atomic_write(path, text.encode("utf-8"), expected_digest=file_digest(path))
    except FileNotFoundError:
        try:
            atomic_write(path, text.encode("utf-8"), expected_digest=None)
        except (OSError, ConflictError) as exc:
            raise UsageError(
                _("{path}: cannot write: {error}").format(path=path, error=exc)
            ) from None
    except (OSError, ConflictError) as exc:
        raise UsageError(_("{path}: cannot write: {error}").format(path=path, error=exc)) from None


def _notes(result: AbcResult) -> None:
    """What reading found (rows left out, assumed date order) goes to stderr, once per file,
    on one line each, without control characters."""
    from kamtui.text.safety import one_line

    seen: set[Path] = set()
    for part in (result, result.previous):
        source = part.source if part is not None else None
        if source is not None and source.path not in seen:
            seen.add(source.path)
            for note in source.notes:
                print(f"kamtui: {one_line(f'{source.path}: {note}')}", file=sys.stderr)


@contextlib.contextmanager
def english_for_json(fmt: str) -> Iterator[None]:
    """English while a ``--format json`` run reads, analyses and writes (then the language
    in use again): JSON is machine output, its values stay English in any language (the file's
    layout and notes, reasons, outcomes), as its keys do. The table and CSV runs speak the
    language in use."""
    from kamtui.text import i18n

    if fmt != "json":
        yield
        return
    speaking = i18n.language()
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language(speaking)


def run(args: argparse.Namespace) -> int:
    with english_for_json(args.format):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from kamtui.abc.analysis import analyse_file
    from kamtui.abc.revenue import RevenueFileError
    from kamtui.cli.common import UsageError, open_workspace

    progress = _progress_for(args.file)
    try:
        result = analyse_file(args.file, _options(args, progress))
    except RevenueFileError as exc:  # on one line, without control characters from the file
        from kamtui.text.safety import one_line

        raise UsageError(one_line(str(exc))) from None
    finally:
        if progress is not None:
            progress.clear()
    _notes(result)
    report = None
    if args.apply:
        from kamtui.abc.apply import apply_classes

        report = apply_classes(open_workspace(args), result)
        if args.format == "csv":
            sys.stderr.write(render_apply(report))
    _write(render(result, args.format, args.top, report, raw=args.raw), args.output)
    return 0 if report is None or report.ok else 1
