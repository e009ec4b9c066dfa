"""Odd entries named like plans never break a command, and a symlink out of the workspace is
never read: each is a problem of its own entry, the rest of the workspace works."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import copy_sample

from kamtui.cli.main import main
from kamtui.store.portfolio import read_settled
from kamtui.store.workspace import Workspace

SECRET = "root:x:0:0:not-a-plan"


@pytest.fixture
def odd(tmp_path: Path) -> Path:
    ws = copy_sample(tmp_path / "ws")
    outside = tmp_path / "secret.toml"
    outside.write_text(f'schema = 1\n[account]\nname = "{SECRET}"\n')
    (ws / "loop.toml").symlink_to("loop.toml")
    (ws / "outside.toml").symlink_to(outside)
    (ws / "dangling.toml").symlink_to("nothere.toml")
    (ws / "inside.toml").symlink_to("freni-orobici.toml")
    (ws / "folder.toml").mkdir()
    os.mkfifo(ws / "pipe.toml")
    return ws


def test_check_names_each_odd_entry_and_checks_the_rest(
    odd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "-w", str(odd)]) == 1
    out = capsys.readouterr().out
    assert f"{odd / 'loop.toml'}: error: a symlink that loops" in out
    assert f"{odd / 'outside.toml'}: error: a symlink to a file outside the workspace" in out
    assert f"{odd / 'dangling.toml'}: error: a symlink to a file that does not exist" in out
    assert f"{odd / 'folder.toml'}: warning: a folder named like a plan: not read" in out
    assert f"{odd / 'pipe.toml'}: warning: a FIFO (named pipe) named like a plan" in out
    assert SECRET not in out
    assert "Traceback" not in out


def test_every_command_still_works(odd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "-w", str(odd), "--today", "2026-11-30"]) == 1  # broken entries
    out = capsys.readouterr().out
    assert "Freni Orobici" in out and "Supermercati del Tirreno" in out
    assert SECRET not in out
    assert main(["export", "freni-orobici", "-w", str(odd), "--today", "2026-11-30"]) == 0
    assert main(["new", "Zed", "-w", str(odd)]) == 0
    assert (odd / "zed.toml").is_file()


def test_the_outside_file_is_never_read(odd: Path) -> None:
    scan = Workspace(odd).load_all()
    by_id = {lp.id: lp for lp in scan.plans}
    assert by_id["outside"].plan is None and by_id["outside"].text == ""
    assert by_id["inside"].plan is not None  # a link inside the workspace is a plan
    assert "pipe" not in by_id and "folder" not in by_id
    assert all(SECRET not in lp.text for lp in scan.plans)
    assert Workspace(odd).load("outside").plan is None
    settled = read_settled(odd / "outside.toml")  # what the app's watcher reads
    assert settled is not None and settled.plan is None and settled.text == ""
