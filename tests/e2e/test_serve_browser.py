"""``kamtui serve`` for real: the server on a free loopback port, the page a browser loads, and
its websocket spoken to as textual-serve's page script does (the ``?width=&height=`` query, a
``["resize", {...}]`` message on open, the terminal's output in binary frames) until the
dashboard's account names arrive; another site's page is refused. Then the server is stopped
with the page still open, as Ctrl+C would, and must exit by itself, leaving no app process
behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TODAY, copy_sample

if not Path("/proc/self/stat").exists():
    pytest.skip("needs /proc to see the server's processes", allow_module_level=True)
aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
WIDTH, HEIGHT = 120, 40
BINARY = aiohttp.WSMsgType.BINARY


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for_port(port: int, server: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, f"kamtui serve exited with {server.returncode}"
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise AssertionError(f"nothing answered on port {port} within {timeout} s")


def group_members(pgid: int) -> list[str]:
    """The live processes (not zombies) of the process group *pgid*, from /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            text = stat.read_text()
            fields = text[text.rindex(")") + 2 :].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                members.append(stat.parent.name)
    return members


def wait_until_group_is_gone(pgid: int, timeout: float = 10.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while (left := group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@pytest.fixture
def server_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAMTUI_")}
    env["KAMTUI_TODAY"] = TODAY.isoformat()
    for kind in ("CACHE", "CONFIG", "DATA", "STATE"):
        env[f"XDG_{kind}_HOME"] = str(tmp_path / "xdg" / kind.lower())
    return env


@pytest.fixture
def started(
    tmp_path: Path, server_env: dict[str, str]
) -> Iterator[tuple[subprocess.Popen[bytes], int, Path]]:
    """``kamtui serve`` on a copy of the sample workspace, in a process group of its own
    (whatever it starts is in that group); stopped and the group killed whatever happens."""
    ws = copy_sample(tmp_path / "ws")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kamtui", "serve", "-w", str(ws), "--port", str(port)],
        env=server_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, server)
        yield server, port, ws
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(5)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(5)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        if server.stdout is not None:
            server.stdout.close()


async def test_the_dashboard_arrives_in_the_browser_and_stopping_ends_every_session(
    started: tuple[subprocess.Popen[bytes], int, Path],
) -> None:
    server, port, ws = started
    timeout = aiohttp.ClientTimeout(total=20)
    async with aiohttp.ClientSession(timeout=timeout) as http:
        async with http.get(f"http://127.0.0.1:{port}/") as page:
            assert page.status == 200
            html = await page.text()
        assert "kamtui: ws" in html  # the title: the workspace's folder
        found = re.search(r'data-session-websocket-url="([^"]+)"', html)
        assert found is not None, html
        assert found.group(1) == f"ws://127.0.0.1:{port}/ws"

        url = f"{found.group(1)}?width={WIDTH}&height={HEIGHT}"
        # Another site's page is refused: it could otherwise drive the app on the user's behalf.
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(url, origin="http://evil.example")
        assert refused.value.status == 403
        # The page, opened at localhost:PORT as through the README's SSH tunnel.
        async with http.ws_connect(url, origin=f"http://localhost:{port}") as websocket:
            await websocket.send_str(json.dumps(["resize", {"width": WIDTH, "height": HEIGHT}]))
            output = b""
            screen = ""
            try:
                async with asyncio.timeout(15):
                    while "Bellanova Cosmetici" not in screen or "Freni Orobici" not in screen:
                        message = await websocket.receive()
                        assert message.type == BINARY, message
                        output += message.data
                        screen = ANSI.sub("", output.decode("utf-8", "replace"))
            except TimeoutError:
                pytest.fail(f"the dashboard did not arrive; the output was:\n{screen[-3000:]}")
            assert len(group_members(server.pid)) >= 2  # the server and the session's app

            # Stop the server with the page still open, as Ctrl+C would.
            server.send_signal(signal.SIGINT)
            try:
                async with asyncio.timeout(10):
                    while (message := await websocket.receive()).type == BINARY:
                        pass
            except TimeoutError:
                pytest.fail("the server did not close the page's websocket within 10 s")
            assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED), message
    code = await asyncio.to_thread(server.wait, 10)
    assert code == 0
    assert wait_until_group_is_gone(server.pid) == [], "app processes were left running"
    assert server.stdout is not None
    log = server.stdout.read().decode("utf-8", "replace")
    assert f"kamtui: serving {ws} on http://127.0.0.1:{port} (Ctrl+C stops)" in log, log
