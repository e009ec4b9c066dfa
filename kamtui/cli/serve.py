"""``kamtui serve [--host HOST] [--port PORT]``: the app in a browser, through textual-serve.

textual-serve (an optional extra, ``pip install 'kamtui[web]'``) runs a small web server: each
browser that opens the page gets its own app, started as a process on this machine
(kamtui/tui/web_session.py) and shown in the page's terminal. It has no authentication, so the
server listens on loopback unless told otherwise; the README shows the SSH tunnel as the safe
way in from another machine. textual-serve is imported only when the command runs
(``kamtui --help`` stays light).
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

if TYPE_CHECKING:
    import datetime as dt

    from textual_serve.server import Server

HELP = N_("run the app for a web browser (textual-serve; loopback only by default)")
DESCRIPTION = N_(
    "Serve the app on http://HOST:PORT: each browser that opens the page gets its own app on the "
    "workspace. Needs the optional extra: pip install 'kamtui[web]'. There is no login: anyone "
    "who can reach the port can read and edit the plans, so keep the default loopback address "
    "and reach it from another machine through an SSH tunnel "
    "(ssh -L 8000:localhost:8000 HOST, then open http://localhost:8000)."
)
INSTALL_HINT = N_("kamtui serve needs textual-serve: pip install 'kamtui[web]'")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help=_(HELP), description=_(DESCRIPTION))
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help=_("the address to listen on (default: 127.0.0.1, this machine only)"),
    )
    p.add_argument(
        "--port", type=_port, default=8000, help=_("the port to listen on (default: 8000)")
    )
    p.set_defaults(run=run)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(
            _("not a port (1-65535): {value}").format(value=repr(value))
        )
    return port


def is_loopback(host: str) -> bool:
    """Whether *host* is this machine only: ``localhost``, 127.0.0.0/8 or ::1."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, port: int = 8000) -> str | None:
    """The warning for listening on *host* (and *port*), or None when it is loopback."""
    from kamtui.text.safety import one_line

    if is_loopback(host):
        return None
    return _(
        "kamtui: warning: serving on {host}, not on loopback. There is no login: "
        "anyone who can reach this port can read and edit the plans. To use the app from "
        "another machine, keep the default --host 127.0.0.1 and open an SSH tunnel instead: "
        "ssh -L {port}:localhost:{port} THIS-HOST, then browse http://localhost:{port}"
    ).format(host=one_line(host), port=port)


def _name_and_port(netloc: str, default_port: int) -> tuple[str, int] | None:
    """``host[:port]`` as (lower-case name without brackets, port), None when malformed."""
    try:
        parts = urlsplit("//" + netloc)
        port = parts.port or default_port
    except ValueError:
        return None
    return (parts.hostname.lower(), port) if parts.hostname else None


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def origin_allowed(origin: str | None, host_header: str, served_host: str) -> bool:
    """Whether a browser page at *origin* may open a session on the server it reached as
    *host_header* (listening on *served_host*).

    Browsers let any web page open a websocket to any address, this machine's loopback
    included, and say which page asks in ``Origin``: without this check a page of any site
    visited while ``kamtui serve`` runs could drive the app and read or edit the plans. So a
    session needs the page to be the server's own (same name, loopback names counting as one,
    and same port), and the name to be an address, ``localhost`` or the one it was told to listen
    on: a site's own name pointed at this machine (DNS rebinding) passes the first test but not
    this one. A request without ``Origin`` does not come from a web page (browsers always send
    it): a program on this machine, allowed as a connection to the port is."""
    if origin is None:
        return True
    if not origin.startswith(("http://", "https://")):
        return False  # "null": a sandboxed page, a file
    secure = origin.startswith("https://")
    page = _name_and_port(origin.split("://", 1)[1], 443 if secure else 80)
    reached = _name_and_port(host_header, 80)
    if page is None or reached is None:
        return False
    (page_name, page_port), (name, port) = page, reached
    same = page_name == name or (is_loopback(page_name) and is_loopback(name))
    known = is_loopback(name) or _is_ip(name) or name == served_host.strip("[]").lower()
    return same and page_port == port and known


def http_url(host: str, port: int) -> str:
    """The address of the server on *host* and *port* (an IPv6 address in brackets)."""
    name = host.strip("[]")
    return f"http://[{name}]:{port}" if ":" in name else f"http://{name}:{port}"


def session_command(root: Path, today: dt.date | None = None, lang: str | None = None) -> str:
    """The shell command textual-serve runs for each browser session: the app on *root*, with
    this interpreter; ``today`` (a date) is passed on when given (else ``KAMTUI_TODAY``,
    which the session inherits, or the real date), and *lang*, the language ``kamtui serve``
    speaks, when it is not English (else the session chooses as the terminal does,
    kamtui/tui/web_session.py)."""
    words = [sys.executable, "-m", "kamtui.tui.web_session", str(root)]
    if lang is not None and lang != "en":
        words += ["--lang", lang]
    if today is not None:
        words += ["--today", today.isoformat()]
    return shlex.join(words)


def make_server(command: str, host: str, port: int, title: str, banner: str) -> Server:
    """textual-serve's server for *command*, which also ends the browser sessions when it
    stops: textual-serve's own waits for every open page to close (aiohttp gives open
    websockets a minute) and leaves their apps running, so Ctrl+C with a browser open hung.
    Here its shutdown closes each session's websocket, and textual-serve then quits that
    session's app and waits for it. It starts with *banner* (where and what it serves) instead
    of textual-serve's logo and command line, and it opens a session only for its own page
    (:func:`origin_allowed`)."""
    import weakref

    from aiohttp import WSCloseCode, web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    class KamtuiServer(Server):
        def __init__(self) -> None:
            super().__init__(
                command, host=host, port=port, title=title, public_url=http_url(host, port)
            )
            self.sessions: weakref.WeakSet[web.WebSocketResponse] = weakref.WeakSet()

        async def _process_messages(
            self, websocket: web.WebSocketResponse, app_service: AppService
        ) -> None:
            self.sessions.add(websocket)
            try:
                await super()._process_messages(websocket, app_service)
            finally:
                self.sessions.discard(websocket)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            if not origin_allowed(request.headers.get("Origin"), request.host, host):
                raise web.HTTPForbidden(text="kamtui: this page may not open a session here\n")
            return await super().handle_websocket(request)

        async def on_startup(self, app: web.Application) -> None:
            print(banner, flush=True)

        async def on_shutdown(self, app: web.Application) -> None:
            for websocket in list(self.sessions):
                await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")

    return KamtuiServer()


def run(args: argparse.Namespace) -> int:
    from kamtui.cli.common import refuse_non_folder, workspace_path
    from kamtui.text import i18n
    from kamtui.text.safety import one_line

    root = workspace_path(args).absolute()
    refuse_non_folder(root)
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        print("kamtui: " + _(INSTALL_HINT), file=sys.stderr)
        return 2
    warning = exposure_warning(args.host, args.port)
    if warning is not None:
        print(warning, file=sys.stderr)
    server = make_server(
        session_command(root, getattr(args, "today", None), i18n.language()),
        host=args.host,
        port=args.port,
        title=f"kamtui: {one_line(root.name)}",
        banner=_("kamtui: serving {root} on {url} (Ctrl+C stops)").format(
            root=one_line(str(root)), url=http_url(args.host, args.port)
        ),
    )
    try:
        server.serve()
    except OSError as exc:
        print(
            _("kamtui: cannot serve on {host}:{port}: {error}").format(
                host=args.host, port=args.port, error=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return 1
    return 0
