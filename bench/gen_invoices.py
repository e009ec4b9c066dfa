"""Generate a synthetic invoice-line export for the ABC benchmark (cached under bench/.data/).

``python bench/gen_invoices.py N`` writes ``bench/.data/invoices_N.csv``: N lines over about N/50
customers, plain ``customer,name,date,amount`` with ``.``-decimal amounts. Revenue is skewed like a
real portfolio (a few customers buy most), about 2% of lines are credit notes (negative), and some
names hold a comma, so they are quoted. The same N always gives the same file.

``generate(N, product=True)`` writes ``invoices_qp_N.csv`` instead: no amount column, a
``quantity`` (1 to 24, negative on the credit notes) and a ``unit_price`` (two decimals) whose
product is each line's amount.
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / ".data"
CHUNK = 1_000_000
SEED = 20240901


def path_for(lines: int, *, product: bool = False) -> Path:
    """Where the file with *lines* invoice lines is cached."""
    return DATA / (f"invoices_qp_{lines}.csv" if product else f"invoices_{lines}.csv")


def _customers(count: int, rng: object) -> tuple[object, object, object]:
    """Customer ids, names and purchase weights (Zipf-like, shuffled so ids do not sort by size)."""
    import numpy as np

    assert isinstance(rng, np.random.Generator)
    ids = np.array([f"C{i:07d}" for i in range(1, count + 1)], dtype=object)
    forms = np.array(["S.r.l.", "S.p.A.", "Ltd", "GmbH", "& Co., S.n.c."], dtype=object)
    names = np.array(
        [f"Customer {i} {forms[i % len(forms)]}" for i in range(1, count + 1)], dtype=object
    )
    weights = 1.0 / np.arange(1, count + 1) ** 1.1
    rng.shuffle(weights)
    return ids, names, weights / weights.sum()


def generate(lines: int, *, product: bool = False) -> Path:
    """Write the file for *lines* invoice lines unless it is already cached; return its path."""
    import numpy as np
    import pandas as pd

    target = path_for(lines, product=product)
    if target.exists():
        return target
    DATA.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    ids, names, weights = _customers(max(1, lines // 50), rng)
    assert isinstance(ids, np.ndarray) and isinstance(names, np.ndarray)
    days = pd.date_range("2023-01-01", "2024-12-31").strftime("%Y-%m-%d").to_numpy()
    tmp = target.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "customer,name,date,quantity,unit_price\n" if product else "customer,name,date,amount\n"
        )
        for start in range(0, lines, CHUNK):
            size = min(CHUNK, lines - start)
            who = rng.choice(len(ids), size=size, p=weights)
            columns = {
                "customer": ids[who],
                "name": names[who],
                "date": days[rng.integers(0, len(days), size)],
            }
            if product:
                quantity = rng.integers(1, 25, size)
                quantity[rng.random(size) < 0.02] *= -1
                columns["quantity"] = quantity
                columns["unit_price"] = np.round(rng.lognormal(3.5, 1.2, size), 2)
            else:
                amount = np.round(rng.lognormal(5.5, 1.2, size), 2)
                amount[rng.random(size) < 0.02] *= -1
                columns["amount"] = amount
            chunk = pd.DataFrame(columns)
            chunk.to_csv(fh, header=False, index=False, float_format="%.2f", lineterminator="\n")
    tmp.replace(target)
    return target


def main(argv: list[str]) -> int:
    lines = int(argv[1]) if len(argv) > 1 else 1_000_000
    print(generate(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
