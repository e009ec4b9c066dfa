"""The headless core and the command line never import the heavy stuff.

``kamtui check`` runs in git hooks and ``kamtui --help`` must be instant: neither may load
``textual`` (the TUI) or ``pandas`` (revenue imports). Checked in fresh interpreters, since this
test process may already have imported anything.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import kamtui

HEAVY = ("textual", "pandas")
PACKAGE = Path(kamtui.__file__).resolve().parent


def core_modules() -> list[str]:
    """Every module of kamtui outside the TUI package: the core and the command line."""
    out = []
    for f in sorted(PACKAGE.rglob("*.py")):
        parts = f.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[1:2] == ("tui",) or parts[-1] == "__main__":
            continue
        out.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


CORE_MODULES = core_modules()

PROBE = """
import json, sys
{body}
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print("HEAVY=" + json.dumps(heavy))
"""

RUN_MAIN = """
import sys
from kamtui.cli.main import main
sys.argv = ["kamtui", *{argv!r}]
try:
    code = main()
except SystemExit as exc:
    code = exc.code
print("EXIT=" + str(code))
"""


def env_for(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAMTUI_")}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"))
    return env


def probe(body: str, tmp_path: Path) -> tuple[list[str], str]:
    """Run *body* in a fresh interpreter; the heavy modules it left in sys.modules."""
    code = PROBE.format(body=body, heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env_for(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("HEAVY="))
    return json.loads(line.removeprefix("HEAVY=")), done.stdout


def test_probe_detects_heavy_imports(tmp_path: Path) -> None:
    """The probe itself works: importing pandas is seen (so an empty result means something)."""
    heavy, _ = probe("import pandas", tmp_path)
    assert "pandas" in heavy


def test_core_modules_are_found() -> None:
    for name in (
        "kamtui",
        "kamtui.plan.model",
        "kamtui.store.workspace",
        "kamtui.abc.analysis",
        "kamtui.abc.revenue.reader",
        "kamtui.export",
        "kamtui.cli.main",
    ):
        assert name in CORE_MODULES
    assert not any(m.startswith("kamtui.tui") for m in CORE_MODULES)


def test_core_modules_do_not_import_textual_or_pandas(tmp_path: Path) -> None:
    heavy, _ = probe("import " + ", ".join(CORE_MODULES), tmp_path)
    assert heavy == []


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    from kamtui.store.workspace import Workspace

    ws = Workspace.create(tmp_path / "ws")
    ws.new_plan("Acme")
    (ws.root / "broken.toml").write_text('schema = 1\n[account]\nname = "x"\nsegment = "Z"\n')
    return ws.root


@pytest.mark.parametrize(
    ("argv", "exit_code"),
    [
        (["--help"], 0),
        (["abc", "--help"], 0),
        (["check", "-w", "{ws}"], 1),
        (["check", "-q", "-w", "{ws}"], 1),
        (["-w", "{ws}", "new", "Beta"], 0),
        (["actions", "-w", "{ws}", "--all"], 1),
        (["calendar", "-w", "{ws}", "--all"], 1),
    ],
    ids=["help", "abc-help", "check", "check-quiet", "new", "actions", "calendar"],
)
def test_commands_do_not_import_textual_or_pandas(
    tmp_path: Path, workspace: Path, argv: list[str], exit_code: int
) -> None:
    argv = [a.format(ws=workspace) for a in argv]
    heavy, out = probe(RUN_MAIN.format(argv=argv), tmp_path)
    assert f"EXIT={exit_code}" in out
    assert heavy == []


def imported_by_importtime(args: list[str], tmp_path: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        env=env_for(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    modules = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "package":
                modules.add(name)
    return modules


def test_importtime_sees_kamtui_but_not_heavy_modules(tmp_path: Path, workspace: Path) -> None:
    for args in (["-m", "kamtui", "--help"], ["-m", "kamtui", "check", "-w", str(workspace)]):
        modules = imported_by_importtime(args, tmp_path)
        assert "kamtui.cli.main" in modules, "-X importtime output was not parsed"
        roots = {m.split(".")[0] for m in modules}
        assert not roots & set(HEAVY), (args, sorted(m for m in modules if m.startswith(HEAVY)))


def test_importtime_parser_sees_pandas(tmp_path: Path) -> None:
    modules = imported_by_importtime(["-c", "import pandas"], tmp_path)
    assert "pandas" in modules


# -- static: only kamtui/tui/ may import textual ------------------------------------------------


def textual_imports(source: str) -> list[int]:
    """Line numbers of ``import textual...`` / ``from textual... import`` anywhere in *source*."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            if any(a.name == "textual" or a.name.startswith("textual.") for a in node.names):
                lines.append(node.lineno)
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and node.module
            and (node.module == "textual" or node.module.startswith("textual."))
        ):
            lines.append(node.lineno)
    return lines


def test_textual_import_scanner() -> None:
    assert textual_imports("import os\nimport textual\n") == [2]
    assert textual_imports("def f():\n    from textual.app import App\n") == [2]
    assert textual_imports("import os, textual.widgets as w\n") == [1]
    assert textual_imports("import textualize\nfrom . import textual\n# import textual\n") == []


def test_only_the_tui_package_imports_textual() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    checked = [f for f in files if f.relative_to(PACKAGE).parts[0] != "tui"]
    assert PACKAGE / "store" / "workspace.py" in checked and PACKAGE / "cli" / "main.py" in checked
    offenders = {
        str(f.relative_to(PACKAGE.parent)): lines
        for f in checked
        if (lines := textual_imports(f.read_text(encoding="utf-8")))
    }
    assert offenders == {}
