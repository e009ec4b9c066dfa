"""A browser session of ``kamtui serve`` speaks the language asked for (kamtui/tui/web_session.py):
``--lang``, else ``KAMTUI_LANG``, as the terminal does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kamtui.text import i18n
from kamtui.tui import web_session


class FakeApp:
    def __init__(self) -> None:
        self.language = ""

    def run(self) -> None:
        self.language = i18n.language()  # what the app is made and run in


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> FakeApp:
    app = FakeApp()

    def make_app(*_args: Any, **_kwargs: Any) -> FakeApp:
        return app

    monkeypatch.setattr("kamtui.tui.factory.make_app", make_app)
    monkeypatch.delenv("KAMTUI_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent-kamtui-test")
    return app


def test_lang_option(started: FakeApp, tmp_path: Path) -> None:
    assert web_session.main([str(tmp_path), "--lang", "it"]) == 0
    assert started.language == "it"


def test_kamtui_lang(started: FakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMTUI_LANG", "it")
    web_session.main([str(tmp_path)])
    assert started.language == "it"


def test_english_otherwise(started: FakeApp, tmp_path: Path) -> None:
    web_session.main([str(tmp_path)])
    assert started.language == "en"
