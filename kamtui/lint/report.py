"""What ``kamtui check`` reports: the problems of reading each plan, then what the lint found in
it, each warning with its code: ``PATH:LINE:COL: warning: message [CODE]``.

The rules run on every healthy plan (they only read the plan); the position lexer
(kamtui/plan/tomlpos.py) runs only on the files whose warnings are printed, once a file, so a
workspace with nothing to say, or ``kamtui check -q``, never pays for it.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kamtui.lint import codes
from kamtui.lint.codes import EVERYTHING, Selection
from kamtui.lint.finding import Finding
from kamtui.lint.names import same_account_names
from kamtui.lint.offerings import stray_offerings
from kamtui.lint.reading import code_of
from kamtui.lint.rules import lint_plan
from kamtui.plan.diagnostics import Problem, Severity
from kamtui.plan.file import LoadedPlan
from kamtui.plan.model import Offering
from kamtui.plan.tomlpos import index_keys
from kamtui.text.format import format_count
from kamtui.text.i18n import gettext as _
from kamtui.text.i18n import ngettext
from kamtui.text.safety import printable


@dataclass(frozen=True, slots=True)
class Reported:
    """One line of the report: a problem and its warning code (``None`` for an error)."""

    problem: Problem
    code: str | None = None

    def format(self, base: Path | None = None) -> str:
        """``PATH:LINE:COL: warning: message [CODE]`` (no code: as the problem says it)."""
        text = self.problem.format(base)
        return f"{text} [{self.code}]" if self.code else text


@dataclass
class PlanReport:
    """One plan file: what reading it said (the selected part), and what the lint found."""

    loaded: LoadedPlan
    read: list[Reported]
    findings: list[Finding] = field(default_factory=list)

    def lines(self, *, warnings: bool = True) -> list[Reported]:
        """The reading problems in their order, then the lint's warnings by position."""
        if not warnings:
            return [r for r in self.read if r.problem.is_error]
        return self.read + locate(self.loaded, self.findings)


@dataclass
class CheckReport:
    plans: list[PlanReport]
    others: list[Reported] = field(default_factory=list)
    """Problems of no one plan, or across plans (a customer id in two plans, a temp file), and
    those of the workspace's offerings.toml."""
    offerings_files: int = 0
    """The offerings.toml files checked (their problems are in :attr:`others`)."""

    @property
    def error_count(self) -> int:
        read = [r for p in self.plans for r in p.read] + self.others
        return sum(1 for r in read if r.problem.is_error)

    @property
    def warning_count(self) -> int:
        read = [r for p in self.plans for r in p.read] + self.others
        found = sum(len(p.findings) for p in self.plans)
        return found + sum(1 for r in read if not r.problem.is_error)

    @property
    def files_with_errors(self) -> int:
        read = [r for p in self.plans for r in p.read] + self.others
        return len({r.problem.path for r in read if r.problem.is_error})

    def lines(self, *, warnings: bool = True) -> Iterator[Reported]:
        """Every line to print: plan by plan, then the others (errors only without
        *warnings*)."""
        for plan in self.plans:
            yield from plan.lines(warnings=warnings)
        for r in self.others:
            if warnings or r.problem.is_error:
                yield r

    def summary(self) -> str:
        """``checked 9 plans: 2 errors, 1 warning in 2 files with errors``; ``checked 9 plans
        and offerings.toml: …`` when the workspace has one."""
        n = len(self.plans)
        if self.offerings_files == 1:
            files = ngettext(
                "{n} plan and offerings.toml", "{n} plans and offerings.toml", n
            ).format(n=format_count(n))
        elif self.offerings_files > 1:
            files = ngettext(
                "{n} plan and {files} offerings.toml files",
                "{n} plans and {files} offerings.toml files",
                n,
            ).format(n=format_count(n), files=self.offerings_files)
        else:
            files = ngettext("{n} plan", "{n} plans", n).format(n=format_count(n))
        errors = ngettext("{n} error", "{n} errors", self.error_count)
        warnings = ngettext("{n} warning", "{n} warnings", self.warning_count)
        text = _("checked {files}: {errors}, {warnings}").format(
            files=files,
            errors=errors.format(n=format_count(self.error_count)),
            warnings=warnings.format(n=format_count(self.warning_count)),
        )
        if self.files_with_errors:
            with_errors = ngettext(
                "{text} in {n} file with errors",
                "{text} in {n} files with errors",
                self.files_with_errors,
            )
            text = with_errors.format(text=text, n=format_count(self.files_with_errors))
        return text


def _selected(problems: Sequence[Problem], selection: Selection) -> list[Reported]:
    out = []
    for p in problems:
        code = code_of(p)
        if p.is_error or selection.wants(code):
            out.append(Reported(p, code))
    return out


def check(
    plans: Sequence[LoadedPlan],
    others: Sequence[Problem],
    today: dt.date,
    selection: Selection = EVERYTHING,
    *,
    compare_with: Sequence[LoadedPlan] = (),
    offerings: Mapping[str, Mapping[str, Offering]] | None = None,
    offerings_files: int = 0,
) -> CheckReport:
    """The report on *plans* (and the problems of no one plan, *others*) as of *today*.
    *compare_with*: the other plans of the workspace, for the rule across plans only (when
    just some files are checked, as a pre-commit hook does). *offerings*: the workspace
    offerings of each folder (by :func:`folder_key`), for the whitespace map's rule (KAM203),
    which does not run on the plans of a folder not in it (its offerings.toml has errors).
    *offerings_files*: how many offerings.toml files were checked (their problems are among
    *others*), for the summary."""
    offerings = offerings or {}
    strays = selection.wants(codes.STRAY_OFFERING) and bool(offerings)
    with _collector_paused():
        same = (
            same_account_names([*compare_with, *plans], {lp.path for lp in plans})
            if selection.wants(codes.SAME_ACCOUNT_NAME)
            else {}
        )
        reports = []
        for lp in plans:
            report = PlanReport(lp, _selected(lp.problems, selection))
            if lp.plan is not None and not lp.errors:
                report.findings = lint_plan(lp.plan, today, selection)
                report.findings += same.get(lp.path, ())
                known = offerings.get(folder_key(lp.path.parent)) if strays else None
                if known is not None:
                    report.findings += stray_offerings(lp.plan, known)
            reports.append(report)
        return CheckReport(reports, _selected(others, selection), offerings_files)


def folder_key(folder: os.PathLike[str] | str) -> str:
    """A workspace folder as the key of :func:`check`'s *offerings*."""
    return os.path.normcase(os.path.abspath(folder))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while the rules run (if it was on). Right after a
    workspace is read (with the collector paused, kamtui/store/workspace.py) the heap holds
    every plan; the thousands of findings of a big workspace would otherwise set off
    collections that walk all of it, several times the cost of the rules themselves (what
    the rules make holds no cycle)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def locate(loaded: LoadedPlan, findings: Collection[Finding]) -> list[Reported]:
    """The findings of one plan as warnings at their line and column, in the order of the
    file (the lexer runs once, and only when there is a finding)."""
    if not findings:
        return []
    keys = index_keys(loaded.text) if loaded.text else None
    out = []
    for f in findings:
        pos = keys.locate(f.key, value=f.at_value) if keys is not None else None
        line, col = pos if pos is not None else (None, None)
        problem = Problem(loaded.path, f.message, line, col, Severity.WARNING, ".".join(f.key))
        out.append(Reported(problem, f.code))
    out.sort(key=lambda r: (r.problem.line or 0, r.problem.column or 0))
    return out


def format_line(reported: Reported) -> str:
    """The line ``kamtui check`` prints (control characters made visible)."""
    return printable(reported.format())
