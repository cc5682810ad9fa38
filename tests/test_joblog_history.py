"""A citizen's joblog history stays when they move to a target group without a joblog duty
(sick leave, say): the entries are listed by calendar week as "no requirement now", for the
citizen and for the caseworker, and are not judged met or missed."""
from datetime import date

import pytest
import time_machine

from app.joblog import service
from app.joblog.periods import periods_and_gaps

from .conftest import citizen_id, login_caseworker, login_citizen
from .invariants import check_page

AFTER_MOVE = "2026-12-09 10:00 +0100"  # Wednesday, week 50


def _add(db, cid, applied_on, employer):
    db.execute("INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, status,"
               " created_at, updated_at) VALUES (?, 'advertised', ?, 'Lagermedarbejder', ?, 'sent', 'x', 'x')",
               [cid, employer, applied_on])


@pytest.fixture
def moved(db):
    """Emma Holm searched for jobs in weeks 47 and 48 (job-ready kontanthjælp, 2 a week), then
    went on sick leave from Tuesday 1 December 2026."""
    cid = citizen_id(db, "Emma Holm")
    db.execute("DELETE FROM joblog_entries WHERE citizen_id = ?", [cid])
    _add(db, cid, "2026-11-17", "Alfa Byg")
    _add(db, cid, "2026-11-18", "Beta Bager")
    _add(db, cid, "2026-11-24", "Gamma Kontor")
    db.execute("UPDATE citizens SET target_group = 'sygedagpenge', group_since = '2026-12-01' WHERE id = ?", [cid])
    return cid


def test_history_keeps_entries_after_a_move_to_a_group_without_a_duty(db, moved):
    citizen = dict(db.execute("SELECT * FROM citizens WHERE id = ?", [moved]).fetchone())
    periods = service.history(db, citizen, date(2026, 12, 9))
    assert [(s.period.start, s.period.end, s.registered, s.state) for s in periods] == [
        (date(2026, 11, 23), date(2026, 11, 29), 1, "no_requirement"),
        (date(2026, 11, 16), date(2026, 11, 22), 2, "no_requirement")]
    assert all(s.requirement is None and s.locked and s.remaining == 0 for s in periods)
    assert [e["employer"] for e in periods[1].entries] == ["Beta Bager", "Alfa Byg"]
    assert len(service.history(db, citizen, date(2026, 12, 9), limit=1)) == 1


def test_the_citizen_still_sees_the_entries_marked_no_requirement_now(client, db, moved):
    with time_machine.travel(AFTER_MOVE, tick=False):
        client.post("/sprog/en?next=/log-ind")
        login_citizen(client, db, "Emma Holm")
        response = client.get("/joblog")
    page = response.get_data(as_text=True)
    assert "You have no job-search requirement at the moment." in page
    assert "You have not registered any job search yet." not in page
    week48, week47 = page.index("Week 48,"), page.index("Week 47,")
    assert week48 < week47
    assert "Gamma Kontor" in page[week48:week47] and "Alfa Byg" in page[week47:]
    assert page.count("No requirement now") == 2
    assert "1 entry registered" in page and "2 entries registered" in page
    assert "Not met" not in page and "/ret\"" not in page  # not judged, not editable
    check_page(response.data, "en")


@pytest.mark.parametrize("locale", ["da", "en"])
def test_the_caseworker_sees_the_same_weeks(client, db, moved, locale):
    with time_machine.travel(AFTER_MOVE, tick=False):
        login_caseworker(client)
        client.post(f"/sprog/{locale}?next=/log-ind")
        joblog = client.get(f"/sagsbehandler/joblog/borger/{moved}")
        case = client.get(f"/sagsbehandler/borger/{moved}")
    assert joblog.status_code == 200 and case.status_code == 200
    check_page(joblog.data, locale)
    check_page(case.data, locale)
    if locale == "en":
        page = joblog.get_data(as_text=True)
        assert "The citizen has no job-search requirement under the rules that apply today." in page
        assert "Gamma Kontor" in page and "Alfa Byg" in page and page.count("No requirement now") == 2
        section = case.get_data(as_text=True)
        assert "Joblog by period" in section and section.count("No requirement now") == 2


def test_days_without_a_duty_come_in_calendar_weeks():
    spans = periods_and_gaps("sygedagpenge", date(2026, 12, 2), date(2026, 12, 15))
    assert [(p.start, p.end, p.kind, duty) for p, duty in spans] == [
        (date(2026, 11, 30), date(2026, 12, 6), "week", False),  # the whole week of the first day
        (date(2026, 12, 7), date(2026, 12, 13), "week", False),
        (date(2026, 12, 14), date(2026, 12, 20), "week", False)]
    weekly = periods_and_gaps("dagpenge", date(2026, 12, 2), date(2026, 12, 8))
    assert [(p.start, duty) for p, duty in weekly] == [(date(2026, 11, 30), True), (date(2026, 12, 7), True)]
