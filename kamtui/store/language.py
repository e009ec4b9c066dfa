"""Which language to speak, from everything that may say it: ``--lang``, ``KAMTUI_LANG``,
``lang`` in the settings file (read only when the first two are silent) and the locale
(kamtui/text/i18n.py has the rules). Used by the command line (kamtui/cli/main.py) and by each
browser session of ``kamtui serve`` (kamtui/tui/web_session.py)."""

from __future__ import annotations

import os

from kamtui.text.i18n import choose_language, set_language


def speak(asked: str | None) -> str | None:
    """Speak the language asked for, or the one the environment or the settings say; the
    warning to show for an unknown one (``None`` when there is none)."""
    settings = None
    if not (asked and asked.strip()) and not os.environ.get("KAMTUI_LANG", "").strip():
        from kamtui.store.config import read_config
        from kamtui.store.locations import config_file

        settings = read_config(config_file()).lang
    code, warning = choose_language(asked, settings)
    set_language(code)
    return warning
