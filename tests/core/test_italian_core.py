"""The headless core in Italian (issue 11, docs/italian.md): the Markdown export (golden file,
read by eye), the JSON export that stays English, form labels, hints and validation messages,
the walk-through's prompts, the review agenda and the semantic diff's words.

English is checked by the existing tests (byte-identical goldens); here the same figures read in
Italian: numbers with the Italian marks, dates as ``30/11/2026``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import GOLDEN, SAMPLE, TODAY, copy_sample, make_full_plan

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


def test_italian_org_chart_in_the_export(italian: None) -> None:
    plan = make_full_plan()
    ids = list(plan.where_am_i.buying_centre)
    plan.where_am_i.buying_centre[ids[1]].reports_to = ids[0]
    plan.where_am_i.buying_centre[ids[0]].last_contact = TODAY - dt.timedelta(days=1)
    plan.where_am_i.buying_centre[ids[2]].last_contact = None
    md = plan_to_markdown(plan, TODAY)
    assert (
        "**Organigramma**\n\n"
        "- Giulia Bianchi (Procurement Director): + favorevole, decision maker, influenza alta, "
        "relazione 4/5, ultimo contatto 1 giorno fa\n"
        "  - Luca Ferri (Plant Director, Bari): ~ neutrale, influenzatore, influenza media, "
        "relazione 2/5, ultimo contatto 108 giorni fa\n"
        "- Nicola Conti (CFO): - critico, responsabile del budget, influenza alta, relazione 1/5, "
        "nessun contatto\n"
    ) in md


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


def test_english_block_covers_numbers_and_stays_in_its_thread(italian: None) -> None:
    import threading

    from kamtui.text.format import format_count, format_day, format_number

    seen: list[str] = []
    with i18n.english():
        assert (format_number(12.5), format_count(1234), format_day(TODAY)) == (
            "12.5",
            "1,234",
            "2026-11-30",
        )
        other = threading.Thread(target=lambda: seen.append(i18n.language()))
        other.start()
        other.join()
    assert seen == ["it"]  # another thread (the app's) keeps speaking Italian
    assert (format_number(12.5), format_count(1234), format_day(TODAY)) == (
        "12,5",
        "1.234",
        "30/11/2026",
    )


def test_completeness_and_success_factors_in_italian(italian: None) -> None:
    plan = AccountPlan(id="x")
    missing = metrics.where_to_go_completeness(plan).missing
    assert missing[0] == "ambizione"
    assert "ogni obiettivo misurabile (indicatore, target, scadenza)" in missing
    factors = [f for f, _known in metrics.success_factors(plan)]
    assert factors[0] == "Meccanismi decisionali noti"


# -- forms: labels, hints, validation messages ---------------------------------------------------


def test_form_labels_hints_and_choices_in_italian(italian: None) -> None:
    from kamtui.plan.fields import specs_for
    from kamtui.plan.model import Action, Objective, Person

    person = {s.name: s for s in specs_for(Person)}
    assert person["attitude"].label == "Atteggiamento verso di noi"
    assert person["title"].label == "Qualifica"
    assert ("economic-buyer", "responsabile del budget") in person["role"].choices
    objective = {s.name: s for s in specs_for(Objective)}
    assert objective["unit"].label == "Unità di misura"
    assert objective["due"].hint == "GG/MM/AAAA, oggi, +7d, +2w, +3m"
    action = {s.name: s for s in specs_for(Action)}
    assert action["progress"].label == "Avanzamento (%)"


def test_form_validation_messages_in_italian(italian: None) -> None:
    from kamtui.plan.fields import parse_values, specs_for
    from kamtui.plan.model import Action, Person

    specs = specs_for(Action)
    texts = {"title": "", "due": "domani?", "progress": "120", "status": "finita"}
    values, errors = parse_values(specs, texts, TODAY)
    assert errors["title"] == "Titolo: campo obbligatorio"
    assert errors["due"] == "'domani?' non è una data: usare GG/MM/AAAA, oggi o +7d"
    assert errors["progress"] == "deve essere compreso tra 0 e 100"
    assert errors["status"] == (
        "'finita' non è tra i valori ammessi: da fare, in corso, completata, bloccata, abbandonata"
    )
    # Italian words, English words and the file's value are all read
    people = specs_for(Person)
    for role in ("responsabile del budget", "economic buyer", "economic-buyer"):
        values, errors = parse_values(people, {"name": "Ada", "role": role}, TODAY)
        assert values["role"] == "economic-buyer" and not errors
    typed = {"title": "A", "due": "02/12/2026", "progress": "0", "status": "da fare"}
    values, errors = parse_values(specs, typed, TODAY)
    assert values["due"].isoformat() == "2026-12-02" and not errors


def test_form_number_hint_and_message_in_italian(italian: None) -> None:
    from kamtui.plan.fields import FieldError, parse_number

    with pytest.raises(FieldError, match=r"^'dodici' non è un numero$"):
        parse_number("dodici")
    assert parse_number("1.234,5") == 1234.5


# -- the walk-through and the review -------------------------------------------------------------


def test_walk_through_prompts_in_italian(italian: None) -> None:
    from kamtui.plan.walkthrough import PROMPTS, STEP_TITLES

    first = PROMPTS[0]
    assert i18n.gettext(STEP_TITLES[first.step - 1]) == "Dove sono?"
    assert i18n.gettext(first.title) == "L'attività del cliente"
    assert i18n.gettext(first.question) == (
        "Di che cosa si occupa il cliente, per chi, e come va la sua attività?"
    )
    assert [i18n.gettext(t) for t in STEP_TITLES] == [
        "Dove sono?",
        "Dove voglio andare?",
        "Come voglio arrivarci?",
    ]
    untranslated = [p.title for p in PROMPTS if i18n.gettext(p.title) == p.title]
    untranslated += [p.question for p in PROMPTS if i18n.gettext(p.question) == p.question]
    assert untranslated == []


def test_review_agenda_and_message_in_italian(italian: None) -> None:
    from kamtui.plan.review import ReviewOutcome, review_agenda, review_message

    plan = sample_plan()
    plan.account.last_review = dt.date(2025, 12, 1)  # everything since then is new
    agenda = review_agenda(plan, TODAY)
    assert "31/03/2026: Keep our PA66 GF30 volume in the 2027 RFQ rilevato 70 %" in agenda.changes
    assert "24/09/2026: completata: Deliver PPA GF40 samples for the e-brake housing tests" in (
        agenda.changes
    )
    assert "03/11/2026: incontro con Giulia Rota" in agenda.changes
    # in the order of the days, not of the text (30/… after 31/… when it is later)
    days = [dt.datetime.strptime(c[:10], "%d/%m/%Y").date() for c in agenda.changes]
    assert days == sorted(days)
    assert "Davide Moretti: decision maker, relazione debole (1/5)" in agenda.gaps
    message = review_message("Freni Orobici", ReviewOutcome(check_ins=3, done=1, dropped=2))
    assert message == ("Revisione Freni Orobici: 3 rilevazioni, 1 azione completata, 2 abbandonate")
    assert review_message("", ReviewOutcome()) == "Revisione account: nessuna modifica"


# -- the semantic diff ---------------------------------------------------------------------------


def test_semantic_diff_in_italian(italian: None) -> None:
    import copy

    from kamtui.plan.changes import change_lines, change_summary, plan_changes
    from kamtui.plan.edit import check_in, set_status
    from kamtui.plan.model import ActionStatus

    before = sample_plan()
    after = copy.deepcopy(before)
    action_id = next(iter(after.how_to_get_there.actions))
    set_status(after.how_to_get_there.actions[action_id], ActionStatus.DONE, TODAY)
    objective = next(iter(after.where_to_go.objectives.values()))
    check_in(objective, TODAY, 64.5, "revenue.csv, quarter")
    after.where_am_i.buying_centre["davide-moretti"].last_contact = TODAY
    after.where_am_i.business += "\nUna riga in più."
    changes = plan_changes(before, after)
    lines = change_lines(changes)
    assert "Dove sono? · attività: 1 riga aggiunta" in lines, lines
    assert 'Dove sono? · persona "Davide Moretti": ultimo contatto 20/11/2025 → 30/11/2026' in lines
    assert any(
        line.startswith('Dove voglio andare? · obiettivo "Keep our PA66 GF30 volume')
        and "rilevazione 30/11/2026 = 64,5% (da revenue.csv, quarter)" in line
        for line in lines
    ), lines
    assert any(
        line.startswith('Come voglio arrivarci? · azione "Close the 8D')
        and "stato in corso → completata" in line
        and "avanzamento 80% → 100%" in line
        for line in lines
    ), lines
    assert change_summary(changes) == "1 rilevazione, 1 azione completata, 3 altre modifiche"
    # for scripts the text stays English
    texts = [c.to_json()["text"] for c in changes]
    assert "status in progress → done" in texts


def test_export_file_messages_in_italian(italian: None, tmp_path: Path) -> None:
    from kamtui.export import OutputExistsError, write_export
    from kamtui.plan.diagnostics import PlanError

    target = tmp_path / "acme.md"
    write_export(target, "uno")
    with pytest.raises(OutputExistsError) as exists:
        write_export(target, "due")
    assert str(exists.value) == (
        f"{target} esiste già: non sovrascritto (usare --force per sostituirlo)"
    )
    with pytest.raises(PlanError, match=r"è una cartella: indicare un nome di file$"):
        write_export(tmp_path, "tre")
    assert target.read_text(encoding="utf-8") == "uno"


def test_kamtui_export_with_lang_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``kamtui --lang it export``: the Italian golden file on stdout; ``--format json`` the same
    JSON as in English."""
    from kamtui.cli.main import main

    ws = copy_sample(tmp_path / "ws")
    day = TODAY.isoformat()
    assert main(["--lang", "it", "export", GOLDEN_ID, "-w", str(ws), "--today", day]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == (GOLDEN / f"export-{GOLDEN_ID}.it.md").read_text(encoding="utf-8")
    json_args = ["export", GOLDEN_ID, "--format", "json", "-w", str(ws), "--today", day]
    assert main(["--lang", "it", *json_args]) == 0
    in_italian = capsys.readouterr().out
    assert main(["--lang", "en", *json_args]) == 0
    assert capsys.readouterr().out == in_italian
