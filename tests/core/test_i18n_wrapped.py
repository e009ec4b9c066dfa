"""No user-facing string left in English by accident (issue 11, docs/italian.md).

The catalog test (tests/core/test_i18n.py) finds marked strings without a translation; this
one finds strings that were never marked. It reads the code (no import) and looks at the
places a string reaches a person: a notification, a widget's text, a binding's description,
a dialog's question, a column's or a form field's title, a section's title, a command's help,
what the command line prints. A literal with letters there, or an f-string, must be marked:
``_("…")``, ``_("…").format(…)``, ``ngettext``, ``pgettext``, or ``N_("…")`` where it is
defined at import. A name or any other expression is not judged (its string is checked where
it is made).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "kamtui"
SCANNED = [
    *sorted((PACKAGE / "tui").rglob("*.py")),
    *sorted((PACKAGE / "cli").rglob("*.py")),
    PACKAGE / "export" / "markdown.py",
    PACKAGE / "plan" / "codec.py",
    PACKAGE / "plan" / "file.py",
    *sorted((PACKAGE / "lint").rglob("*.py")),
    *sorted((PACKAGE / "abc").rglob("*.py")),
]
MARKERS = frozenset({"_", "gettext", "ngettext", "pgettext", "N_"})

# call name -> positions of the arguments a person reads (ints) and keyword names
SHOWN: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "notify": ((0,), ("message", "title")),
    "say": ((0,), ("message", "title")),
    "Static": ((0,), ("content",)),
    "Label": ((0,), ("renderable",)),
    "Button": ((0,), ("label",)),
    "Binding": ((2,), ("description",)),
    "ConfirmDialog": ((0, 1), ()),
    "TextPrompt": ((0, 1), ("placeholder",)),
    "confirm": ((0, 1), ()),
    "open_form": ((0,), ("intro",)),
    "section_title": ((0,), ()),
    "ColumnSpec": ((1,), ("title",)),
    "FieldSpec": ((1,), ("label", "hint")),
    "add_argument": ((), ("help",)),
    "add_parser": ((), ("help", "description", "epilog")),
    "ArgumentParser": ((), ("description", "epilog")),
    "print": ((0,), ()),
    "error": ((1,), ()),  # the codec's findings: (key, message)
    "warn": ((1,), ()),
    "Finding": ((1,), ("message",)),
    "add": ((0,), ()),  # kamtui/plan/file.py's problems: add(message, line, column)
    "RevenueFileError": ((0,), ()),
    "UsageError": ((0,), ()),
    "PlanError": ((0,), ()),
}
LETTERS = re.compile(r"[A-Za-z]{2,}")
PROGRAM = re.compile(r"\bkamtui\b")
"""The program's name, as a message's prefix (``kamtui: …``): not a word to translate."""
TRANSLATED_WHERE_SHOWN = {
    ("kamtui/tui/widgets/actions_table.py", "ColumnSpec", "Done"),  # pgettext in columns()
}
NOT_WORDS = re.compile(r"^(\s*[%{][^}]*[}sdr]?\s*)+$|^[a-z0-9_.\-]+$")
"""Format-only strings, and ids (``app.quit``, ``--today``): not words a person reads."""


def _marked(node: ast.expr) -> bool:
    """``_("…")``, ``N_("…")``, … or ``_("…").format(…)``."""
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in MARKERS:
            return True
        if isinstance(func, ast.Attribute) and func.attr in MARKERS:
            return True
        if isinstance(func, ast.Attribute) and func.attr == "format":
            return _marked(func.value)
    return False


def _words(node: ast.expr) -> str | None:
    """The English text of a literal or f-string that should have been marked."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    else:
        return None
    if not LETTERS.search(PROGRAM.sub("", text)) or NOT_WORDS.match(text.strip()):
        return None
    return text


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def unmarked(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        shown = SHOWN.get(_name(node))
        if shown is None:
            continue
        positions, keywords = shown
        args = [node.args[i] for i in positions if i < len(node.args)]
        args += [k.value for k in node.keywords if k.arg in keywords]
        if _name(node) == "print" and any(
            k.arg == "file"
            and "stdout" not in ast.unparse(k.value)
            and "stderr" not in ast.unparse(k.value)
            for k in node.keywords
        ):
            continue  # written to a file a program reads
        for arg in args:
            if _marked(arg):
                continue
            words = _words(arg)
            where = str(path.relative_to(ROOT))
            if words is not None and (where, _name(node), words) not in TRANSLATED_WHERE_SHOWN:
                yield f"{where}:{arg.lineno}: {_name(node)}({words[:50]!r})"


def test_every_string_a_person_reads_is_marked_for_translation() -> None:
    found = [line for path in SCANNED for line in unmarked(path)]
    assert not found, (
        f"{len(found)} user-facing strings are not marked for translation "
        f"(docs/italian.md, 'Writing a string'):\n" + "\n".join(found[:40])
    )


TRANSLATING = MARKERS - {"N_"} | {"specs_for", "value_words", "enum_words"}
"""Calls that give text in the language in use (a form's specs have translated labels)."""


def at_import(path: Path) -> Iterator[str]:
    """Translating calls run when the module is imported (its body, a class body, a default
    argument): they keep the language of that moment, and a switch never shows."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    bodies: list[list[ast.stmt]] = [tree.body]
    while bodies:
        for stmt in bodies.pop():
            if isinstance(stmt, ast.ClassDef):
                bodies.append(stmt.body)
                continue
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                parts: list[ast.AST] = [*stmt.args.defaults, *stmt.decorator_list]
                parts += [d for d in stmt.args.kw_defaults if d is not None]
            else:
                parts = [stmt]
            for part in parts:
                for node in ast.walk(part):
                    if isinstance(node, ast.Lambda | ast.FunctionDef | ast.AsyncFunctionDef):
                        continue
                    if isinstance(node, ast.Call) and _name(node) in TRANSLATING:
                        if any(
                            isinstance(outer, ast.Lambda) and node in ast.walk(outer)
                            for outer in ast.walk(part)
                        ):
                            continue  # inside a lambda: runs when called
                        yield f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:60]}"


def test_nothing_is_translated_when_a_module_is_imported() -> None:
    found = [line for path in sorted(PACKAGE.rglob("*.py")) for line in at_import(path)]
    assert not found, (
        "translated at import (mark with N_() and translate where shown, or make it a "
        "function):\n" + "\n".join(found)
    )
