"""Keys of the user's own: the ``[keymap]`` of ``config.toml``, checked, then given to Textual.

Every binding of kamtui has an id (``dashboard.filter``, ``actions.status``); the user's config
(read by kamtui/store/config.py) maps ids to keys, and :meth:`App.set_keymap` puts those keys
in place of the declared ones wherever the binding is in force. What is not usable (an id no
binding has, a key no terminal sends) is left out and listed in one notification at start:
a typo in a settings file never keeps the app from starting.

The key bar and the help read the declared ``BINDINGS`` (kamtui/tui/widgets/key_bar.py), so
they ask :func:`key_list` / :func:`key_display` for the keys actually in force.

The ids are listed in :data:`BINDING_IDS` so that checking a config costs no import of every
screen at start; tests/tui/test_keymap.py keeps the list equal to the declared bindings and
docs/keymap.md (``python -m kamtui.tui.keymap > docs/keymap.md``) up to date.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.keys import Keys, _character_to_key, key_to_character

from kamtui.store.config import UserConfig, read_config
from kamtui.store.locations import config_file
from kamtui.text.i18n import gettext as _

BINDING_IDS = frozenset(
    {
        "abc.back",
        "abc.class",
        "abc.apply",
        "abc.filter",
        "abc.measure",
        "abc.run",
        "abc.tab-customers",
        "abc.tab-migration",
        "abc.tab-summary",
        "account.back",
        "account.details",
        "account.history",
        "account.review",
        "account.save",
        "account.step1",
        "account.step2",
        "account.step3",
        "account.walk",
        "actions.blocked",
        "actions.dropped",
        "actions.filter",
        "actions.no-filter",
        "actions.progress",
        "actions.progress-down",
        "actions.status",
        "agenda.back",
        "agenda.blocked",
        "agenda.dropped",
        "agenda.filter",
        "agenda.owner",
        "agenda.progress",
        "agenda.progress-down",
        "agenda.segment",
        "agenda.status",
        "agenda.status-filter",
        "agenda.window",
        "app.help",
        "app.quit",
        "app.quit-anywhere",
        "broken.back",
        "choice.cancel",
        "confirm.no",
        "conflictedit.cancel",
        "conflictedit.submit",
        "conflicts.back",
        "conflicts.edit",
        "conflicts.next",
        "conflicts.ours",
        "conflicts.previous",
        "conflicts.save",
        "conflicts.theirs",
        "confirm.yes",
        "dashboard.abc",
        "dashboard.actions",
        "dashboard.attention",
        "dashboard.clear",
        "dashboard.filter",
        "dashboard.new",
        "dashboard.reload",
        "dashboard.reverse",
        "dashboard.segment",
        "dashboard.sort",
        "diff.back",
        "fields.edit",
        "form.cancel",
        "form.next",
        "form.previous",
        "form.submit",
        "help.close",
        "history.back",
        "history.changes",
        "history.view",
        "history.view-back",
        "objectives.check-in",
        "org.back",
        "org.edit",
        "org.reports-to",
        "people.group",
        "people.org-chart",
        "prompt.cancel",
        "records.add",
        "records.delete",
        "records.edit",
        "swot.add",
        "swot.delete",
        "swot.edit",
        "table.down",
        "table.first",
        "table.last",
        "table.open",
        "table.page-down",
        "table.page-up",
        "table.up",
        "units.open-map",
        "whitespace.add",
        "whitespace.back",
        "whitespace.delete",
        "whitespace.down",
        "whitespace.edit",
        "whitespace.first",
        "whitespace.last",
        "whitespace.left",
        "whitespace.objective",
        "whitespace.page-down",
        "whitespace.page-up",
        "whitespace.right",
        "whitespace.up",
    }
)
"""Every binding id declared in kamtui/tui (tests/tui/test_keymap.py checks it)."""

MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")
"""In the order Textual writes them (alphabetical): ``ctrl+shift+up``, never ``shift+ctrl+up``."""

MAX_LISTED = 8
"""Problems listed in the start-up notification; the rest are counted."""


# -- checking the user's keymap -------------------------------------------------------------


def load_keymap(
    keymap: Mapping[str, str] | None = None, config_path: Path | None = None
) -> tuple[dict[str, str], list[str]]:
    """The usable entries of the user's keymap and a message per problem.

    *keymap* given: those entries, checked as if written in *config_path* (tests); else the
    ``[keymap]`` of *config_path*, by default the user's ``config.toml``.
    """
    path = config_path or config_file()
    config = UserConfig(path, keymap=dict(keymap)) if keymap is not None else read_config(path)
    valid, problems = check_keymap(config)
    return valid, [*config.problems, *problems]


def check_keymap(config: UserConfig) -> tuple[dict[str, str], list[str]]:
    """Split *config*'s keymap into what Textual can use and a problem message for the rest."""
    valid: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in config.keymap.items():
        where = f"{config.where(binding_id)}: keymap.{_short(binding_id)}"
        if binding_id not in BINDING_IDS:
            problems.append(
                _("{where}: no binding has this id{suggestion}").format(
                    where=where, suggestion=_did_you_mean(binding_id)
                )
            )
            continue
        bad = [(key, why) for key in keys.split(",") if (why := key_problem(key))]
        if bad:
            problems += [
                _('{where}: "{key}" is not a key: {why}').format(
                    where=where, key=_short(key.strip()), why=why
                )
                for key, why in bad
            ]
        else:
            valid[binding_id] = keys
    return valid, problems


def _short(text: str, most: int = 40) -> str:
    """*text* cut to *most* characters (a hand-edited file may hold anything)."""
    return text if len(text) <= most else text[: most - 1] + "…"


def notice(problems: list[str], path: Path | None = None) -> str:
    """The one start-up notification for *problems* in the file *path* (by default the
    user's ``config.toml``): the file named once, then each problem by its line."""
    path = path or config_file()
    lines = [f"• {_by_line(problem, str(path))}" for problem in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        lines.append(_("… and {n} more").format(n=len(problems) - MAX_LISTED))
    return "\n".join([_("Not used from your keymap in {path}:").format(path=path), *lines])


def _by_line(problem: str, path: str) -> str:
    """``PATH:3:21: message`` -> ``line 3: message``; ``PATH: message`` -> ``message``."""
    if not problem.startswith(f"{path}:"):
        return problem
    rest = problem.removeprefix(f"{path}:")
    line, sep, after = rest.partition(":")
    if line.isdigit() and sep:
        column, sep, message = after.partition(":")
        return _("line {line}:{message}").format(
            line=line, message=message if column.isdigit() and sep else after
        )
    return rest.lstrip()


def key_problem(key: str) -> str | None:
    """Why Textual would never report *key* (one key, as a keymap writes it), or ``None``.

    Textual gives a key as modifiers in alphabetical order then a name: ``ctrl+s``,
    ``ctrl+shift+up``, ``f5``, ``question_mark``; a single character stands for its name.
    """
    key = key.strip()
    if not key:
        return _("nothing there")
    if len(key) > 64:  # alt+ctrl+hyper+meta+shift+super+media_track_previous is 52
        return _("far too long")
    if len(key) == 1:
        return None if key.isprintable() else _("give its name (tab, enter, …)")
    if key in _NAMES:
        return None
    *modifiers, name = key.split("+")
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            known = ", ".join(MODIFIERS)
            if not modifier:
                return _('write "plus" for the + key')
            return _('"{modifier}" is not a modifier (they are {known}; lower case)').format(
                modifier=modifier, known=known
            )
    if len(set(modifiers)) < len(modifiers):
        return _("a modifier is given twice")
    if not name:
        return _('nothing after the last "+" (write "plus" for the + key)')
    if len(name) == 1 and modifiers:
        if name.isupper():
            fixed = "+".join(sorted({*modifiers, "shift"})) + f"+{name.lower()}"
            return _('with a modifier, write "{key}"').format(key=fixed)
        if not name.isalnum():
            long_name = "+".join([*modifiers, _character_to_key(name)])
            return _('with a modifier, write the name: "{key}"').format(key=long_name)
    elif len(name) > 1 and name not in _NAMES and not _is_character_name(name):
        if name.lower() in _NAMES:
            return _('write "{key}" in lower case').format(key=name.lower())
        return _('no key is called "{key}"').format(key=name)
    if modifiers != sorted(modifiers):
        return _('write the modifiers in this order: "{key}"').format(
            key=f"{'+'.join(sorted(modifiers))}+{name}"
        )
    return None


def _key_names() -> frozenset[str]:
    """Names of keys without modifiers: ``escape``, ``f5``, ``pageup``, ``question_mark``."""
    names = {k.value.rpartition("+")[2] for k in Keys if not k.value.startswith("<")}
    try:  # the names the kitty keyboard protocol adds (f25, media keys); private in Textual
        from textual._keyboard_protocol import FUNCTIONAL_KEYS

        names |= set(FUNCTIONAL_KEYS.values())
    except ImportError:  # pragma: no cover - a later Textual
        pass
    names |= {_character_to_key(chr(c)) for c in range(0x21, 0x7F)} | {"space"}
    return frozenset(names)


_NAMES = _key_names()


def _is_character_name(name: str) -> bool:
    """``pound_sign``, ``degree_sign``: the name Textual gives a character (beyond ASCII)."""
    character = key_to_character(name)
    return character is not None and _character_to_key(character) == name


def _did_you_mean(binding_id: str) -> str:
    import difflib

    if len(binding_id) > 40:  # not a typo of an id
        return ""
    close = difflib.get_close_matches(binding_id, sorted(BINDING_IDS), n=1, cutoff=0.6)
    return _(" (did you mean {id}?)").format(id=close[0]) if close else ""


# -- the keys in force ------------------------------------------------------------------------


def key_list(app: App[Any], binding: Binding) -> list[str]:
    """The keys of *binding* in force: the user's when its id is in the app's keymap."""
    # App._keymap is where App.set_keymap keeps the keymap, keys normalised ("question_mark");
    # Screen._binding_chain reads it the same way on every key press.
    keys = app._keymap.get(binding.id) if binding.id else None
    return [k.strip() for k in (keys or binding.key).split(",")]


def is_rebound(app: App[Any], binding: Binding) -> bool:
    return bool(binding.id and app._keymap.get(binding.id))


def key_display(app: App[Any], binding: Binding) -> str:
    """What the key bar shows for *binding*: as Textual's footer would, or the user's keys
    (``f``, ``^x/f10``) when rebound (the declared ``key_display`` is for the declared keys)."""
    if not is_rebound(app, binding):
        return app.get_key_display(binding)
    return "/".join(app.get_key_display(Binding(key, "")) for key in key_list(app, binding))


# -- every binding, for the tests and docs/keymap.md -----------------------------------------


def all_bindings() -> Iterator[tuple[type, Binding]]:
    """Every ``Binding`` declared in kamtui/tui, with the class declaring it (module order).

    Imports every module of the package: for tests and the docs, never at start.
    """
    import importlib
    import inspect
    import pkgutil

    import kamtui.tui

    modules = pkgutil.walk_packages(kamtui.tui.__path__, "kamtui.tui.")
    for info in sorted(modules, key=lambda info: info.name):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            for binding in cls.__dict__.get("BINDINGS", ()):
                yield cls, binding


def markdown() -> str:
    """docs/keymap.md: every binding id, its keys, what it does and where."""
    rows = sorted(
        (b.id or "", b.key, b.description or b.action, cls.__name__)
        for cls, b in all_bindings()
        if isinstance(b, Binding)
    )
    out = [
        "# Binding ids and their default keys",
        "",
        "Generated from the code by `python -m kamtui.tui.keymap > docs/keymap.md`;",
        "tests/tui/test_keymap.py fails when this file is out of date.",
        "",
        "Give any of these ids other keys in the `[keymap]` table of your `config.toml`",
        '(see "Keys of your own" in the README), e.g. `"dashboard.filter" = "f"`.',
        'Several keys: `"app.quit" = "ctrl+x,f10"`.',
        "",
        "| id | default keys | does | where |",
        "|----|--------------|------|-------|",
    ]
    for binding_id, keys, does, where in rows:
        shown = ", ".join(f"`{k.strip()}`" for k in keys.split(","))
        out.append(f"| `{binding_id}` | {shown} | {does} | {where} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
