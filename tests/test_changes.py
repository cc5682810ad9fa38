"""What changes for you (issue 11): from the rules data alone, for a citizen of every group, in
the weeks before the expected rule set of 1 January 2027 and after it; the caseworker's view and
count; the rules table /sagsbehandler/regler; and each duty's "Læs mere"."""
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from app import create_app
from app.rules import GROUPS, all_rule_sets, describe, rules_for

from .conftest import citizen_id, login_caseworker, login_citizen
from .instants import IN_RULES_2026_07
from .invariants import check_page

NEW_SET = date(2027, 1, 1)
SOMEONE = "Mette Jensen"


def _as_group(db, group: str) -> str:
    """Mette, moved into `group` (the demo data has no citizen in every group)."""
    db.execute("UPDATE citizens SET target_group = ? WHERE name = ?", [group, SOMEONE])
    return SOMEONE


def _expected_labels(app, group: str) -> list[str]:
    with app.test_request_context():
        from flask_babel import force_locale
        with force_locale("da"):
            before, after = rules_for(group, NEW_SET - timedelta(days=1)), rules_for(group, NEW_SET)
            return [a.label() for a in describe.differences(before, after)]


def _main_text(html) -> str:
    soup = check_page(html, "da")
    return soup.find("main").get_text(" ", strip=True)


@pytest.mark.instant("2026-12-08 09:40", "three weeks before the expected rule set of 1 January 2027")
@pytest.mark.parametrize("group", GROUPS)
def test_every_group_sees_what_changes_before_the_date(client, db, group):
    name = _as_group(db, group)
    labels = _expected_labels(client.application, group)
    login_citizen(client, db, name)
    text = _main_text(client.get("/min-plan/aendringer").data)
    if labels:
        assert "Det ændres 1. januar 2027" in text and "Forventet" in text
        for label in labels:
            assert label in text
        plan = client.get("/min-plan").get_data(as_text=True)
        assert "changes-card-section" in plan and 'href="/min-plan/aendringer"' in plan
    else:
        assert "men ikke de dele, der gælder for dig" in text
        assert "changes-card-section" not in client.get("/min-plan").get_data(as_text=True)


@pytest.mark.instant("2027-01-12 09:40", "eleven days into the expected rule set of 1 January 2027")
@pytest.mark.parametrize("group", GROUPS)
def test_every_group_sees_what_changed_after_the_date(client, db, group):
    name = _as_group(db, group)
    labels = _expected_labels(client.application, group)
    login_citizen(client, db, name)
    text = _main_text(client.get("/min-plan/aendringer").data)
    if labels:
        assert "Det blev ændret 1. januar 2027" in text
        assert all(label in text for label in labels)
        assert "Se, hvad der er ændret for dig" in client.get("/min-plan").get_data(as_text=True)


@pytest.mark.instant("2026-10-01 09:40", "more than 8 weeks before 1 January 2027")
def test_no_card_more_than_eight_weeks_before(client, db):
    login_citizen(client, db, SOMEONE)
    assert "changes-card-section" not in client.get("/min-plan").get_data(as_text=True)
    assert "Der kommer ikke nye regler for dig lige nu" in _main_text(client.get("/min-plan/aendringer").data)


@pytest.mark.instant(IN_RULES_2026_07, "six weeks before the expected rule set of 1 January 2027: the card shows")
def test_six_weeks_before_the_card_shows_that_the_dagpenge_joblog_changes(client, db):
    """On 17 November 2026, within 8 weeks of 1 January 2027, the card shows:
    the expected set makes the dagpenge joblog monthly (003 rec. 3.2)."""
    assert "joblog" in [a.key for a in describe.differences(rules_for("dagpenge", NEW_SET - timedelta(days=1)),
                                                              rules_for("dagpenge", NEW_SET))]
    login_citizen(client, db, SOMEONE)
    soup = BeautifulSoup(client.get("/min-plan").data, "html.parser")
    assert soup.select_one("#changes-card-section")


@pytest.mark.instant(IN_RULES_2026_07, "six weeks before the expected rule set of 1 January 2027: the card shows")
def test_the_caseworker_sees_the_change_on_the_case_and_the_count(client, db):
    login_caseworker(client)
    case = client.get(f"/sagsbehandler/borger/{citizen_id(db, SOMEONE)}").get_data(as_text=True)
    assert "case-changes-section" in case and "change-joblog" in case
    page = check_page(client.get("/sagsbehandler/regler").data, "da")
    row = page.select_one("#affected-joblog")
    changed = [g for g in GROUPS if "joblog" in [a.key for a in describe.differences(
        rules_for(g, NEW_SET - timedelta(days=1)), rules_for(g, NEW_SET))]]
    municipality = db.execute("SELECT municipality_id FROM citizens WHERE name = ?", [SOMEONE]).fetchone()[0]
    marks = ",".join("?" for _ in changed)
    count = db.execute(f"SELECT COUNT(*) FROM citizens WHERE municipality_id = ? AND target_group IN ({marks})",
                       [municipality, *changed]).fetchone()[0]
    assert row.find_all("td")[-1].get_text(strip=True) == str(count)
    assert "changes-today-panel" in client.get("/sagsbehandler/").get_data(as_text=True)


def test_the_rules_table_is_the_data(client, db):
    login_caseworker(client)
    soup = check_page(client.get("/sagsbehandler/regler").data, "da")
    table = soup.select_one("#rules-table")
    headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    assert len(headers) == 2 + len(all_rule_sets())
    for group in GROUPS:
        per_set = [rules_for(group, s.valid_from) for s in all_rule_sets()]
        for aspect in describe.ASPECTS:
            if aspect.key != "open" and not describe.applies(aspect, *per_set):
                assert not table.select(f'tr[data-group="{group}"][data-rule="{aspect.key}"]')
                continue
            [row] = table.select(f'tr[data-group="{group}"][data-rule="{aspect.key}"]')
            cells = row.find_all("td")[-len(per_set):]
            for cell, rules in zip(cells, per_set):
                source = aspect.source(rules)
                assert (cell.select_one(".tag") is not None) == source.setting
                assert source.text.split(":")[0] in cell.get_text(" ")
    # One SETTING shown as the municipality's choice: the weekly joblog of 2 (DOMAIN.md joblog).
    [joblog] = table.select('tr[data-group="dagpenge"][data-rule="joblog"]')
    assert "Kommunens valg" in joblog.get_text(" ")


def test_every_duty_and_right_has_a_read_more_with_its_source(client, db):
    for name in ("Mette Jensen", "Hanne Larsen", "Sofie Nielsen"):
        login_citizen(client, db, name)
        soup = check_page(client.get("/min-plan").data, "da")
        items = soup.select('[id^="duty-"], [id^="right-"]')
        assert items
        for item in items:
            more = item.select_one(".app-read-more")
            assert more is not None, item.get("id")
            assert "Kilde:" in more.get_text(" ")


def test_who_reaches_the_change_and_rules_pages(client, db):
    assert client.get("/min-plan/aendringer").status_code == 302
    assert client.get("/sagsbehandler/regler").status_code == 302
    login_citizen(client, db)
    assert client.get("/sagsbehandler/regler").status_code == 403
    assert client.get("/min-plan/aendringer").status_code == 200
    worker = client.application.test_client()
    login_caseworker(worker)
    assert worker.get("/min-plan/aendringer").status_code == 403
    assert worker.get("/sagsbehandler/regler").status_code == 200


@pytest.mark.instant(IN_RULES_2026_07, "six weeks before the expected rule set of 1 January 2027: the card shows")
def test_the_english_pages(client, db):
    login_citizen(client, db)
    client.post("/sprog/en?next=/min-plan")
    text = _main_text_en(client.get("/min-plan/aendringer").data)
    assert "What changes on 1 January 2027" in text and "Expected" in text


def _main_text_en(html) -> str:
    return check_page(html, "en").find("main").get_text(" ", strip=True)
