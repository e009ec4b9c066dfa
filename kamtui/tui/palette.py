"""The command palette (ctrl+p): kamtui's own commands, and every account by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from kamtui.text.i18n import LANGUAGES, N_
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line
from kamtui.tui.kam import kam_of
from kamtui.tui.safe import plain

if TYPE_CHECKING:
    from kamtui.tui.app import KamApp

ACTIONS = (
    (N_("New account"), N_("Create a plan for a new key account"), "new_account"),
    (N_("ABC analysis"), N_("Segment the portfolio from a revenue file"), "abc"),
    (N_("Actions: my week"), N_("Every open action of every account, yours first"), "actions"),
    (N_("Export plan as Markdown"), N_("The plan on screen, to a .md file"), "export_plan('md')"),
    (N_("Export plan as JSON"), N_("The plan on screen, to a .json file"), "export_plan('json')"),
    (N_("Check workspace"), N_("Validate every plan file and list the problems"), "check"),
    (N_("Reload"), N_("Read every plan again from disk"), "reload"),
    (N_("Help: keys"), N_("Every key of this screen"), "help"),
)
"""(title, help, action) of kamtui's own commands; then one per language."""


class KamCommands(Provider):
    """App actions plus "Open account: <name>" for each account."""

    @property
    def kam(self) -> KamApp:
        return kam_of(self)

    def _commands(self) -> list[tuple[str, str, object]]:
        out: list[tuple[str, str, object]] = []
        for title, help_text, action in ACTIONS:
            out.append((_(title), _(help_text), partial(self.kam.run_action, action)))
        for code, name in LANGUAGES.items():  # each language named in itself
            out.append(
                (
                    _("Language: {name}").format(name=name),
                    _("Speak {name} from now on").format(name=name),
                    partial(self.kam.run_action, f"language('{code}')"),
                )
            )
        for entry in self.kam.portfolio.entries(self.kam.today()):
            name = one_line(entry.name)
            out.append(
                (
                    _("Open account: {name}").format(name=name),
                    f"{entry.id}.toml",
                    partial(self.kam.open_account, entry.id),
                )
            )
        return out

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands()[: len(ACTIONS) + len(LANGUAGES)]:
            yield DiscoveryHit(plain(title), callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlight(matcher, title), callback, help=help_text)  # type: ignore[arg-type]


def _highlight(matcher: Matcher, candidate: str) -> Content:
    """Like ``Matcher.highlight``, which parses the candidate as markup: account names are
    user data and must never be parsed."""
    content = plain(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, content.plain)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
