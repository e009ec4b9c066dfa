"""A customer id listed in two plans: both rows of the portfolio carry the reason (the dashboard
marks them ⚠), and a plan that stops listing it clears the other's warning too."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY

from kamtui.plan.file import read_plan
from kamtui.store.portfolio import Portfolio, shared_customer_ids
from kamtui.store.workspace import Workspace


def plans(tmp_path: Path) -> list[Path]:
    ws = Workspace.create(tmp_path / "ws")
    a = ws.new_plan("Alpha", customer_ids=["C1", "C2"])
    b = ws.new_plan("Beta", customer_ids=["C3"])
    c = ws.new_plan("Gamma", customer_ids=["C1"])
    return [a.path, b.path, c.path]


def test_each_plan_that_shares_an_id_says_with_whom(tmp_path: Path) -> None:
    paths = plans(tmp_path)
    found = shared_customer_ids(read_plan(p) for p in paths)
    assert found == {
        "alpha": ("customer id C1 is also listed in gamma.toml",),
        "gamma": ("customer id C1 is also listed in alpha.toml",),
    }


def test_a_change_in_one_plan_redraws_the_other(tmp_path: Path) -> None:
    paths = plans(tmp_path)
    portfolio = Portfolio()
    portfolio.replace_all(read_plan(p) for p in paths)
    assert portfolio.warnings.keys() == {"alpha", "gamma"}
    # Gamma stops listing C1 and lists C3 (Beta's) instead: Alpha, Beta and Gamma change
    gamma = paths[2]
    gamma.write_text(gamma.read_text().replace('"C1"', '"C3"'))
    touched = portfolio.update([read_plan(gamma)])
    assert touched == {"alpha", "beta", "gamma"}
    assert portfolio.warnings == {
        "beta": ("customer id C3 is also listed in gamma.toml",),
        "gamma": ("customer id C3 is also listed in beta.toml",),
    }
    entry = portfolio.entry("beta", TODAY)
    assert entry is not None and entry.warnings == portfolio.warnings["beta"]
