"""The user's own settings: ``config.toml`` in the user config dir, written by hand.

Where the file lives: :func:`kamtui.store.locations.config_file`. It holds who you are and one
table, ``[keymap]``: binding id -> key(s), the way Textual's ``App.set_keymap`` takes them::

    owner = "Maria Rossi"          # your name as the plans write it (whose actions are yours)
    lang = "it"                    # the language kamtui speaks: en or it (docs/italian.md)

    [keymap]
    "dashboard.filter" = "f"
    "app.quit" = "ctrl+x"          # several keys: "ctrl+x,f10"
    account.save = "ctrl+w"        # unquoted: a dotted key, the same id

This module only reads: whether an id is bound somewhere and whether a key is one the terminal
can send is decided by the app (kamtui/tui/keymap.py), which knows the bindings. A missing
file is an empty config; anything wrong becomes a problem message (``PATH:LINE:COL: ...``),
never an exception: a typo in a settings file must not keep the app from starting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from kamtui.plan.toml_reader import loads
from kamtui.plan.tomlpos import KeyIndex, KeyPath, index_keys, split_tomllib_message
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

KNOWN_TABLES = ("keymap",)
"""The top-level tables kamtui reads."""
KNOWN_KEYS = ("owner", "lang")
"""The top-level plain keys kamtui reads. Any other top-level key or table is reported (a typo
like ``[keymaps]``)."""

KEY_EXAMPLE = N_('expected a key like "ctrl+s"')


@dataclass
class UserConfig:
    """What :func:`read_config` found: the usable entries and what was wrong."""

    path: Path
    owner: str | None = None
    """Your name as the plans write it (``owner = "Maria Rossi"``): ``kamtui actions``, the
    calendar and the actions view show your actions by default. ``None`` when not given (or
    blank, or not a string)."""
    lang: str | None = None
    """The language asked for (``lang = "it"``), as written: kamtui/text/i18n.py decides what
    it means, after ``--lang`` and ``KAMTUI_LANG``. ``None`` when not given."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> key string, exactly as written (the app checks the keys)."""
    problems: list[str] = field(default_factory=list)
    """One message per problem, each naming the file (and the line when known)."""
    text: str = field(default="", repr=False)
    key_paths: dict[str, KeyPath] = field(default_factory=dict, repr=False)
    """Binding id -> the TOML key path it was written as (``("keymap", "app", "quit")``)."""

    @cached_property
    def _index(self) -> KeyIndex:
        return index_keys(self.text)

    def where(self, binding_id: str) -> str:
        """``PATH:LINE:COL`` of the value given to *binding_id*, or ``PATH`` alone when the
        entry did not come from the file (a keymap handed in by a test)."""
        key_path = self.key_paths.get(binding_id)
        if key_path is None:
            return str(self.path)
        return _at(self.path, self._index.locate(key_path, value=True))


def read_config(path: Path) -> UserConfig:
    """The config at *path*; a missing file is an empty config with no problem."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return UserConfig(path)
    except OSError as exc:
        return UserConfig(
            path,
            problems=[
                _("{path}: cannot read this file: {error}").format(path=path, error=exc.strerror)
            ],
        )
    try:
        text = data.decode("utf-8-sig")  # Notepad's BOM is not an error
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return UserConfig(
            path, problems=[_("{path}:{line}: not UTF-8 text").format(path=path, line=line)]
        )
    return parse_config(text, path)


def parse_config(text: str, path: Path) -> UserConfig:
    """The config in *text*, as if read from *path* (named in the problems)."""
    config = UserConfig(path, text=text)
    try:
        doc = loads(text)
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError is a ValueError
        message, line, col = split_tomllib_message(str(exc), text)
        position = (line, col) if line is not None and col is not None else None
        if message.startswith("Cannot ") and config._index.duplicates:  # "Cannot overwrite…"
            again, position = config._index.duplicates[0]
            message = _("{key} is given twice").format(key=repr(".".join(again)))
        else:
            message = _("invalid TOML: {message}").format(message=message)
        config.problems.append(f"{_at(path, position)}: {message}")
        return config
    for key in doc:
        if key not in KNOWN_TABLES and key not in KNOWN_KEYS:
            known = ", ".join([*KNOWN_KEYS, *(f"[{name}]" for name in KNOWN_TABLES)])
            config.problems.append(
                _("{where}: unknown setting {key} (kamtui reads {known})").format(
                    where=_at(path, config._index.locate((key,))), key=repr(key), known=known
                )
            )
    owner = doc.get("owner")
    if isinstance(owner, str):
        config.owner = " ".join(owner.split()) or None
    elif owner is not None:
        config.problems.append(
            _('{where}: owner: expected a name in quotes, like owner = "Maria Rossi"').format(
                where=_at(path, config._index.locate(("owner",), value=True))
            )
        )
    lang = doc.get("lang")
    if isinstance(lang, str):
        config.lang = lang.strip() or None
    elif lang is not None:
        config.problems.append(
            _('{where}: lang: expected a language in quotes, like lang = "it"').format(
                where=_at(path, config._index.locate(("lang",), value=True))
            )
        )
    keymap = doc.get("keymap", {})
    if not isinstance(keymap, dict):
        config.problems.append(
            _(
                '{where}: keymap: expected a table, like [keymap] then "dashboard.filter" = "f"'
            ).format(where=_at(path, config._index.locate(("keymap",))))
        )
        return config
    _flatten(config, keymap, ("keymap",))
    return config


def _flatten(config: UserConfig, table: dict[str, Any], key_path: KeyPath) -> None:
    """Binding ids are dotted and so are TOML keys: ``app.quit = "x"`` unquoted, or a
    ``[keymap.app]`` table, name the same binding as ``"app.quit" = "x"``.

    A loop, not a recursion: a hostile file may nest thousands of levels deep."""
    tables = [(key_path, table)]
    while tables:
        prefix, current = tables.pop(0)
        for key, value in current.items():
            here = (*prefix, key)
            binding_id = ".".join(here[1:])
            if isinstance(value, dict):
                tables.append((here, value))
            elif isinstance(value, str):
                config.keymap[binding_id] = value
                config.key_paths[binding_id] = here
            else:
                where = _at(config.path, config._index.locate(here, value=True))
                config.problems.append(f"{where}: keymap.{binding_id}: {_(KEY_EXAMPLE)}")


def _at(path: Path, position: tuple[int, int] | None) -> str:
    return f"{path}:{position[0]}:{position[1]}" if position else str(path)
