"""The headless core in Italian (issue 11, docs/italian.md): the Markdown export (golden file,
read by eye), the JSON export that stays English, form labels, hints and validation messages,
the walk-through's prompts, the review agenda and the semantic diff's words.

English is checked by the existing tests (byte-identical goldens); here the same figures read in
Italian: numbers with the Italian marks, dates as ``30/11/2026``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest
from conftest import GOLDEN, SAMPLE, TODAY

from kamtui.export import plan_to_json, plan_to_markdown
from kamtui.plan import metrics
from kamtui.plan.model import AccountPlan
from kamtui.store.offerings import read_offerings
from kamtui.store.workspace import Workspace
from kamtui.text import i18n

GOLDEN_ID = "freni-orobici"


@pytest.fixture
def italian() -> Iterator[None]:
    i18n.set_language("it")
    yield
    i18n.set_language("en")


def sample_plan(plan_id: str = GOLDEN_ID) -> AccountPlan:
    loaded = Workspace(SAMPLE).load(plan_id)
    assert loaded.ok and loaded.plan is not None, loaded.problems
    return loaded.plan


# -- the Markdown export -----------------------------------------------------------------------


def test_italian_markdown_matches_golden_file(italian: None) -> None:
    """The Italian export of the sample plan, read by eye once; change it on purpose only
    (``KAMTUI_UPDATE_GOLDEN=1`` rewrites it)."""
    golden = GOLDEN / f"export-{GOLDEN_ID}.it.md"
    md = plan_to_markdown(sample_plan(), TODAY, read_offerings(SAMPLE).offerings)
    if os.environ.get("KAMTUI_UPDATE_GOLDEN"):
        golden.write_text(md, encoding="utf-8", newline="\n")
    assert md == golden.read_text(encoding="utf-8")


def test_italian_markdown_asks_the_three_questions_in_the_method_s_words(italian: None) -> None:
    md = plan_to_markdown(sample_plan(), TODAY, read_offerings(SAMPLE).offerings)
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## In sintesi",
        "## 1. Dove sono?",
        "## 2. Dove voglio andare?",
        "## 3. Come voglio arrivarci?",
    ]
    for section in (
        "### Analisi del cliente",
        "### Centro d'acquisto",
        "### Accessibilità",
        "### Analisi della concorrenza",
        "### Analisi SWOT",
        "### Mappa delle opportunità",
        "### Fattori chiave di successo",
        "### Obiettivi di breve periodo",
        "### Obiettivi di medio-lungo periodo",
        "### Piano d'azione",
    ):
        assert f"\n{section}\n" in md
    # dates and numbers the Italian way, enum values in words
    assert "ultima revisione il 29/09/2026 (62 giorni fa): **da rivedere**" in md
    assert "| **15/10/2026 in ritardo** | in corso | 80% |" in md
    assert "**3 azioni in ritardo** al 30/11/2026" in md
    assert "| ● 2,1M |" in md
    assert "(media 3,7/5, la più debole: economica)" in md
    assert "- Davide Moretti: nessun contatto da 375 giorni" in md
    assert "English" not in md and "Where am I" not in md


def test_italian_markdown_of_an_empty_plan(italian: None) -> None:
    plan = AccountPlan(id="nuovo")
    plan.account.name = "Nuovo cliente"
    md = plan_to_markdown(plan, TODAY)
    assert md.startswith("# Piano dell'account: Nuovo cliente\n")
    assert "ogni 30 giorni; mai rivisto: **revisione da fare**" in md
    assert "> **Completezza:** 0 di 11 (0%). Da completare: sintesi dell'attività;" in md
    assert "_Ancora nessuno nel centro d'acquisto._" in md
    assert "- nessun decision maker noto" in md
    assert "**Nel complesso:** non ancora valutata." in md
    assert "_Non impostato._ Scala: fornitore → fornitore preferenziale" in md
    assert "- [ ] Meccanismi decisionali noti" in md


def test_json_export_keeps_english_texts_in_italian(italian: None) -> None:
    """JSON is for scripts: the same English texts whatever the language (docs/italian.md)."""
    plan = sample_plan()
    offerings = read_offerings(SAMPLE).offerings
    in_italian = plan_to_json(plan, TODAY, offerings)
    i18n.set_language("en")
    in_english = plan_to_json(plan, TODAY, offerings)
    assert json.dumps(in_italian) == json.dumps(in_english)
    derived = in_italian["derived"]
    assert derived["accessibility"]["verdict"] == "accessible with reservations"
    assert "Davide Moretti: not contacted for 375 days" in derived["relationship_gaps"]


def test_english_inside_the_block_only(italian: None) -> None:
    plan = AccountPlan(id="x")
    with i18n.english():
        assert i18n.language() == "en"
        assert metrics.relationship_gaps(plan, TODAY) == ["no decision maker known"]
    assert i18n.language() == "it"
    assert metrics.relationship_gaps(plan, TODAY) == ["nessun decision maker noto"]


def test_completeness_and_success_factors_in_italian(italian: None) -> None:
    plan = AccountPlan(id="x")
    missing = metrics.where_to_go_completeness(plan).missing
    assert missing[0] == "ambizione"
    assert "ogni obiettivo misurabile (indicatore, target, scadenza)" in missing
    factors = [f for f, _known in metrics.success_factors(plan)]
    assert factors[0] == "Meccanismi decisionali noti"
