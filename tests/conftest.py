"""Shared fixtures: a richly filled plan, a fresh workspace, a private tmux server.

``full_plan`` is a *factory* fixture: call it to get a new, independent plan each time (tests
mutate plans freely). The same plan is available without pytest as :func:`make_full_plan`, and
``tests/golden/full-plan.toml`` holds its canonical bytes: change the plan and the golden file
together, on purpose.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from tmux_helpers import Tmux

from kamtui.plan.model import (
    Accessibility,
    Account,
    AccountPlan,
    Action,
    ActionStatus,
    Attitude,
    Cell,
    CellStatus,
    Competitor,
    Horizon,
    HowToGetThere,
    Influence,
    Objective,
    Offering,
    Orientation,
    Person,
    Rating,
    RelationshipLevel,
    Role,
    Segment,
    Swot,
    Unit,
    WhereAmI,
    WhereToGo,
)
from kamtui.store.workspace import Workspace

# Property tests check properties, not speed. Hypothesis fails an example slower than 200 ms
# (its default deadline), and in a parallel run that shares the CPU some are: five runs of
# tests/core/test_abc_properties.py at once failed with DeadlineExceeded at 250-275 ms. Its
# own "ci" profile drops the deadline for the same reason; this keeps whatever profile is
# loaded (ci on CI) and drops it everywhere.
EXAMPLES = float(os.environ.get("KAMTUI_EXAMPLES", "0.4"))
"""How many examples each property test runs, as a share of the number it states: 0.4 in
``make test`` (the suite stays within its time on two cores), more in ``make test-thorough``
(``KAMTUI_EXAMPLES=3``). Failures found are kept in hypothesis' database and tried first."""


def examples(stated: int) -> int:
    """The examples to run for a test that states *stated* (at least 10)."""
    return max(10, round(stated * EXAMPLES))


settings.register_profile(
    "kamtui", settings(settings.default, deadline=None, max_examples=examples(100))
)
settings.load_profile("kamtui")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` start first (otherwise in the order collected): a parallel run
    then does not end waiting for one long test that happened to be handed out last."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apps made in a test start with ``animation_level = "none"``, as ``TEXTUAL_ANIMATIONS=none``
    gives a user: the step tabs' underline does not slide, a scroll jumps. After every key Pilot
    waits for running animations to end, so each slide cost the test its length in wall time
    (and its frames in CPU); where things end up, and the snapshots, are the same. (Only where
    the test's module imported Textual: the core tests never load it.)"""
    constants = sys.modules.get("textual.constants")
    if constants is not None:
        monkeypatch.setattr(constants, "TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(autouse=True)
def textual_line_caches_freed() -> Iterator[None]:
    """After each test, Textual's memo of background styles is emptied: it is an ``lru_cache``
    on a method (``StylesCache.get_inner_outer``), so it keeps the last 1,024 widgets' styles
    caches alive, with every line they drew (Strips, Segments, seven small caches each): a
    process running Pilot tests held ~300,000 objects more, and each full garbage collection
    walked them all. Emptied, the same tests take less CPU: 2.5% to 13% by file (one process,
    alternating runs: tests/tui/test_tui_conflict.py with test_tui_hostile.py 50.2 and 52.1 s ->
    44.1 and 43.0 s; test_tui_account_edit.py, test_tui_dashboard.py and test_snapshots.py 90.6
    and 87.7 s -> 88.3 and 85.6 s). The memo only saves working out two colours again; nothing a
    test looks at depends on it."""
    yield
    styles_cache = sys.modules.get("textual._styles_cache")
    if styles_cache is not None:
        styles_cache.StylesCache.get_inner_outer.cache_clear()


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the app might remember (settings, caches) goes to tmp, never to the user's."""
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "user" / var.lower()))


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests speak English whatever the machine's locale (an Italian one would choose Italian,
    kamtui/text/i18n.py); a test of the Italian UI sets the language itself, and English is
    back after it (the language is a process-wide setting)."""
    from kamtui.text import i18n

    monkeypatch.setenv("KAMTUI_LANG", "en")
    yield
    i18n.set_language("en")


TODAY = dt.date(2026, 11, 30)
"""The pinned "today" of the test suite. Tests never use the real date."""

ROOT = Path(__file__).resolve().parent.parent
"""The repository."""
SAMPLE = ROOT / "sample_data" / "workspace"
"""The sample workspace (committed plan files): tests copy it, never write to it."""
SAMPLE_REVENUE = ROOT / "sample_data" / "revenue.csv"
GOLDEN = Path(__file__).resolve().parent / "golden"
"""Committed expected bytes (plans, exports)."""
DATA = Path(__file__).resolve().parent / "data"
"""Committed input files (revenue exports in many shapes)."""


def copy_sample(dest: Path) -> Path:
    """A scratch copy of the sample workspace at *dest*; returns *dest*."""
    shutil.copytree(SAMPLE, dest)
    return dest


FULL_PLAN_ID = "acme-packaging"


def make_full_plan(plan_id: str = FULL_PLAN_ID) -> AccountPlan:
    """A plan with every field filled, several records per table, check-ins and extras.

    Deliberately awkward in places: quotes, backslashes, ``#`` and accents inside strings,
    multi-line text, ints next to floats, check-ins given out of date order, and hand-added
    keys at every level. Every note stays shorter than 100 characters.
    """
    return AccountPlan(
        id=plan_id,
        account=Account(
            name="Acme Packaging S.p.A.",
            customer_ids=["C00042", "C00043", "DE-7781"],
            industry="Packaging",
            owner="Maria Rossi",
            segment=Segment.A,
            currency="EUR",
            review_every_days=30,
            last_review=dt.date(2026, 11, 2),
            extra={"crm_url": "https://crm.example.com/a/42", "sap_client": 800},
        ),
        where_am_i=WhereAmI(
            business=(
                "Leading Italian maker of food-grade flexible packaging.\n"
                "Three plants: Parma, Lodi, Bari.\n"
                "Moving to recyclable mono-material films by 2028."
            ),
            priorities="Cut film waste 15% by 2027; qualify a second supplier for resins.",
            buying_motivation='Security of supply first; "total cost" second.',
            decision_process="Annual tender in October; CFO and procurement decide.",
            relationship_level=RelationshipLevel.PREFERRED_SUPPLIER,
            accessibility=Accessibility(
                technical=Rating(4, "Grades qualified at Parma; Bari needs a trial."),
                economic=Rating(3, "Price gap of ~6% against the incumbent.", {"gap_pct": 6.0}),
                commercial=Rating(5, "Direct channel."),
                extra={"reviewed_by": "Maria"},
            ),
            buying_centre={
                "giulia-bianchi": Person(
                    name="Giulia Bianchi",
                    title="Procurement Director",
                    role=Role.DECISION_MAKER,
                    influence=Influence.HIGH,
                    attitude=Attitude.SUPPORTER,
                    orientation=Orientation.FINANCIAL,
                    relationship=4,
                    last_contact=dt.date(2026, 11, 20),
                    notes="Wants a dual-source plan before the tender.",
                    extra={"linkedin": "giulia-b"},
                ),
                "luca-ferri": Person(
                    name="Luca Ferri",
                    title="Plant Director, Bari",
                    role=Role.INFLUENCER,
                    influence=Influence.MEDIUM,
                    attitude=Attitude.NEUTRAL,
                    orientation=Orientation.TECHNICAL,
                    relationship=2,
                    last_contact=dt.date(2026, 8, 14),
                    notes="Prefers site visits to calls.",
                ),
                "nicola-conti": Person(
                    name="Nicola Conti",
                    title="CFO",
                    role=Role.ECONOMIC_BUYER,
                    influence=Influence.HIGH,
                    attitude=Attitude.CRITIC,
                    orientation=Orientation.BUSINESS,
                    relationship=1,
                    last_contact=dt.date(2026, 5, 3),
                    notes="Thinks we are 6% too expensive. C:\\quotes\\2026 has the numbers.",
                ),
            },
            competitors={
                "polimeri-sud": Competitor(
                    name="Polimeri Sud S.r.l.",
                    share_of_wallet=55,
                    strengths=["Incumbent at Bari", "Lower list price"],
                    weaknesses=["Late deliveries in Q2"],
                    positioning="We win on supply security, not on price.",
                    extra={"hq": "Napoli"},
                ),
                "flexfilm": Competitor(
                    name="FlexFilm GmbH",
                    share_of_wallet=12.5,
                    strengths=["Mono-material know-how"],
                    weaknesses=["No plant in Italy", "Small service team"],
                    positioning="Local service and short lead times.",
                ),
            },
            swot=Swot(
                strengths=["Qualified grades at Parma", "Service team on site"],
                weaknesses=["Price gap"],
                opportunities=["Second-source policy", "Recyclable films (#1 topic)"],
                threats=["Incumbent discounts", "Resin shortages"],
                extra={"source": "workshop 2026-10"},
            ),
            offerings={"line-audit": Offering(name="Packaging line audit", notes="Half a day")},
            units={
                "parma": Unit(
                    name="Parma plant",
                    notes="Cured meats; the biggest site",
                    cells={
                        "barrier-film": Cell(
                            status=CellStatus.OURS, revenue=850000, note="Since 2019"
                        ),
                        "trays": Cell(status=CellStatus.COMPETITOR, competitor="polimeri-sud"),
                        "line-audit": Cell(status=CellStatus.OPPORTUNITY, potential=12000.5),
                    },
                ),
                "lodi": Unit(
                    name="Lodi plant",
                    cells={"barrier-film": Cell(status=CellStatus.NOT_RELEVANT)},
                ),
            },
            extra={"market_notes": "Società in crescita — 3 sites"},
        ),
        where_to_go=WhereToGo(
            ambition="Become the strategic partner for barrier films.\nOwn 40% of wallet.",
            objectives={
                "grow-share": Objective(
                    title="Grow share of wallet",
                    horizon=Horizon.SHORT,
                    metric="share of wallet",
                    unit="%",
                    baseline=20,
                    target=35,
                    current=24.5,
                    due=dt.date(2027, 6, 30),
                    notes="Measured from the customer's purchase report.",
                    # Out of date order on purpose: the file lists them sorted.
                    checkins={
                        dt.date(2026, 10, 31): 23,
                        dt.date(2026, 6, 30): 20,
                        dt.date(2026, 11, 30): 24.5,
                    },
                    extra={"dashboard": True},
                ),
                "cut-waste": Objective(
                    title="Cut their film waste",
                    horizon=Horizon.SHORT,
                    metric="waste",
                    unit="t/year",
                    baseline=1200,
                    target=1000,
                    current=1150,
                    due=dt.date(2027, 3, 31),
                    checkins={dt.date(2026, 9, 30): 1180, dt.date(2026, 11, 15): 1150},
                ),
                "strategic-partner": Objective(
                    title="Strategic partner status",
                    horizon=Horizon.LONG,
                    metric="partner level",
                    unit="level",
                    baseline=1,
                    target=4,
                    current=2,
                    due=dt.date(2028, 12, 31),
                    notes="Level per the customer's supplier scorecard.",
                ),
            },
            extra={"vision_owner": "Maria Rossi"},
        ),
        how_to_get_there=HowToGetThere(
            strategy="Lead with supply security.\nUse the Parma success as the reference case.",
            actions={
                "call-cfo": Action(
                    title="Meet the CFO about total cost",
                    objective="grow-share",
                    owner="Maria Rossi",
                    due=dt.date(2026, 12, 15),
                    status=ActionStatus.IN_PROGRESS,
                    progress=40,
                    notes="Bring the TCO model.",
                    extra={"effort_days": 2},
                ),
                "bari-trial": Action(
                    title="Run a line trial at Bari",
                    objective="grow-share",
                    owner="Paolo Neri",
                    due=dt.date(2026, 11, 10),
                    status=ActionStatus.TODO,
                    progress=0,
                ),
                "waste-audit": Action(
                    title="Waste audit at Lodi",
                    objective="cut-waste",
                    owner="Paolo Neri",
                    due=dt.date(2026, 10, 1),
                    status=ActionStatus.DONE,
                    progress=100,
                    completed=dt.date(2026, 9, 28),
                    notes="Report sent.",
                ),
                "old-idea": Action(
                    title="Sponsor their trade fair booth",
                    objective="",
                    owner="Maria Rossi",
                    status=ActionStatus.DROPPED,
                    progress=10,
                ),
                "scorecard": Action(
                    title="Get on the supplier scorecard",
                    objective="strategic-partner",
                    owner="Maria Rossi",
                    due=dt.date(2027, 2, 28),
                    status=ActionStatus.BLOCKED,
                    progress=20,
                ),
            },
            extra={"playbook": "supply-security"},
        ),
        extra={"generator": "hand", "meta": {"region": "south-europe", "tier": 1}},
    )


@pytest.fixture
def full_plan() -> Callable[..., AccountPlan]:
    """Factory: ``full_plan()`` (or ``full_plan("other-id")``) builds a fresh filled plan."""
    return make_full_plan


@pytest.fixture
def today() -> dt.date:
    """The pinned date used instead of the real one."""
    return TODAY


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A scratch copy of the sample workspace, in a folder named ``accounts``."""
    return copy_sample(tmp_path / "accounts")


@pytest.fixture
def tmp_workspace(tmp_path: Path) -> Workspace:
    """An empty workspace in a temp folder, made the way the app makes one."""
    return Workspace.create(tmp_path / "workspace")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A private tmux server for one kamtui session (see ``tmux_helpers``), killed afterwards
    whatever happens. The tests that use it skip themselves where tmux is not installed."""
    t = Tmux(tmp_path)
    try:
        yield t
    finally:
        t.kill()


@pytest.fixture(scope="session")
def merge_in_progress_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The merge of ``tests/git_conflict_helpers.py`` (``ours_edits`` against ``theirs_edits``:
    four conflicts, the driver's markers, git's index holding the bases), made once per test
    process by real git and the real driver. Never changed: tests get a copy
    (``merge_in_progress``)."""
    from git_conflict_helpers import make_repo, merge_conflict, ours_edits, theirs_edits

    repo = make_repo(tmp_path_factory.mktemp("merge-in-progress") / "plans")
    merge_conflict(repo, ours_edits, theirs_edits)
    return repo


@pytest.fixture
def merge_in_progress(merge_in_progress_once: Path, tmp_path: Path) -> Path:
    """A copy of :func:`merge_in_progress_once` at ``tmp_path / "plans"``, the test's own to
    change: the same repository for a few ms instead of eleven git commands and a Python
    process running the driver."""
    from git_conflict_helpers import copy_repo

    return copy_repo(merge_in_progress_once, tmp_path / "plans")
