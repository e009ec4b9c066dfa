"""The ABC view: segment the portfolio from a revenue file, see the Pareto curve, act on it.

| Key | Action |
|---|---|
| `ctrl+r` / `f5` | run the analysis (also enter in any field of the form) |
| `/` | filter customers by id or name |
| `g` | cycle the class filter: all, A, B, C |
| `enter` | on a customer: open its account plan, or offer to make it a key account |
| `A` | write the classes into the plans (``kamtui abc --apply``) |
| `M` | measure the objectives from the file (``kamtui measure``: check-ins, after a question) |
| `1` `2` `3` | summary, customers, migration |
| `escape` | back to the portfolio |

The form: the revenue file and the method; the period and a comparison period; how to read
the file, as ``kamtui abc`` takes it (kamtui/cli/abc.py): the quantity, unit-price, discount and
document-type columns and more credit-note document types. An empty column field is guessed;
``-`` in the discount or document-type field says the file has none. Everything is remembered
per workspace (kamtui/store/settings.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, ProgressBar, Select, Static, TabbedContent, TabPane

from kamtui.abc.analysis import AbcOptions, AbcParams, Method, Period
from kamtui.abc.revenue import ReadOptions
from kamtui.store.settings import WorkspaceSettings, load_settings, save_settings
from kamtui.text.format import format_count
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.tui import workers
from kamtui.tui.abc_data import AbcView
from kamtui.tui.abc_text import migration_text, summary_text
from kamtui.tui.kam import KamScreen
from kamtui.tui.messages import AbcFailed, AbcFinished, AbcProgress
from kamtui.tui.safe import assemble
from kamtui.tui.screens.dialogs import ConfirmDialog
from kamtui.tui.theme_styles import cell_styles
from kamtui.tui.widgets.key_bar import KeyBar
from kamtui.tui.widgets.pareto_chart import ParetoChart
from kamtui.tui.widgets.path_suggester import PathSuggester
from kamtui.tui.widgets.result_table import ResultTable
from kamtui.tui.widgets.safe_input import UNWANTED, SafeInput

CLASS_FILTERS = ("", "A", "B", "C")

NONE = "-"
"""Typed in the discount or document-type field: the file has no such column (the command
line's ``--discount ''``)."""

FIELDS = {
    "abc-from": "period_from",
    "abc-to": "period_to",
    "abc-cmp-from": "compare_from",
    "abc-cmp-to": "compare_to",
    "abc-quantity": "quantity",
    "abc-price": "price",
    "abc-discount": "discount",
    "abc-doc-type": "doc_type",
    "abc-credit-types": "credit_types",
}
"""The text fields of the form (besides the file) and the setting each is remembered as."""


def _date(text: str) -> dt.date | None:
    text = text.strip()
    return dt.date.fromisoformat(text) if text else None


def _column(text: str, *, can_be_none: bool = False) -> str | None:
    """A column field: ``None`` (guess it) when empty, ``""`` (there is none) for ``-`` where
    that can be said, else the column's name."""
    text = text.strip()
    if not text:
        return None
    if can_be_none and text == NONE:
        return ""
    return text


def _types(text: str) -> tuple[str, ...]:
    """The credit-note types of a comma-separated field, blanks left out."""
    return tuple(t.strip() for t in text.split(",") if t.strip())


class AbcScreen(KamScreen[None]):
    """See the module docstring for the keys."""

    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="abc.back"),
        Binding("ctrl+r,f5", "run", N_("Run"), id="abc.run"),
        Binding("slash", "filter", N_("Filter"), id="abc.filter"),
        Binding("g", "cycle_class", N_("Class"), id="abc.class"),
        Binding("A,shift+a", "apply", N_("Apply classes"), id="abc.apply", key_display="A"),
        Binding(
            "M,shift+m", "measure", N_("Measure objectives"), id="abc.measure", key_display="M"
        ),
        Binding("1", "tab('summary')", N_("Summary"), show=False, id="abc.tab-summary"),
        Binding("2", "tab('customers')", N_("Customers"), show=False, id="abc.tab-customers"),
        Binding("3", "tab('migration')", N_("Migration"), show=False, id="abc.tab-migration"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: AbcView | None = None
        self.class_filter = ""
        self.running = False
        self.ran_with = WorkspaceSettings()
        """The settings of the last run, as the form said when it started."""
        self.ran_read: tuple[Path, ReadOptions] | None = None
        """The file and reading options of the last run (measuring reads the file again)."""

    def compose(self) -> ComposeResult:
        yield Static(assemble((_("ABC analysis"), "bold")), id="abc-title")
        with Horizontal(classes="abc-form"):
            yield SafeInput(
                placeholder=_("revenue file (CSV, TSV, .xlsx) — enter runs"),
                id="abc-file",
                suggester=PathSuggester(),
                compact=True,
            )
            yield Select(
                [(_("by revenue 80/95"), "revenue"), (_("by count 20/30/50"), "count")],
                value="revenue",
                allow_blank=False,
                id="abc-method",
                compact=True,
            )
        with Horizontal(classes="abc-form"):
            yield SafeInput(placeholder=_("from YYYY-MM-DD"), id="abc-from", compact=True)
            yield SafeInput(placeholder=_("to"), id="abc-to", compact=True)
            yield SafeInput(placeholder=_("compare from"), id="abc-cmp-from", compact=True)
            yield SafeInput(placeholder=_("compare to"), id="abc-cmp-to", compact=True)
        with Horizontal(classes="abc-form", id="abc-reading"):
            yield SafeInput(placeholder=_("quantity col"), id="abc-quantity", compact=True)
            yield SafeInput(placeholder=_("price col"), id="abc-price", compact=True)
            yield SafeInput(placeholder=_("discount (- none)"), id="abc-discount", compact=True)
            yield SafeInput(placeholder=_("doc type (- none)"), id="abc-doc-type", compact=True)
            yield SafeInput(placeholder=_("credit types a,b"), id="abc-credit-types", compact=True)
        yield ProgressBar(id="abc-progress", show_eta=False)
        yield Static("", id="abc-error", classes="field-error")
        with TabbedContent(id="abc-tabs", initial="summary"):
            with TabPane(_("1 Summary"), id="summary"), VerticalScroll(id="abc-summary-box"):
                yield Static(_("Choose a revenue file and press enter."), id="abc-summary")
                yield ParetoChart(id="abc-chart")
            with TabPane(_("2 Customers"), id="customers"):
                yield SafeInput(
                    placeholder=_("filter customers (escape clears)"), id="abc-filter", compact=True
                )
                yield ResultTable(id="abc-table")
            with TabPane(_("3 Migration"), id="migration"), VerticalScroll():
                yield Static(
                    _("Give a comparison period to see how customers moved."), id="abc-migration"
                )
        yield KeyBar()

    def relabelling(self) -> dict[str, object]:
        """The language changes: what the form, the filter and the tabs hold."""
        return {
            "inputs": {i.id: i.value for i in self.query(Input) if i.id},
            "method": self.query_one("#abc-method", Select).value,
            "tab": self.query_one(TabbedContent).active,
        }

    def relabelled(self, kept: dict[str, object]) -> None:
        """Composed again in the new language: the form, the result and the tab as they were
        (*kept*)."""
        self.query_one("#abc-progress").display = self.running
        inputs = kept.get("inputs")
        if isinstance(inputs, dict):
            for field_id, value in inputs.items():
                self.query_one(f"#{field_id}", Input).value = value
        method = kept.get("method")
        if isinstance(method, str) and method in ("revenue", "count"):
            self.query_one("#abc-method", Select).value = method
        if self.view is not None:
            self._show(self.view)
        tab = kept.get("tab")
        if isinstance(tab, str) and tab:
            self.query_one(TabbedContent).active = tab
        if self.view is not None:
            # focus in the tab shown (a widget of another tab would bring its tab forward)
            active = self.query_one(TabbedContent).active
            if active == "customers":
                self.query_one(ResultTable).focus()
            elif active == "summary":
                self.query_one("#abc-summary-box").focus()
        else:
            self.query_one("#abc-file", Input).focus()

    def on_mount(self) -> None:
        self.query_one("#abc-progress").display = False
        s = load_settings(self.kam.settings_path)
        # a hand-edited settings file is user text too: no control characters into a field
        self.query_one("#abc-file", Input).value = UNWANTED.sub("", s.revenue_file)
        self.query_one("#abc-method", Select).value = (
            s.method if s.method in ("revenue", "count") else "revenue"
        )
        for field_id, name in FIELDS.items():
            self.query_one(f"#{field_id}", Input).value = UNWANTED.sub("", getattr(s, name))
        self.query_one("#abc-file", Input).focus()
        self.kam.portfolio_changed.subscribe(self, self._portfolio_changed, immediate=True)
        if self.kam.abc_view is not None:
            self._show(self.kam.abc_view)

    # -- running ---------------------------------------------------------------------------

    def _options(self) -> tuple[Path, AbcOptions] | None:
        error = self.query_one("#abc-error", Static)
        raw = self.query_one("#abc-file", Input).value.strip()
        if not raw:
            error.update(_("Type the path of a revenue file."))
            return None
        path = Path(raw).expanduser()
        try:
            start = _date(self.query_one("#abc-from", Input).value)
            end = _date(self.query_one("#abc-to", Input).value)
            cmp_start = _date(self.query_one("#abc-cmp-from", Input).value)
            cmp_end = _date(self.query_one("#abc-cmp-to", Input).value)
        except ValueError as exc:
            error.update(assemble(_("Dates are YYYY-MM-DD: {error}").format(error=exc)))
            return None
        method = Method(str(self.query_one("#abc-method", Select).value))
        compare = Period(cmp_start, cmp_end) if (cmp_start or cmp_end) else None
        text = {k: self.query_one(f"#{k}", Input).value for k in FIELDS}
        read = ReadOptions(
            quantity=_column(text["abc-quantity"]),
            price=_column(text["abc-price"]),
            discount=_column(text["abc-discount"], can_be_none=True),
            doc_type=_column(text["abc-doc-type"], can_be_none=True),
            credit_types=_types(text["abc-credit-types"]),
        )
        options = AbcOptions(
            params=AbcParams(method=method),
            read=read,
            period=Period(start, end),
            compare_period=compare,
        )
        return path, options

    def action_run(self) -> None:
        if self.running:
            return
        got = self._options()
        if got is None:
            return
        path, options = got
        self.ran_read = (path, options.read)
        self.query_one("#abc-error", Static).update("")
        self.ran_with = self._settings(path)
        self._save_settings(self.ran_with)
        bar = self.query_one("#abc-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.running = True
        self.query_one("#abc-summary", Static).update(
            assemble((_("Reading "), "dim"), str(path), "…")
        )
        self._analyse(path, options)

    @work(thread=True, exclusive=True, group="abc", exit_on_error=False, description="ABC analysis")
    def _analyse(self, path: Path, options: AbcOptions) -> None:
        workers.run_abc(path, options, self.post_message)

    def _settings(self, path: Path) -> WorkspaceSettings:
        """The settings of the form, for the file *path*."""
        return WorkspaceSettings(
            revenue_file=str(path),
            method=str(self.query_one("#abc-method", Select).value),
            **{
                name: self.query_one(f"#{field_id}", Input).value.strip()
                for field_id, name in FIELDS.items()
            },
        )

    @work(thread=True, group="settings", exit_on_error=False, description="remember the settings")
    def _save_settings(self, settings: WorkspaceSettings) -> None:
        save_settings(self.kam.settings_path, settings)

    @on(Input.Submitted, ", ".join(f"#{k}" for k in ("abc-file", *FIELDS)))
    def _submitted(self) -> None:
        self.action_run()

    @on(AbcProgress)
    def _progress(self, message: AbcProgress) -> None:
        self.query_one("#abc-progress", ProgressBar).update(
            total=message.total, progress=message.done
        )

    @on(AbcFailed)
    def _failed(self, message: AbcFailed) -> None:
        self.running = False
        self.query_one("#abc-progress").display = False
        self.query_one("#abc-error", Static).update(assemble(message.error))
        self.query_one("#abc-summary", Static).update(assemble((_("No result."), "dim")))

    @on(AbcFinished)
    def _finished(self, message: AbcFinished) -> None:
        self.running = False
        self.query_one("#abc-progress").display = False
        self.kam.abc_finished(message.view, asdict(self.ran_with))
        self._show(message.view)
        self.query_one("#abc-summary-box").focus()  # out of the form: 1/2/3, / and g work

    def _show(self, view: AbcView) -> None:
        self.view = view
        self.query_one("#abc-summary", Static).update(summary_text(view))
        self.query_one("#abc-chart", ParetoChart).set_data(view.pareto, view.bands)
        self.query_one("#abc-migration", Static).update(migration_text(view))
        styles = cell_styles(self.app)
        by_class = {k: styles.get(f"segment-{k}", "") for k in "ABC"}
        self.query_one(ResultTable).show(view.columns, self.kam.plan_of_customer(), by_class)
        self._apply_filter()

    # -- customers -------------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "customers":
            self.query_one(ResultTable).focus()

    def action_filter(self) -> None:
        self.action_tab("customers")
        self.query_one("#abc-filter", Input).focus()

    def action_cycle_class(self) -> None:
        i = CLASS_FILTERS.index(self.class_filter)
        self.class_filter = CLASS_FILTERS[(i + 1) % len(CLASS_FILTERS)]
        self.action_tab("customers")
        self._apply_filter()

    @on(Input.Changed, "#abc-filter")
    def _filter_changed(self) -> None:
        self._apply_filter()

    @on(Input.Submitted, "#abc-filter")
    def _filter_done(self) -> None:
        self.query_one(ResultTable).focus()

    def _apply_filter(self) -> None:
        table = self.query_one(ResultTable)
        if self.view is None:
            return
        shown = table.filter(self.query_one("#abc-filter", Input).value, self.class_filter)
        klass = (
            _("class {letter}").format(letter=self.class_filter)
            if self.class_filter
            else _("all classes")
        )
        total = len(self.view.columns)
        counted = _("{shown} of {total} customers").format(
            shown=format_count(shown), total=format_count(total)
        )
        self.query_one("#abc-title", Static).update(
            assemble(
                (_("ABC analysis"), "bold"),
                "  ",
                (str(self.view.result.source.path) if self.view.result.source else "", "dim"),
                f"  · {counted} · {klass}",
            )
        )

    @on(ResultTable.RowSelected, "#abc-table")
    def _customer_chosen(self, event: ResultTable.RowSelected) -> None:
        table = self.query_one(ResultTable)
        plan_id = table.plan_of.get(event.key)
        if plan_id:
            self.kam.open_account(plan_id)
            return
        i = table._row_of[event.key]
        name = table.data.name[i] or event.key
        klass = table.data.klass[i]

        def answer(yes: bool | None) -> None:
            if yes:
                self.kam.make_key_account(name, event.key, klass)

        self.app.push_screen(
            ConfirmDialog(
                _(
                    "{name} ({customer}, class {letter}) has no account plan.\n"
                    "Make it a key account?"
                ).format(name=name, customer=event.key, letter=klass),
                _("Make key account"),
                _("Cancel"),
            ),
            answer,
        )

    def _portfolio_changed(self, ids: set[str]) -> None:
        """Plans changed (one was created, or files changed on disk): refresh the links."""
        if self.view is not None:
            self.query_one(ResultTable).set_plans(self.kam.plan_of_customer())

    @work(group="abc-apply", exclusive=True, exit_on_error=False, description="apply classes")
    async def action_apply(self) -> None:
        """Write the classes into the plans (as ``kamtui abc --apply``), after showing which
        accounts change class and asking."""
        from kamtui.tui.flows.apply_classes import apply_classes_flow

        await apply_classes_flow(self)

    @work(group="abc-measure", exclusive=True, exit_on_error=False, description="measure")
    async def action_measure(self) -> None:
        """Check-ins for the objectives measured from the revenue file (as ``kamtui
        measure``), after showing what would be written and asking."""
        from kamtui.tui.flows.measure import measure_flow

        await measure_flow(self)

    def measure_input(self) -> tuple[Path, ReadOptions] | None:
        """The file and reading options of the result shown: those of the last run, or, for
        a result from earlier in the session, the form's (remembered from that run)."""
        if self.ran_read is not None:
            return self.ran_read
        source = self.view.result.source if self.view is not None else None
        got = self._options()
        if source is None or got is None:
            return None
        return source.path, got[1].read

    def action_back(self) -> None:
        """Escape: clear the customer filter, then leave a form field, then the screen."""
        focused = self.focused
        if isinstance(focused, Input) and focused.id == "abc-filter" and focused.value:
            focused.value = ""
            return
        if isinstance(focused, Input) and self.view is not None:
            self.query_one("#abc-summary-box").focus()
            return
        self.app.pop_screen()
