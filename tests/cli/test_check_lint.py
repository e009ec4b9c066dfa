"""``kamtui check`` and its lint: warnings with codes, ``--strict``, ``--select``/``--ignore``,
``FILE...`` arguments (as a pre-commit hook passes them), the same account in two plans, and
the ``.pre-commit-hooks.yaml`` that ships with kamtui. "Today" is always given."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kamtui.lint.report
from kamtui.cli.main import main
from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import (
    Account,
    AccountPlan,
    Action,
    ActionStatus,
    HowToGetThere,
    Person,
    Role,
    Segment,
    WhereAmI,
)

TODAY = "2026-11-30"
ROOT = Path(__file__).resolve().parents[2]
LINE_RE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+?)"
    r"(?: \[(?P<code>KAM\d{3})\])?$"
)


def plan(plan_id: str, name: str, *, cid: str = "", **actions: Action) -> AccountPlan:
    return AccountPlan(
        id=plan_id,
        account=Account(name=name, customer_ids=[cid] if cid else [], segment=Segment.A),
        where_am_i=WhereAmI(
            buying_centre={"boss": Person(name="Boss", role=Role.DECISION_MAKER, relationship=4)}
        ),
        how_to_get_there=HowToGetThere(actions=dict(actions)),
    )


def half_done() -> Action:
    """Done at 60%, with its completion date: one warning (KAM401)."""
    return Action(
        title="Send the offer",
        status=ActionStatus.DONE,
        progress=60,
        completed=dt.date(2026, 11, 1),
    )


def forgotten() -> Action:
    """Due 2026-10-01, still to do: 60 days overdue (KAM404)."""
    return Action(title="Call back", due=dt.date(2026, 10, 1))


def write(root: Path, p: AccountPlan) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"{p.id}.toml"
    path.write_text(dumps_plan(p), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMTUI_WORKSPACE", raising=False)
    monkeypatch.delenv("KAMTUI_TODAY", raising=False)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """Three plans: a clean one, one with KAM401, one with KAM401 and KAM404."""
    root = tmp_path / "ws"
    write(root, plan("clean", "Clean Co", cid="C1"))
    write(root, plan("half", "Half Co", cid="C2", offer=half_done()))
    write(root, plan("late", "Late Co", cid="C3", offer=half_done(), call=forgotten()))
    return root


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    try:
        code = main(["check", *argv, "--today", TODAY])
    except SystemExit as exc:  # argparse
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def codes_in(lines: list[str]) -> list[tuple[str, str | None]]:
    """(file name, code) of each problem line."""
    out = []
    for line in lines:
        m = LINE_RE.match(line)
        if m:
            out.append((Path(m["path"]).name, m["code"]))
    return out


# -- warnings, with codes, at their place --------------------------------------------------------


def test_warnings_are_located_and_coded_and_exit_0(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    code, lines, err = check(capsys, "-w", str(ws))
    assert (code, err) == (0, "")
    *problems, summary = lines
    assert summary == "checked 3 plans: 0 errors, 3 warnings"
    late = ws / "late.toml"
    due = line_of(late, "due = 2026-10-01")
    progress = line_of(late, "[how_to_get_there.actions.offer]") + 5
    assert late.read_text().split("\n")[progress - 1] == "progress = 60"
    assert problems == [
        f"{ws / 'half.toml'}:{progress}:12: warning: action 'Send the offer' is done but its "
        "progress is 60%: set progress to 100, or the status back to in-progress [KAM401]",
        f"{late}:{progress}:12: warning: action 'Send the offer' is done but its progress is "
        "60%: set progress to 100, or the status back to in-progress [KAM401]",
        f"{late}:{due}:7: warning: action 'Call back' is 60 days overdue (due "
        "2026-10-01, todo): do it, give it a new due date, or mark it blocked or dropped "
        "[KAM404]",
    ]


def test_strict_makes_warnings_fail(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, lines, _ = check(capsys, "--strict", "-w", str(ws))
    assert code == 1
    assert lines[-1] == "checked 3 plans: 0 errors, 3 warnings"
    code, lines, _ = check(capsys, "--strict", "-w", str(ws), "--ignore", "KAM401,KAM404")
    assert (code, lines) == (0, ["checked 3 plans: 0 errors, 0 warnings"])


def test_strict_quiet_still_prints_the_warnings_that_fail(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    code, lines, err = check(capsys, "-q", "--strict", "-w", str(ws))
    assert code == 1 and err == ""
    assert [c for _, c in codes_in(lines)] == ["KAM401", "KAM401", "KAM404"]


def test_quiet_prints_no_warning(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, lines, err = check(capsys, "-q", "-w", str(ws))
    assert (code, lines) == (0, [])
    assert err == "checked 3 plans: 0 errors, 3 warnings\n"


def test_kamtui_today_is_today(
    capsys: pytest.CaptureFixture[str], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --today, the clock's day: KAMTUI_TODAY when it is set."""
    monkeypatch.setenv("KAMTUI_TODAY", "2026-10-15")  # the call is only 14 days late then
    assert main(["check", "-w", str(ws)]) == 0
    out = capsys.readouterr().out
    assert "KAM404" not in out and out.endswith("0 errors, 2 warnings\n")


# -- --select and --ignore ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--select", "KAM404"], [("late.toml", "KAM404")]),
        (
            ["--select", "kam404,KAM401"],
            [("half.toml", "KAM401"), ("late.toml", "KAM401"), ("late.toml", "KAM404")],
        ),
        (
            ["--select", "KAM404", "--select", "KAM401", "--ignore", "KAM401"],
            [("late.toml", "KAM404")],
        ),
        (["--ignore", "KAM401"], [("late.toml", "KAM404")]),
        (["--ignore", "KAM401", "--ignore", "KAM404"], []),
        (["--ignore", "KAM401, KAM404,"], []),
    ],
    ids=["select", "select-two", "select-minus-ignore", "ignore", "ignore-two", "spaces"],
)
def test_select_and_ignore(
    capsys: pytest.CaptureFixture[str], ws: Path, options: list[str], expected: list[object]
) -> None:
    code, lines, _ = check(capsys, "-w", str(ws), *options)
    assert code == 0
    assert codes_in(lines) == expected
    assert lines[-1].endswith(f"0 errors, {len(expected)} warning{'s' * (len(expected) != 1)}")


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_code_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], ws: Path, option: str
) -> None:
    code, lines, err = check(capsys, "-w", str(ws), option, "KAM401,KAM999,E501")
    assert (code, lines) == (2, [])
    assert err.startswith("kamtui: unknown warning codes 'E501', 'KAM999'; the codes are KAM001")
    assert "docs/lint.md" in err


def test_errors_are_never_filtered(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    (ws / "bad.toml").write_text('schema = 1\n[account]\nname = "Bad"\nsegment = "Z"\n')
    code, lines, _ = check(capsys, "-w", str(ws), "--select", "KAM101")
    assert code == 1
    assert codes_in(lines) == [("bad.toml", None)]
    assert ": error: " in lines[0]


def test_reading_warnings_keep_their_text_and_get_a_code(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    from kamtui.plan.file import COMMENTS_WARNING

    (ws / "clean.toml").write_text("# mine\n" + (ws / "clean.toml").read_text())
    code, lines, _ = check(capsys, "-w", str(ws), "--select", "KAM001")
    assert code == 0
    assert lines[0] == f"{ws / 'clean.toml'}:1:1: warning: {COMMENTS_WARNING} [KAM001]"
    code, lines, _ = check(capsys, "-w", str(ws), "--ignore", "KAM001", "--select", "KAM001")
    assert lines == ["checked 3 plans: 0 errors, 0 warnings"]


def test_help_lists_the_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = check(capsys, "--help")
    assert code == 0
    text = "\n".join(lines)
    for c in ("KAM001", "KAM101", "KAM201", "KAM301", "KAM302", "KAM404", "KAM501"):
        assert f"  {c}  " in text
    assert "--strict" in text and "--select" in text and "FILE" in text


# -- the same account in two plans ----------------------------------------------------------------


def test_two_plans_for_the_same_account(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    dup = write(ws, plan("clean-2", "CLEAN  co.", cid="C9"))
    code, lines, _ = check(capsys, "-w", str(ws), "--select", "KAM501")
    assert code == 0
    assert lines == [
        f"{ws / 'clean.toml'}:4:8: warning: clean-2.toml is a plan for the same account "
        "('CLEAN  co.'): keep one plan per account (merge the two), or tell the names apart if "
        "they are two companies [KAM501]",
        f"{ws / 'clean-2.toml'}:4:8: warning: clean.toml is a plan for the same account "
        "('Clean Co'): keep one plan per account (merge the two), or tell the names apart if "
        "they are two companies [KAM501]",
        "checked 4 plans: 0 errors, 2 warnings",
    ]
    assert dup.read_text().split("\n")[3] == 'name = "CLEAN  co."'


def test_accents_and_punctuation_aside(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "ws"
    write(root, plan("cafe", "Café Rossi S.p.A."))
    write(root, plan("cafe-2", "cafe rossi spa"))
    write(root, plan("other", "Café Rossi Due"))
    _, lines, _ = check(capsys, "-w", str(root), "--select", "KAM501")
    assert codes_in(lines) == [("cafe.toml", "KAM501"), ("cafe-2.toml", "KAM501")]


# -- FILE... -------------------------------------------------------------------------------------


def test_files_checks_just_those(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, lines, _ = check(capsys, str(ws / "late.toml"))
    assert code == 0
    assert codes_in(lines) == [("late.toml", "KAM401"), ("late.toml", "KAM404")]
    assert lines[-1] == "checked 1 plan: 0 errors, 2 warnings"


def test_files_as_pre_commit_passes_them(
    capsys: pytest.CaptureFixture[str], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paths relative to the repository root, in a subfolder, given once or twice."""
    monkeypatch.chdir(ws.parent)
    code, lines, _ = check(capsys, "ws/half.toml", "ws/clean.toml", "./ws/half.toml", "--strict")
    assert code == 1
    assert lines[0].startswith("ws/half.toml:")
    assert lines[-1] == "checked 2 plans: 0 errors, 1 warning"


def test_files_compare_the_name_with_the_rest_of_the_folder(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    new = write(ws, plan("half-co", "HALF CO", cid="C8"))
    code, lines, _ = check(capsys, str(new), "--strict")
    assert code == 1
    assert codes_in(lines) == [("half-co.toml", "KAM501")]
    assert "half.toml is a plan for the same account ('Half Co')" in lines[0]
    assert lines[-1] == "checked 1 plan: 0 errors, 1 warning"


def test_files_in_two_folders_are_two_workspaces(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a = write(tmp_path / "team-a", plan("acme", "Acme"))
    b = write(tmp_path / "team-b", plan("acme", "Acme"))
    code, lines, _ = check(capsys, str(a), str(b), "--strict")
    assert (code, lines) == (0, ["checked 2 plans: 0 errors, 0 warnings"])


def test_files_hear_about_a_customer_id_of_another_plan(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    """The file asked for is the one that is wrong, whatever the order of the names."""
    new = write(ws, plan("aaa", "Aaa", cid="C3"))  # late.toml lists C3
    code, lines, _ = check(capsys, str(new))
    assert code == 1
    (problem,) = [line for line in lines if ": error: " in line]
    assert problem.startswith(f"{new}:")
    assert "customer id 'C3' is also listed in late.toml" in problem


def test_files_report_errors(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    bad = ws / "bad.toml"
    bad.write_text('schema = 1\n[account]\nname = "Bad"\nsegment = "Z"\n')
    code, lines, _ = check(capsys, str(bad), str(ws / "clean.toml"))
    assert code == 1
    assert lines[0].startswith(f"{bad}:4:11: error: ")
    assert lines[-1] == "checked 2 plans: 1 error, 0 warnings in 1 file with errors"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("nope.toml", "nope.toml: no such file"),
        ("notes.txt", "notes.txt: not a plan file"),
        ("folder.toml", "folder.toml: a folder; to check a whole workspace: --workspace"),
    ],
)
def test_files_that_are_not_plans_are_usage_errors(
    capsys: pytest.CaptureFixture[str], ws: Path, name: str, message: str
) -> None:
    (ws / "notes.txt").write_text("hello")
    (ws / "folder.toml").mkdir()
    code, lines, err = check(capsys, str(ws / name))
    assert (code, lines) == (2, [])
    assert err.startswith(f"kamtui: {ws / message}")


def test_files_and_workspace_together_are_a_usage_error(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    code, _, err = check(capsys, "-w", str(ws), str(ws / "clean.toml"))
    assert code == 2 and "not both" in err


def test_files_ignore_the_workspace_of_the_environment(
    capsys: pytest.CaptureFixture[str], ws: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KAMTUI_WORKSPACE", str(tmp_path / "elsewhere"))
    code, lines, _ = check(capsys, str(ws / "clean.toml"))
    assert (code, lines) == (0, ["checked 1 plan: 0 errors, 0 warnings"])


# -- fast: the position lexer only for what is printed -------------------------------------------


def test_the_lexer_runs_only_for_printed_warnings(
    capsys: pytest.CaptureFixture[str], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexed: list[int] = []
    real = kamtui.lint.report.index_keys

    def counting(text: str) -> object:
        indexed.append(len(text))
        return real(text)

    monkeypatch.setattr(kamtui.lint.report, "index_keys", counting)
    assert check(capsys, "-q", "-w", str(ws))[0] == 0  # warnings counted, none printed
    assert check(capsys, "-w", str(ws), "--ignore", "KAM401,KAM404")[0] == 0
    assert check(capsys, str(ws / "clean.toml"))[0] == 0
    assert indexed == []
    assert check(capsys, "-w", str(ws))[0] == 0
    assert len(indexed) == 2  # half.toml and late.toml, once each


# -- the pre-commit hook --------------------------------------------------------------------------


def read_hooks_yaml(text: str) -> list[dict[str, object]]:
    """The YAML of a pre-commit hooks file, read strictly: a block list of mappings whose
    values are plain or quoted scalars, ``true``/``false`` or flow lists of plain scalars.
    Anything else fails, so what passes is valid YAML (and means what it seems to)."""
    hooks: list[dict[str, object]] = []
    scalar = r"""[^\s#'"\[\]{},&*!|>%@`][^#]*?|'[^']*'|"[^"\\]*\""""
    item = re.compile(rf"^(?P<dash>- |  )(?P<key>[a-z_]+): (?P<value>{scalar}|\[.*\])\s*$")
    for n, raw in enumerate(text.split("\n"), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        m = item.match(raw)
        assert m, f"line {n} is not in the subset of YAML this test reads: {raw!r}"
        if m["dash"] == "- ":
            hooks.append({})
        assert hooks, f"line {n}: a key before the first hook"
        value: object = m["value"]
        assert isinstance(value, str)
        if value.startswith("["):
            items = [v.strip() for v in value[1:-1].split(",")]
            assert all(re.fullmatch(r"[A-Za-z0-9_.-]+", v) for v in items), raw
            value = items
        elif value in ("true", "false"):
            value = value == "true"
        elif value[0] in "'\"":
            value = value[1:-1]
        assert m["key"] not in hooks[-1], f"line {n}: {m['key']} twice"
        hooks[-1][m["key"]] = value
    return hooks


def test_the_pre_commit_hooks_file() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks = read_hooks_yaml(text)
    try:  # where PyYAML is installed, it reads the same
        import yaml  # type: ignore[import-untyped]
    except ImportError:
        pass
    else:
        assert yaml.safe_load(text) == hooks
    (hook,) = hooks
    assert hook["id"] == "kamtui-check"
    assert hook["entry"] == "kamtui check"
    assert hook["language"] == "python"
    assert hook["types"] == ["toml"]
    assert hook["require_serial"] is True
    assert {"name", "description"} <= hook.keys()


def test_the_hook_subset_reader_refuses_other_yaml() -> None:
    with pytest.raises(AssertionError):
        read_hooks_yaml("- id: x\n  entry: &anchor kamtui\n")
    with pytest.raises(AssertionError):
        read_hooks_yaml("- id: x\n  args:\n    - --strict\n")


def test_the_hook_entry_runs_as_pre_commit_runs_it(tmp_path: Path, ws: Path) -> None:
    """``entry`` plus the staged file names, in the repository root, as a real process."""
    hook = read_hooks_yaml((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    entry = str(hook["entry"]).split()
    assert entry[0] == "kamtui"
    kamtui = Path(sys.executable).parent / "kamtui"
    env = {"PATH": str(kamtui.parent), "HOME": str(tmp_path), "KAMTUI_TODAY": TODAY}
    done = subprocess.run(
        [str(kamtui), *entry[1:], "ws/clean.toml", "ws/late.toml"],
        cwd=ws.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert codes_in(done.stdout.splitlines()) == [("late.toml", "KAM401"), ("late.toml", "KAM404")]
    assert done.stdout.splitlines()[0].startswith("ws/late.toml:")
