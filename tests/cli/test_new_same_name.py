"""`kamtui new` with the name of an existing account refuses (exit 1) and names the plan;
`--force` creates another one."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.text.names import name_key


def test_the_names_are_compared_without_case_spaces_punctuation_accents() -> None:
    key = name_key("Acme Packaging S.p.A.")
    assert name_key("ACME packaging spa") == key
    assert name_key("  acme-packaging, s.p.a ") == key
    assert name_key("Café Noir") == name_key("cafe noir")
    assert name_key("Acme Packaging") != key


def test_new_refuses_an_existing_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = tmp_path / "ws"
    assert main(["new", "Acme Packaging S.p.A.", "-w", str(ws)]) == 0
    capsys.readouterr()
    assert main(["new", "ACME packaging spa", "-w", str(ws)]) == 1
    err = capsys.readouterr().err
    assert "an account named 'Acme Packaging S.p.A.' exists already: acme-packaging-s-p-a" in err
    assert "--force" in err
    assert sorted(p.name for p in ws.glob("*.toml")) == ["acme-packaging-s-p-a.toml"]
    assert main(["new", "ACME packaging spa", "--force", "-w", str(ws)]) == 0
    assert len(list(ws.glob("*.toml"))) == 2
