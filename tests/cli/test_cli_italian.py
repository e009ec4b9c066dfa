"""The command line in Italian (issue 11, docs/italian.md): ``kamtui check``'s messages at their
lines (the ``warning``/``error`` words kept, so editors and CI parsers still read them) and its
codes, a subcommand's ``--help``, the tables of ``list`` and ``actions`` (headers, dates,
numbers), a usage error, the calendar's events and the plan cache across languages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import copy_sample

from kamtui.cli.main import main
from kamtui.lint import codes
from kamtui.lint.reading import code_of
from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import parse_plan
from kamtui.plan.model import (
    Account,
    AccountPlan,
    Action,
    ActionStatus,
    HowToGetThere,
    Segment,
)
from kamtui.text import i18n

TODAY = "2026-11-30"
LINE_RE = re.compile(
    r"^(?P<path>.+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<sev>error|warning): (?P<msg>.+?)"
    r"(?: \[(?P<code>KAM\d{3})\])?$"
)


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMTUI_WORKSPACE", raising=False)
    monkeypatch.delenv("KAMTUI_TODAY", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--lang", "it", *argv])
    except SystemExit as exc:  # argparse: --help, a bad argument
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def late_plan(root: Path) -> Path:
    """A plan with an action done at 60% (KAM401) and one 60 days overdue (KAM404)."""
    plan = AccountPlan(
        id="late",
        account=Account(name="Late Co", segment=Segment.C),
        how_to_get_there=HowToGetThere(
            actions={
                "offer": Action(
                    title="Send the offer",
                    status=ActionStatus.DONE,
                    progress=60,
                    completed=dt.date(2026, 11, 1),
                ),
                "call": Action(title="Call back", due=dt.date(2026, 10, 1)),
            }
        ),
    )
    root.mkdir(parents=True, exist_ok=True)
    path = root / "late.toml"
    path.write_text(dumps_plan(plan), encoding="utf-8")
    return path


def test_check_speaks_italian_at_the_lines_and_keeps_warning_and_codes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = late_plan(tmp_path / "ws")
    text = path.read_text(encoding="utf-8").split("\n")
    code, out, err = run(capsys, "check", "-w", str(path.parent), "--today", TODAY)
    assert (code, err) == (0, "")
    *lines, summary = out.splitlines()
    found = [LINE_RE.match(line) for line in lines]
    assert all(found), lines
    by_code = {m["code"]: m for m in found if m}
    assert by_code["KAM401"]["sev"] == "warning"  # not "avviso": vim -q and CI parsers
    assert by_code["KAM401"]["msg"] == (
        "l'azione 'Send the offer' è completata ma il suo avanzamento è 60%: impostare "
        "progress a 100 o riportare lo stato a in-progress"
    )
    assert int(by_code["KAM401"]["line"]) == text.index("progress = 60") + 1
    assert by_code["KAM404"]["msg"].startswith(
        "l'azione 'Call back' è in ritardo di 60 giorni (scadenza 2026-10-01, todo): "
    )
    assert summary == "controllo completato su 1 piano: 0 errori, 2 avvisi"


PLAN = 'schema = 1\n\n[account]\nname = "Acme"\ncustomer_ids = ["C1"]\n'


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("# mine\n" + PLAN, codes.COMMENTS),
        (b"\xef\xbb\xbf" + PLAN.encode(), codes.BYTE_ORDER_MARK),
        (PLAN.removeprefix("schema = 1\n"), codes.NO_SCHEMA),
        (PLAN + 'industy = "Food"\n', codes.KEY_TYPO),
        (PLAN.replace('"Acme"', '"Ac\u200bme"'), codes.INVISIBLE_CHARACTERS),
        (PLAN.replace('"Acme"', '"Ac\u200bm\u200be"'), codes.INVISIBLE_CHARACTERS),
        (PLAN.replace('"C1"', '"C\u200b1"'), codes.INVISIBLE_CHARACTERS),
        (PLAN.replace('"C1"', '"C\u200b\u20601"'), codes.INVISIBLE_CHARACTERS),
        (PLAN.replace("[account]", "schemaa = 2\n\n[account]"), codes.KEY_TYPO),
    ],
    ids=[
        "comments",
        "bom",
        "no-schema",
        "typo",
        "name",
        "name-2",
        "id",
        "id-2",
        "top-typo",
    ],
)
def test_each_reading_warning_has_its_code_in_italian(text: str | bytes, code: str) -> None:
    """The codes of reading warnings are told by their text (kamtui/lint/reading.py): in
    Italian too, or --select and --ignore would not work on them."""
    i18n.set_language("it")
    data = text.encode() if isinstance(text, str) else text
    (warning,) = parse_plan(data, Path("acme.toml")).warnings
    assert not warning.message.startswith(("the ", "no ", "unknown ", "'account.name' has"))
    assert code_of(warning) == code


def test_reading_warnings_of_a_workspace_in_italian(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = tmp_path / "ws"
    late_plan(root)
    (root / "odd.toml").write_text("# mine\n" + PLAN + 'industy = "Food"\n', encoding="utf-8")
    (root / ".late.toml.kamtui-abc123.tmp").write_text("half", encoding="utf-8")
    (root / "dir.toml").mkdir()
    argv = ("check", "-w", str(root), "--today", TODAY)
    code, out, _err = run(capsys, *argv, "--select", "KAM001")
    assert code == 0
    assert [m["code"] for m in map(LINE_RE.match, out.splitlines()) if m] == ["KAM001"]
    code, out, _err = run(capsys, *argv, "--ignore", "KAM001,KAM004,KAM006,KAM007")
    assert code == 0
    assert {m["code"] for m in map(LINE_RE.match, out.splitlines()) if m} == {"KAM401", "KAM404"}
    code, out, _err = run(capsys, *argv, "--strict")
    assert code == 1
    found = {m["code"]: m["msg"] for m in map(LINE_RE.match, out.splitlines()) if m}
    assert found["KAM001"].startswith("questo file ha commenti #, che kamtui elimina")
    assert found["KAM004"] == (
        "chiave sconosciuta 'industy' (mantenuta così com'è); forse si intendeva 'industry'?"
    )
    assert found["KAM006"].startswith("file temporaneo lasciato da un salvataggio interrotto")
    assert found["KAM007"] == "una cartella con il nome di un piano: non letta"
    assert out.splitlines()[-1] == "controllo completato su 2 piani: 0 errori, 6 avvisi"


def test_a_subcommands_help_in_italian(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "list", "--help")
    assert code == 0
    assert out.startswith("uso: kamtui list ")
    assert "elencare gli account: segmento, completezza del piano, avanzamento" in out
    assert "formato di uscita (predefinito: table)" in " ".join(out.split())
    code, out, _err = run(capsys, "check", "--help")
    assert "  KAM401  un'azione completata con avanzamento sotto il 100%" in out


def test_list_table_in_italian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "ws")
    code, out, err = run(capsys, "list", "-w", str(ws), "--today", "2026-12-02")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == [
        "ID", "Nome", "Seg", "Piano", "Ragg.", "Azioni", "Ritardo", "Prossima", "scad.",
        "Revisione",
    ]  # fmt: skip
    freni = next(line for line in lines if line.startswith("freni-orobici "))
    assert "15/10/2026" in freni and freni.endswith("64gg!")
    assert lines[-1].startswith("11 account al 02/12/2026; Piano = Dove sono? / Dove voglio ")


def test_actions_table_in_italian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "ws")
    code, out, _err = run(capsys, "actions", "--all", "-w", str(ws), "--today", "2026-12-02")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Azioni aperte di tutti i responsabili (--all) al 02/12/2026: 47 mostrate, "
        "0 escluse dal filtro"
    )
    assert lines[2].split()[:4] == ["Scadenza", "Ritardo", "Account", "Seg"]
    assert lines[3].startswith("30/09/2026    63gg!  ")
    assert re.fullmatch(
        r"47 azioni: \d+ in ritardo, \d+ in scadenza questa settimana \(nei prossimi 7 "
        r"giorni\), \d+ bloccate",
        lines[-1],
    )


def test_usage_errors_in_italian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "ws")
    code, out, err = run(capsys, "export", "freni-orobic", "-w", str(ws))
    assert (code, out) == (2, "")
    assert err == (
        f"kamtui: nessun piano 'freni-orobic' in {ws}; forse si intendeva: freni-orobici?\n"
    )
    missing = tmp_path / "nowhere"
    code, _out, err = run(capsys, "list", "-w", str(missing))
    assert code == 2
    assert err == (
        f"kamtui: lo spazio di lavoro {missing} non esiste (creare un piano con 'kamtui new' "
        "o indicare --workspace DIR)\n"
    )
    code, _out, err = run(capsys, "check", "-w", str(ws), "--select", "KAM999")
    assert code == 2 and err.startswith("kamtui: codice di avviso sconosciuto 'KAM999'; ")


def test_calendar_in_italian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "ws")
    target = tmp_path / "kam.ics"
    code, out, _err = run(
        capsys, "calendar", "--all", "-w", str(ws), "--today", "2026-12-02", "-o", str(target)
    )
    assert code == 0
    assert re.fullmatch(
        r"Calendario di tutti i responsabili \(--all\) al 02/12/2026: \d+ azioni con scadenza, "
        rf"11 revisioni; scritto in {re.escape(str(target))}\n",
        out,
    )
    ics = target.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "SUMMARY:Revisione: Freni Orobici S.p.A." in ics
    assert "Responsabile: " in ics and "Avanzamento: " in ics and "CATEGORIES:Classe A" in ics


def test_counts_and_the_cache_follow_the_language(tmp_path: Path) -> None:
    from kamtui.store.cache import PlanCache
    from kamtui.store.workspace import Workspace
    from kamtui.text.format import format_count as count

    i18n.set_language("it")
    assert (count(999), count(7315), count(1234567)) == ("999", "7.315", "1.234.567")
    i18n.set_language("en")
    assert count(7315) == "7,315"

    root = tmp_path / "ws"
    path = late_plan(root)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # a warning: a problem to cache
    loaded = Workspace(root).load("late")
    cache = PlanCache(tmp_path / "cache.bin")
    cache.store([loaded])
    assert cache.get(path, loaded.digest) is not None
    i18n.set_language("it")
    assert PlanCache(tmp_path / "cache.bin").get(path, loaded.digest) is None  # read again
    assert cache.get(path, loaded.digest) is None
    italian = Workspace(root).load("late")
    assert italian.problems[0].message.startswith("il file inizia con un byte-order mark")


def test_serve_passes_the_language_to_the_browser_sessions() -> None:
    """Each browser session is a process of its own (kamtui/tui/web_session.py): it is told
    the language ``kamtui serve`` speaks; English says nothing (the session chooses as the
    terminal does)."""
    import shlex

    from kamtui.cli.serve import session_command

    words = shlex.split(session_command(Path("/w"), dt.date(2026, 1, 2), "it"))
    assert words[3:] == ["/w", "--lang", "it", "--today", "2026-01-02"]
    assert "--lang" not in shlex.split(session_command(Path("/w"), None, "en"))
