"""A --workspace that is a file (or has a file on its way) is a clear error with exit 2 for
every command, never a traceback, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_REVENUE

from kamtui.cli.main import main

COMMANDS = [
    ["new", "Acme"],
    ["check"],
    ["check", "-q"],
    ["list"],
    ["actions"],
    ["calendar"],
    ["export", "acme"],
    ["abc", str(SAMPLE_REVENUE), "--apply", "--format", "csv"],
    [],  # the app (the portfolio table when not on a terminal)
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "app")
def test_a_file_as_the_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("not a folder\n")
    assert main([*command, "-w", str(afile)] if command else ["-w", str(afile)]) == 2
    err = capsys.readouterr().err.splitlines()[-1] + "\n"
    assert err == f"kamtui: workspace {afile} is not a folder (pass --workspace DIR)\n"
    assert afile.read_text() == "not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_file_on_the_way_to_a_new_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("x")
    assert main(["new", "Acme", "-w", str(afile / "sub")]) == 2
    assert capsys.readouterr().err == (
        f"kamtui: cannot make the workspace {afile / 'sub'}: Not a directory\n"
    )


def test_a_missing_workspace_is_still_said_as_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "-w", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err
