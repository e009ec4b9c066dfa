"""The ABC rules of ``docs/abc.md``, checked on hand-computed fixtures.

Every expected class, share and cumulative share below was worked out by hand from the rules:
ranking by revenue then customer key (plain string order), non-positive customers last and
outside the share total, method ``revenue`` (A while the cumulative share *before* the customer
is below 80%, B below 95%) and method ``count`` (ceil quotas).
"""

from __future__ import annotations

import pandas as pd
import pytest

from kamtui.abc.analysis import (
    MEANING,
    TEXTBOOK,
    AbcParams,
    AbcResult,
    Method,
    analyse_lines,
    customer_totals,
    rank_customers,
)
from kamtui.plan.model import Segment

COUNT = AbcParams(method=Method.COUNT)


def lines(*rows: tuple[str, float] | tuple[str, float, str]) -> pd.DataFrame:
    """Revenue lines from (customer, amount[, name]) tuples."""
    frame = pd.DataFrame({"customer": [r[0] for r in rows], "amount": [float(r[1]) for r in rows]})
    if any(len(r) == 3 for r in rows):
        frame["name"] = [r[2] if len(r) == 3 else "" for r in rows]  # type: ignore[misc]
    return frame


def table(result: AbcResult) -> list[tuple[str, str]]:
    """(customer, class) in rank order."""
    return list(zip(result.customers["customer"], result.customers["class"], strict=True))


def column(result: AbcResult, name: str) -> list[float]:
    return [float(v) for v in result.customers[name]]


# -- method "revenue" -----------------------------------------------------------------------


def test_revenue_method_with_a_customer_exactly_on_the_a_threshold() -> None:
    # 50, 30 | 10, 6 | 4: cumulative before = 0, .50, .80, .90, .96
    result = analyse_lines(lines(("a", 50), ("b", 30), ("c", 10), ("d", 6), ("e", 4)))
    assert table(result) == [("a", "A"), ("b", "A"), ("c", "B"), ("d", "B"), ("e", "C")]
    assert column(result, "share") == pytest.approx([0.5, 0.3, 0.1, 0.06, 0.04])
    assert column(result, "cumulative_share") == pytest.approx([0.5, 0.8, 0.9, 0.96, 1.0])


def test_the_customer_that_crosses_the_threshold_is_a() -> None:
    # before: 0, .70 (< .80, so A even though it ends at .85), .85, .95 (on B: C)
    result = analyse_lines(lines(("a", 70), ("b", 15), ("c", 10), ("d", 5)))
    assert table(result) == [("a", "A"), ("b", "A"), ("c", "B"), ("d", "C")]


def test_a_customer_exactly_on_the_b_threshold_is_c() -> None:
    result = analyse_lines(lines(("a", 80), ("b", 15), ("c", 5)))
    assert table(result) == [("a", "A"), ("b", "B"), ("c", "C")]


def test_float_noise_does_not_move_a_customer_over_a_threshold() -> None:
    # In floats 0.7 + 0.1 = 0.7999999999999999: "c" starts exactly at 80%, so it is B.
    result = analyse_lines(lines(("a", 0.7), ("b", 0.1), ("c", 0.1), ("d", 0.1)))
    assert table(result) == [("a", "A"), ("b", "A"), ("c", "B"), ("d", "B")]
    assert result.summary[0].revenue_share == pytest.approx(0.8)


def test_several_lines_per_customer_are_summed() -> None:
    result = analyse_lines(lines(("b", 10), ("a", 5), ("b", 20), ("a", 60), ("c", 5)))
    assert list(result.customers["revenue"]) == [65.0, 30.0, 5.0]
    assert table(result) == [("a", "A"), ("b", "A"), ("c", "C")]


def test_custom_thresholds() -> None:
    params = AbcParams(thresholds=(50.0, 90.0))
    result = analyse_lines(lines(("a", 50), ("b", 30), ("c", 10), ("d", 10)), params)
    # before: 0 (A), .50 (on 50: B), .80 (B), .90 (on 90: C)
    assert table(result) == [("a", "A"), ("b", "B"), ("c", "B"), ("d", "C")]


# -- ties -----------------------------------------------------------------------------------


def test_ties_are_broken_by_customer_key_in_plain_string_order() -> None:
    # Code-point order: "B" < "a10" < "a9" < "b" (not case-insensitive, not natural order).
    result = analyse_lines(lines(("b", 10), ("a9", 10), ("B", 10), ("a10", 10), ("z", 60)))
    assert list(result.customers["customer"]) == ["z", "B", "a10", "a9", "b"]
    # before: 0, .60, .70, .80 (on A: B), .90 -> A, A, A, B, B
    assert list(result.customers["class"]) == ["A", "A", "A", "B", "B"]


def test_all_equal_revenues_revenue_method() -> None:
    rows = [(f"c{i}", 10.0) for i in range(9, -1, -1)]
    result = analyse_lines(lines(*rows))
    assert list(result.customers["customer"]) == [f"c{i}" for i in range(10)]
    # before: 0, .1, ..., .7 -> A (8 customers); .8 and .9 -> B
    assert list(result.customers["class"]) == ["A"] * 8 + ["B"] * 2
    assert result.summary[0].revenue_share == pytest.approx(0.8)


def test_all_equal_revenues_count_method() -> None:
    result = analyse_lines(lines(*[(f"c{i}", 10.0) for i in range(10)]), COUNT)
    # ceil(0.2 * 10) = 2 A, up to ceil(0.5 * 10) = 5 B, the rest C
    assert list(result.customers["class"]) == ["A"] * 2 + ["B"] * 3 + ["C"] * 5


# -- non-positive revenue -------------------------------------------------------------------


def test_credit_notes_making_a_total_negative_put_the_customer_last_in_c() -> None:
    result = analyse_lines(
        lines(
            ("n", 100),
            ("p", 60),
            ("n", -150),  # credit note: n nets to -50
            ("q", 40),
            ("z", 30),
            ("z", -30),  # z nets to exactly 0
        )
    )
    assert table(result) == [("p", "A"), ("q", "A"), ("z", "C"), ("n", "C")]
    assert column(result, "revenue") == [60.0, 40.0, 0.0, -50.0]
    # shares are over the positive total (100), the others have share 0
    assert column(result, "share") == pytest.approx([0.6, 0.4, 0.0, 0.0])
    assert column(result, "cumulative_share") == pytest.approx([0.6, 1.0, 1.0, 1.0])
    assert result.total_revenue == 100.0
    assert (result.non_positive.customers, result.non_positive.revenue) == (2, -50.0)


def test_non_positive_customers_are_not_counted_by_the_count_method() -> None:
    rows = [(f"c{i}", 10.0 * (7 - i)) for i in range(7)] + [("neg", -5.0), ("zero", 0.0)]
    result = analyse_lines(lines(*rows), COUNT)
    # n = 7 positive: ceil(1.4) = 2 A, up to ceil(3.5) = 4 B, then C; then zero, neg
    assert list(result.customers["class"]) == ["A", "A", "B", "B", "C", "C", "C", "C", "C"]
    assert list(result.customers["customer"])[-2:] == ["zero", "neg"]


def test_zero_total_puts_everyone_in_c_with_zero_shares() -> None:
    result = analyse_lines(lines(("a", 10), ("a", -10), ("b", -5), ("c", 0)))
    assert table(result) == [("a", "C"), ("c", "C"), ("b", "C")]
    assert column(result, "share") == [0.0, 0.0, 0.0]
    assert column(result, "cumulative_share") == [0.0, 0.0, 0.0]
    assert result.total_revenue == 0.0
    assert [s.customers for s in result.summary] == [0, 0, 0]
    assert result.concentration.top1 == 0.0


# -- one customer, count method --------------------------------------------------------------


@pytest.mark.parametrize("params", [AbcParams(), COUNT], ids=["revenue", "count"])
def test_one_customer_only_is_a(params: AbcParams) -> None:
    result = analyse_lines(lines(("solo", 42.5), ("solo", 7.5)), params)
    assert table(result) == [("solo", "A")]
    assert column(result, "share") == [1.0]
    assert column(result, "cumulative_share") == [1.0]


def test_count_method_quotas_use_exact_ceilings() -> None:
    # 70% of 10 is 7 exactly (a float product would be 7.000000000000001 and give 8)
    params = AbcParams(method=Method.COUNT, quotas=(10.0, 60.0))
    result = analyse_lines(lines(*[(f"c{i}", 100.0 - i) for i in range(10)]), params)
    assert list(result.customers["class"]) == ["A"] + ["B"] * 6 + ["C"] * 3


def test_count_method_adds_quotas_exactly() -> None:
    # (0.1 + 0.2)% of 1000 is 3; in floats it is 3.0000000000000004, whose ceiling is 4
    params = AbcParams(method=Method.COUNT, quotas=(0.1, 0.2))
    result = analyse_lines(lines(*[(f"c{i:04d}", 5000.0 - i) for i in range(1000)]), params)
    classes = list(result.customers["class"])
    assert classes[:4] == ["A", "B", "B", "C"]
    assert (classes.count("A"), classes.count("B")) == (1, 2)


def test_count_method_ignores_revenue_shares() -> None:
    # one giant customer (99.6%): by revenue everyone else starts above 95% and is C;
    # by count ceil(0.2 * 5) = 1 A, up to ceil(2.5) = 3 -> 2 B, 2 C
    rows = [("big", 1000.0), ("s1", 1.0), ("s2", 1.0), ("s3", 1.0), ("s4", 1.0)]
    assert [k for _, k in table(analyse_lines(lines(*rows)))] == ["A", "C", "C", "C", "C"]
    result = analyse_lines(lines(*rows), COUNT)
    assert [k for _, k in table(result)] == ["A", "B", "B", "C", "C"]
    six = analyse_lines(lines(*[(f"c{i}", 10.0) for i in range(6)]), COUNT)
    # n = 6: ceil(1.2) = 2 A, up to ceil(3.0) = 3 -> 1 B, 3 C
    assert [k for _, k in table(six)] == ["A", "A", "B", "C", "C", "C"]


# -- summary, concentration, Pareto, names ---------------------------------------------------


def test_summary_beside_the_textbook_with_meanings() -> None:
    result = analyse_lines(lines(("a", 50), ("b", 30), ("c", 10), ("d", 6), ("e", 4)))
    a, b, c = result.summary
    assert (a.segment, a.customers, a.revenue) == (Segment.A, 2, 80.0)
    assert (a.customer_share, a.revenue_share) == pytest.approx((0.4, 0.8))
    assert (b.customers, b.revenue, b.revenue_share) == (2, 16.0, pytest.approx(0.16))
    assert (c.customers, c.revenue, c.customer_share) == (1, 4.0, pytest.approx(0.2))
    assert (a.textbook_customer_share, a.textbook_revenue_share) == TEXTBOOK[Segment.A]
    assert (b.textbook_customer_share, b.textbook_revenue_share) == (0.30, 0.15)
    assert (c.textbook_customer_share, c.textbook_revenue_share) == (0.50, 0.05)
    assert a.meaning == MEANING[Segment.A] and "strategic" in a.meaning
    assert "potential" in b.meaning and "less costly" in c.meaning


def test_concentration_top1_top10_top20pct() -> None:
    rows = [(f"c{i:02d}", float(20 - i)) for i in range(20)]  # 20, 19, ..., 1 (total 210)
    result = analyse_lines(lines(*rows))
    conc = result.concentration
    assert conc.top1 == pytest.approx(20 / 210)
    assert conc.top10 == pytest.approx(sum(range(11, 21)) / 210)
    assert conc.top20pct_customers == 4
    assert conc.top20pct == pytest.approx((20 + 19 + 18 + 17) / 210)


def test_concentration_with_fewer_than_ten_customers() -> None:
    result = analyse_lines(lines(("a", 3), ("b", 1), ("n", -1)))
    assert result.concentration.top10 == 1.0
    assert result.concentration.top20pct_customers == 1  # ceil(0.2 * 2)


def test_pareto_curve_points() -> None:
    result = analyse_lines(lines(("a", 50), ("b", 30), ("c", 10), ("d", 6), ("e", 4)))
    curve = result.pareto(points=6)  # 0%, 20%, ..., 100% of the customers
    assert [x for x, _ in curve] == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    assert [y for _, y in curve] == pytest.approx([0, 0.5, 0.8, 0.9, 0.96, 1.0])


def test_name_is_the_most_frequent_then_smallest() -> None:
    result = analyse_lines(
        lines(("a", 1, "Rossi SpA"), ("a", 1, "Rossi S.p.A."), ("a", 1, "Rossi S.p.A.")),
    )
    assert list(result.customers["name"]) == ["Rossi S.p.A."]
    tie = analyse_lines(lines(("a", 1, "Zeta"), ("a", 1, "Alfa"), ("a", 1, "")))
    assert list(tie.customers["name"]) == ["Alfa"]


def test_names_are_empty_without_a_name_column() -> None:
    totals = customer_totals(lines(("a", 1), ("b", 2)))
    assert list(totals["name"]) == ["", ""]


def test_rank_customers_takes_one_row_per_customer() -> None:
    totals = pd.DataFrame({"customer": ["x", "y"], "revenue": [1.0, 3.0]})
    ranked = rank_customers(totals)
    assert list(ranked.columns) == [
        "customer",
        "name",
        "revenue",
        "share",
        "cumulative_share",
        "class",
    ]
    assert list(ranked["customer"]) == ["y", "x"]


@pytest.mark.parametrize(
    ("thresholds", "quotas"),
    [((0.0, 95.0), (20.0, 30.0)), ((90.0, 80.0), (20.0, 30.0)), ((80.0, 95.0), (60.0, 50.0))],
)
def test_invalid_parameters_are_refused(
    thresholds: tuple[float, float], quotas: tuple[float, float]
) -> None:
    with pytest.raises(ValueError):
        AbcParams(thresholds=thresholds, quotas=quotas)
