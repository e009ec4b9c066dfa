"""Properties of the ABC analysis that hold for any portfolio (hypothesis).

Shares of positive customers sum to 1; classes never go back up in rank order; A's share of
revenue reaches the A threshold; count quotas are exact ceilings; and nothing depends on the
order of the input lines — not even with arbitrary float amounts.
"""

from __future__ import annotations

import math

import pandas as pd
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from kamtui.abc.analysis import TOLERANCE, AbcParams, Method, analyse_lines

KEYS = st.text(alphabet="abcAB019 _-é", min_size=1, max_size=4).filter(lambda k: k.strip() == k)
CENTS = st.integers(min_value=-50_000, max_value=10_000_000).map(lambda c: c / 100)


@st.composite
def portfolios(draw: st.DrawFn, amounts: st.SearchStrategy[float] = CENTS) -> pd.DataFrame:
    """Revenue lines over a few customers: several lines each, credit notes included."""
    keys = draw(st.lists(KEYS, min_size=1, max_size=12, unique=True))
    rows = draw(st.lists(st.tuples(st.sampled_from(keys), amounts), min_size=1, max_size=40))
    return pd.DataFrame({"customer": [k for k, _ in rows], "amount": [a for _, a in rows]})


THRESHOLDS = st.tuples(
    st.integers(min_value=1, max_value=100), st.integers(min_value=1, max_value=100)
).map(lambda t: (float(min(t)), float(max(t))))
QUOTAS = st.tuples(st.integers(0, 100), st.integers(0, 100)).filter(lambda q: sum(q) <= 100)
PARAMS = st.one_of(
    THRESHOLDS.map(lambda t: AbcParams(thresholds=t)),
    QUOTAS.map(lambda q: AbcParams(method=Method.COUNT, quotas=(float(q[0]), float(q[1])))),
)
ORDER = {"A": 0, "B": 1, "C": 2}


@given(portfolios(), PARAMS)
def test_shares_of_positive_customers_sum_to_one(lines: pd.DataFrame, params: AbcParams) -> None:
    table = analyse_lines(lines, params).customers
    positive = table["revenue"] > 0
    if positive.any():
        assert math.isclose(table.loc[positive, "share"].sum(), 1.0, abs_tol=1e-9)
        assert math.isclose(table["cumulative_share"].iloc[-1], 1.0, abs_tol=1e-9)
    assert (table.loc[~positive, "share"] == 0).all()
    assert ((table["share"] >= 0) & (table["share"] <= 1)).all()
    assert table["cumulative_share"].is_monotonic_increasing


@given(portfolios(), PARAMS)
def test_classes_are_monotonic_in_rank(lines: pd.DataFrame, params: AbcParams) -> None:
    table = analyse_lines(lines, params).customers
    ranks = [ORDER[k] for k in table["class"]]
    assert ranks == sorted(ranks)
    assert table["revenue"].is_monotonic_decreasing
    assert (table.loc[table["revenue"] <= 0, "class"] == "C").all()


@given(portfolios(), THRESHOLDS)
def test_a_share_reaches_the_a_threshold(
    lines: pd.DataFrame, thresholds: tuple[float, float]
) -> None:
    result = analyse_lines(lines, AbcParams(thresholds=thresholds))
    a, b, _ = result.summary
    if result.total_revenue > 0:
        assert a.customers >= 1
        assert a.revenue_share >= thresholds[0] / 100 - TOLERANCE
        assert a.revenue_share + b.revenue_share >= thresholds[1] / 100 - TOLERANCE
        # and A is the *smallest* such set: without its last customer it would fall short
        table = result.customers
        last_a = table[table["class"] == "A"].iloc[-1]
        assert last_a["cumulative_share"] - last_a["share"] < thresholds[0] / 100


@given(portfolios(), QUOTAS)
def test_count_quotas_are_ceilings(lines: pd.DataFrame, quotas: tuple[int, int]) -> None:
    params = AbcParams(method=Method.COUNT, quotas=(float(quotas[0]), float(quotas[1])))
    table = analyse_lines(lines, params).customers
    n = int((table["revenue"] > 0).sum())
    a_end = -(-quotas[0] * n // 100)
    b_end = -(-(quotas[0] + quotas[1]) * n // 100)
    assert int((table["class"] == "A").sum()) == a_end
    assert int((table["class"] == "B").sum()) == b_end - a_end


@given(portfolios(), PARAMS, st.randoms(use_true_random=False))
def test_result_does_not_depend_on_row_order(
    lines: pd.DataFrame, params: AbcParams, random: object
) -> None:
    order = list(range(len(lines)))
    random.shuffle(order)  # type: ignore[attr-defined]
    shuffled = lines.iloc[order].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        analyse_lines(lines, params).customers,
        analyse_lines(shuffled, params).customers,
        check_exact=True,
    )


ANY_FLOAT = st.floats(min_value=-1e9, max_value=1e12, allow_nan=False, allow_infinity=False)


@settings(max_examples=examples(200))
@given(portfolios(ANY_FLOAT), st.randoms(use_true_random=False))
def test_row_order_independence_with_arbitrary_floats(lines: pd.DataFrame, random: object) -> None:
    """Amounts with any number of decimals are summed in a fixed order: still independent."""
    shuffled = lines.sample(frac=1.0, random_state=random.randint(0, 2**31))  # type: ignore[attr-defined]
    pd.testing.assert_frame_equal(
        analyse_lines(lines).customers,
        analyse_lines(shuffled.reset_index(drop=True)).customers,
        check_exact=True,
    )


# -- files whose amount is quantity × unit price -----------------------------------------------

QUANTITIES = st.integers(min_value=-5, max_value=500)
PRICES = st.integers(min_value=0, max_value=500_000)  # in cents


@st.composite
def product_files(draw: st.DrawFn) -> tuple[str, pd.DataFrame]:
    """A CSV of lines with a quantity and a unit price (no amount column), in English or
    Italian number format, and the exact amounts as lines (cents: no float in the sum)."""
    keys = draw(st.lists(st.from_regex(r"C[0-9]{1,3}", fullmatch=True), min_size=1, max_size=10))
    keys = list(dict.fromkeys(keys))
    rows = draw(
        st.lists(st.tuples(st.sampled_from(keys), QUANTITIES, PRICES), min_size=1, max_size=40)
    )
    italian = draw(st.booleans())
    sep, mark = (";", ",") if italian else (",", ".")
    text = [f"CustomerID{sep}Quantity{sep}UnitPrice"]
    for key, quantity, cents in rows:
        text.append(f"{key}{sep}{quantity}{sep}{cents // 100}{mark}{cents % 100:02d}")
    exact = pd.DataFrame(
        {"customer": [k for k, _, _ in rows], "amount": [q * c / 100 for _, q, c in rows]}
    )
    return "\n".join(text) + "\n", exact


@settings(max_examples=examples(60), deadline=None)
@given(product_files(), PARAMS)
def test_quantity_times_price_files_rank_as_their_exact_amounts(
    drawn: tuple[str, pd.DataFrame], params: AbcParams
) -> None:
    """Read from a file as quantity × unit price, the customers, revenues and classes are those
    of the exact amounts; the properties above hold for them too."""
    import tempfile
    from pathlib import Path

    from kamtui.abc.analysis import AbcOptions, analyse_file

    text, exact = drawn
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lines.csv"
        path.write_text(text, encoding="utf-8")
        result = analyse_file(path, AbcOptions(params=params))
    expected = analyse_lines(exact, params).customers
    table = result.customers
    assert list(table["customer"]) == list(expected["customer"])
    assert list(table["class"]) == list(expected["class"])
    assert [round(r, 2) for r in table["revenue"]] == [round(r, 2) for r in expected["revenue"]]
    ranks = [ORDER[k] for k in table["class"]]
    assert ranks == sorted(ranks)
    positive = table["revenue"] > 0
    if positive.any():
        assert math.isclose(table.loc[positive, "share"].sum(), 1.0, abs_tol=1e-9)
