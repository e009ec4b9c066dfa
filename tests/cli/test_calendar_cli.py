"""``kamtui calendar`` (kamtui/cli/calendar.py), read back with icalendar: stdout and -o FILE
(never overwritten without --force), whose events, stable UIDs and identical bytes across runs,
escaping and folding of hostile names, broken plans, and icalendar never loaded before."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_sample
from icalendar import Calendar

from kamtui.cli.main import main
from kamtui.plan.model import Account, AccountPlan, Action, ActionStatus, HowToGetThere, Segment
from kamtui.store.locations import config_file
from kamtui.store.workspace import Workspace, is_plan_file_name

TODAY = "2026-11-30"
DAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def no_global_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def plan(plan_id: str, name: str, owner: str, actions: dict[str, Action]) -> AccountPlan:
    return AccountPlan(
        id=plan_id,
        account=Account(
            name=name, owner=owner, segment=Segment.B, last_review=dt.date(2026, 11, 15)
        ),
        how_to_get_there=HowToGetThere(actions=actions),
    )


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    workspace = Workspace.create(tmp_path / "ws")
    workspace.overwrite(
        plan(
            "acme",
            "Acme Packaging",
            "Maria Rossi",
            {
                "call": Action(title="Call the CFO", due=dt.date(2026, 12, 3)),
                "visit": Action(title="Visit Bari", due=dt.date(2026, 12, 9), owner="Bruno"),
                "undated": Action(title="Some day"),
                "done": Action(title="Done", due=dt.date(2026, 12, 1), status=ActionStatus.DONE),
            },
        ),
        None,
    )
    workspace.overwrite(
        plan("beta", "Beta Srl", "Bruno", {"x": Action(title="Offer", due=dt.date(2027, 1, 8))}),
        None,
    )
    return workspace.root


def events(data: bytes) -> dict[str, Any]:
    """SUMMARY -> the parsed VEVENT."""
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def uids(data: bytes) -> set[str]:
    return {str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")}


def run_to_stdout(
    capsysbinary: pytest.CaptureFixture[bytes], *argv: str, today: str = TODAY
) -> tuple[int, bytes, str]:
    code = main([*argv, "--today", today])
    out, err = capsysbinary.readouterr()
    return code, out, err.decode()


def test_every_owner_to_stdout(ws: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = run_to_stdout(capsysbinary, "calendar", "-w", str(ws), "--all")
    assert code == 0
    assert err == (
        "Calendar of every owner (--all) as of 2026-11-30: 3 actions with a due date, 2 reviews\n"
    )
    assert out.startswith(b"BEGIN:VCALENDAR\r\n") and out.endswith(b"END:VCALENDAR\r\n")
    found = events(out)
    assert set(found) == {
        "Acme Packaging: Call the CFO",
        "Acme Packaging: Visit Bari",
        "Beta Srl: Offer",
        "Review: Acme Packaging",
        "Review: Beta Srl",
    }
    call = found["Acme Packaging: Call the CFO"]
    assert (call.decoded("DTSTART"), call.decoded("DTEND")) == (
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 4),
    )
    assert "Owner: Maria Rossi" in str(call["DESCRIPTION"])
    assert [str(c) for c in call["CATEGORIES"].cats] == ["Class B"]
    assert found["Review: Beta Srl"].decoded("DTSTART") == dt.date(2026, 12, 15)


def test_yours_by_default_from_config_toml(
    ws: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = config_file()
    path.parent.mkdir(parents=True)
    path.write_text('owner = "bruno"\n', encoding="utf-8")
    code, out, err = run_to_stdout(capsysbinary, "calendar", "-w", str(ws))
    assert code == 0
    assert err.startswith("Calendar of bruno (owner in config.toml) as of 2026-11-30: 2 actions")
    assert set(events(out)) == {
        "Acme Packaging: Visit Bari",
        "Beta Srl: Offer",
        "Review: Beta Srl",  # the reviews of the accounts Bruno owns
    }
    code, out, _ = run_to_stdout(capsysbinary, "calendar", "-w", str(ws), "--owner", "Maria Rossi")
    assert set(events(out)) == {"Acme Packaging: Call the CFO", "Review: Acme Packaging"}


def test_to_a_file_never_overwritten_without_force(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "kam.ics"
    assert main(["calendar", "-w", str(ws), "--all", "-o", str(target), "--today", TODAY]) == 0
    out, _ = capsys.readouterr()
    assert out == (
        "Calendar of every owner (--all) as of 2026-11-30: 3 actions with a due date, "
        f"2 reviews; written to {target}\n"
    )
    first = target.read_bytes()
    assert len(events(first)) == 5
    # The same day again: refused without --force, the file as it was.
    assert main(["calendar", "-w", str(ws), "--all", "-o", str(target), "--today", TODAY]) == 2
    assert "already exists; not overwritten (use --force" in capsys.readouterr().err
    assert target.read_bytes() == first
    # With --force: the same bytes (the same plans on the same day).
    argv = ["calendar", "-w", str(ws), "--all", "-o", str(target), "--force", "--today", TODAY]
    assert main(argv) == 0
    assert target.read_bytes() == first
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


def test_stable_uids_across_runs_and_days(
    ws: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    _, today, _ = run_to_stdout(capsysbinary, "calendar", "-w", str(ws), "--all")
    _, again, _ = run_to_stdout(capsysbinary, "calendar", "-w", str(ws), "--all")
    assert today == again
    _, later, _ = run_to_stdout(
        capsysbinary, "calendar", "-w", str(ws), "--all", today="2026-12-20"
    )
    assert later != today
    assert uids(later) == uids(today)
    assert len(uids(today)) == 5
    assert all(str(ws) not in uid and "ws" not in uid.split("@")[0] for uid in uids(today))
    # An action done meanwhile leaves the calendar; the others keep their UIDs.
    acme = Workspace(ws).load("acme")
    assert acme.plan is not None
    edited = Workspace(ws).load("acme").plan
    assert edited is not None
    edited.how_to_get_there.actions["call"].status = ActionStatus.DONE
    Workspace(ws).save(acme, edited)
    _, after, _ = run_to_stdout(capsysbinary, "calendar", "-w", str(ws), "--all")
    assert uids(after) < uids(today) and len(uids(after)) == 4


def test_hostile_names_are_plain_escaped_and_folded(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    workspace = Workspace.create(tmp_path / "ws")
    name = "Evil, Inc.; \\N \x1b[2J [red]x[/red] " + "very long name " * 10
    title = "Call; then, write \\ back\x07"
    workspace.overwrite(
        plan("evil", name, "Owner, the; \\one", {"a": Action(title=title, due=DAY)}), None
    )
    code, out, _ = run_to_stdout(capsysbinary, "calendar", "-w", str(workspace.root), "--all")
    assert code == 0
    assert max(len(line) for line in out.split(b"\r\n")) <= 75
    assert b"\x1b" not in out and b"\x07" not in out
    found = events(out)
    plain_name = name.replace("\x1b", "␛")
    assert set(found) == {f"{plain_name}: Call; then, write \\ back␇", f"Review: {plain_name}"}
    assert "Owner: Owner, the; \\one" in str(found[f"Review: {plain_name}"]["DESCRIPTION"])


def test_a_broken_plan_is_named_and_left_out(
    ws: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (ws / "broken.toml").write_text('schema = 1\n[account]\nname = "x"\nsegment = "Z"\n')
    code, out, err = run_to_stdout(capsysbinary, "calendar", "-w", str(ws), "--all")
    assert code == 1
    assert err.startswith(f"{ws / 'broken.toml'}:4:") and "(skipped)" in err
    assert len(events(out)) == 5


def test_a_folder_as_output_is_an_error(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["calendar", "-w", str(ws), "--all", "-o", str(tmp_path), "--today", TODAY]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_the_sample_workspace(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    root = copy_sample(tmp_path / "ws")
    code, out, _ = run_to_stdout(capsysbinary, "calendar", "-w", str(root), "--all")
    assert code == 0
    found = Calendar.from_ical(out).walk("VEVENT")
    reviews = [e for e in found if str(e["SUMMARY"]).startswith("Review: ")]
    assert len(reviews) == len([p for p in root.glob("*.toml") if is_plan_file_name(p.name)])
    assert len(found) > 40
    starts = [e.decoded("DTSTART") for e in found]
    assert starts == sorted(starts)


# -- start-up: icalendar (0.2 s of imports) only when a calendar is written ----------------------

PROBE = """
import json, sys
from kamtui.cli.main import main
try:
    code = main({argv!r})
except SystemExit as exc:
    code = exc.code
print("\\nMODULES=" + json.dumps(sorted(m for m in sys.modules
                                     if m.split(".")[0] in ("icalendar", "pandas", "textual"))))
print("EXIT=" + str(code))
"""


def heavy_modules(argv: list[str], tmp_path: Path) -> tuple[list[str], int]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAMTUI_")}
    env.update(HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    lines = done.stdout.splitlines()
    modules = json.loads(
        next(x for x in lines if x.startswith("MODULES=")).removeprefix("MODULES=")
    )
    code = int(next(x for x in lines if x.startswith("EXIT=")).removeprefix("EXIT="))
    return modules, code


def test_help_and_actions_never_load_icalendar(ws: Path, tmp_path: Path) -> None:
    for argv in (["--help"], ["calendar", "--help"], ["actions", "-w", str(ws), "--all"]):
        modules, code = heavy_modules(argv, tmp_path)
        assert (modules, code) == ([], 0), argv
    modules, code = heavy_modules(["calendar", "-w", str(ws), "--all"], tmp_path)
    assert code == 0
    assert "icalendar" in modules  # the probe sees it when it is loaded
    assert not [m for m in modules if m.split(".")[0] in ("pandas", "textual")]
