"""``kamtui serve`` without a server: the loopback rule and its warning, the missing extra, the
command each browser session runs, and that ``kamtui --help`` does not load textual-serve.
(tests/e2e/test_serve_browser.py runs the real server.)"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kamtui.cli import serve
from kamtui.cli.main import main


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"]
)
def test_loopback_hosts(host: str) -> None:
    assert serve.is_loopback(host)
    assert serve.exposure_warning(host) is None


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", "localhost.evil", ""]
)
def test_other_hosts_get_the_warning(host: str) -> None:
    assert not serve.is_loopback(host)
    warning = serve.exposure_warning(host, 8123)
    assert warning is not None
    assert "anyone who can reach this port can read and edit the plans" in warning
    assert "ssh -L 8123:localhost:8123" in warning
    assert "\n" not in warning


def test_the_warning_shows_a_hostile_host_as_one_line() -> None:
    warning = serve.exposure_warning("evil\x1b[2J\nhost")
    assert warning is not None
    assert "\x1b" not in warning and "\n" not in warning


class FakeServer:
    """Stands in for textual-serve's server: records what it was made with, binds nothing."""

    made: list[dict[str, Any]] = []

    def __init__(self, command: str, **kwargs: Any) -> None:
        self.kwargs = {"command": command, **kwargs}

    def serve(self) -> None:
        FakeServer.made.append(self.kwargs)


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    FakeServer.made = []
    monkeypatch.setattr(serve, "make_server", FakeServer)
    return FakeServer.made


def test_a_public_host_prints_the_warning_on_stderr(
    tmp_path: Path, fake_server: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "-w", str(tmp_path), "--host", "0.0.0.0", "--port", "8123"]) == 0
    err = capsys.readouterr().err
    assert "warning: serving on 0.0.0.0" in err
    assert "ssh -L 8123:localhost:8123" in err
    assert fake_server[0]["host"] == "0.0.0.0" and fake_server[0]["port"] == 8123


def test_loopback_by_default_and_no_warning(
    tmp_path: Path, fake_server: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "-w", str(tmp_path)]) == 0
    assert capsys.readouterr().err == ""
    assert fake_server[0]["host"] == "127.0.0.1" and fake_server[0]["port"] == 8000


def test_each_session_runs_the_app_on_the_workspace(
    tmp_path: Path, fake_server: list[dict[str, Any]]
) -> None:
    """The command textual-serve runs (through a shell) is this interpreter opening the app on
    the workspace, with ``--today`` passed on; awkward paths survive the shell."""
    ws = tmp_path / "it's a $HOME; `x`"
    ws.mkdir()
    assert main(["serve", "-w", str(ws), "--today", "2026-11-30"]) == 0
    words = shlex.split(fake_server[0]["command"])
    assert words == [
        sys.executable,
        "-m",
        "kamtui.tui.web_session",
        str(ws.absolute()),
        "--today",
        "2026-11-30",
    ]
    assert "--today" not in serve.session_command(ws)


def test_session_command_today() -> None:
    words = shlex.split(serve.session_command(Path("/w"), dt.date(2026, 1, 2)))
    assert words[-2:] == ["--today", "2026-01-02"]


def test_missing_extra_is_one_line_with_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_import = builtins.__import__

    def no_textual_serve(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "textual_serve":
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    for name in [m for m in sys.modules if m.split(".")[0] == "textual_serve"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(builtins, "__import__", no_textual_serve)
    assert main(["serve", "-w", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "kamtui: kamtui serve needs textual-serve: pip install 'kamtui[web]'\n"


def test_a_workspace_that_is_a_file_is_refused(
    tmp_path: Path, fake_server: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "f").write_text("x")
    assert main(["serve", "-w", str(tmp_path / "f")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert fake_server == []


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_bad_port(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--port", port])
    assert exc.value.code == 2
    assert "not a port" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("origin", "host_header", "served"),
    [
        (None, "127.0.0.1:8000", "127.0.0.1"),  # not a web page
        ("http://127.0.0.1:8000", "127.0.0.1:8000", "127.0.0.1"),
        ("http://localhost:8000", "127.0.0.1:8000", "127.0.0.1"),  # through the SSH tunnel
        ("http://[::1]:8000", "localhost:8000", "::1"),
        ("http://192.168.1.5:8000", "192.168.1.5:8000", "0.0.0.0"),
        ("http://kam.example:8000", "kam.example:8000", "kam.example"),
        ("http://127.0.0.1", "127.0.0.1", "127.0.0.1"),
    ],
)
def test_the_servers_own_page_may_open_a_session(
    origin: str | None, host_header: str, served: str
) -> None:
    assert serve.origin_allowed(origin, host_header, served)


@pytest.mark.parametrize(
    ("origin", "host_header", "served"),
    [
        ("http://evil.example", "127.0.0.1:8000", "127.0.0.1"),  # another site's page
        ("https://evil.example:8000", "localhost:8000", "127.0.0.1"),
        ("http://localhost:9000", "127.0.0.1:8000", "127.0.0.1"),  # another local service
        ("http://evil.example:8000", "evil.example:8000", "127.0.0.1"),  # DNS rebinding
        ("http://evil.example:8000", "evil.example:8000", "0.0.0.0"),
        ("null", "127.0.0.1:8000", "127.0.0.1"),
        ("file://", "127.0.0.1:8000", "127.0.0.1"),
        ("http://127.0.0.1:8000", "", "127.0.0.1"),
        ("http://127.0.0.1:99999", "127.0.0.1:99999", "127.0.0.1"),
        ("http://:8000", ":8000", "127.0.0.1"),
    ],
)
def test_other_pages_may_not(origin: str, host_header: str, served: str) -> None:
    assert not serve.origin_allowed(origin, host_header, served)


def test_urls() -> None:
    assert serve.http_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert serve.http_url("::1", 8001) == "http://[::1]:8001"
    assert serve.http_url("[::1]", 8001) == "http://[::1]:8001"


PROBE = """
import json, sys
from kamtui.cli.main import main
for argv in (["--help"], ["serve", "--help"]):
    try:
        main(argv)
    except SystemExit:
        pass
print("LOADED=" + json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in
      ("textual_serve", "aiohttp", "textual"))))
"""


def test_help_does_not_import_textual_serve(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "run the app for a web browser" in done.stdout
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED="))
    assert json.loads(line.removeprefix("LOADED=")) == []
