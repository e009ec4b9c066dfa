"""Choosing the language on the command line (kamtui/cli/main.py, kamtui/text/i18n.py):
``--lang`` on every command, ``KAMTUI_LANG``, ``lang`` in the settings file, the locale; one
warning line for a language kamtui does not speak."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.store.locations import config_file
from kamtui.text import i18n


def help_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    out = capsys.readouterr()
    return out.out, out.err


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "it", "check", "--help"],
        ["check", "--lang=it", "--help"],
        ["-w", "x", "--lang", "italiano", "list", "--help"],
    ],
)
def test_lang_on_any_command(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    out, err = help_of(argv, capsys)
    assert out.startswith("uso: kamtui ") and "\nopzioni:\n" in out
    assert err == ""
    assert i18n.language() == "it"


def test_english_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = help_of(["check", "--help"], capsys)
    assert out.startswith("usage: kamtui check") and "\noptions:\n" in out


def test_an_unknown_language_is_one_warning_then_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, err = help_of(["--lang", "tlh", "check", "--help"], capsys)
    assert out.startswith("usage: ")
    assert err == "kamtui: unknown language 'tlh' (--lang); using English (en, it)\n"


def test_kamtui_lang_then_the_settings_file_then_the_locale(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KAMTUI_LANG", "it")
    assert help_of(["check", "--help"], capsys)[0].startswith("uso: ")
    assert help_of(["--lang", "en", "check", "--help"], capsys)[0].startswith("usage: ")
    monkeypatch.delenv("KAMTUI_LANG")
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    assert help_of(["check", "--help"], capsys)[0].startswith("uso: ")
    settings: Path = config_file()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('lang = "en"\n')
    assert help_of(["check", "--help"], capsys)[0].startswith("usage: ")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    settings.write_text('lang = "it"\n')
    assert help_of(["check", "--help"], capsys)[0].startswith("uso: ")


def test_the_merge_driver_never_reads_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """git runs `kamtui merge-file` once per plan it merges: start-up is all."""
    import kamtui.cli.main as cli

    monkeypatch.setattr(cli, "use_language", lambda asked: pytest.fail("language chosen"))
    with pytest.raises(SystemExit):
        main(["merge-file", "--help"])
