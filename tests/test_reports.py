"""The citizen's own reports (issue 11): sick from a date, fit again, holiday. Who may report
what and how far ahead comes from the rules of the test's day (Rules.reports, sources in
app/rules/sets.py: holiday_14_days, holiday_kontanthjaelp, sick_no_backdating)."""
from datetime import date, timedelta

import pytest

from app import clock
from app.idempotency import new_key

from .conftest import citizen_id, login_caseworker, login_citizen, rules_today
from .invariants import check_page

DAGPENGE = "Mette Jensen"
KONTANTHJAELP = "Ali Hassan"
SICK_LISTED = "Hanne Larsen"


def _d(days: int) -> str:
    return (clock.today() + timedelta(days=days)).isoformat()


def _holiday(client, start, end, key=None):
    return client.post("/min-plan/meld/ferie", data={"from_date": start, "to_date": end,
                                                     "submission_key": key or new_key()})


def _sick(client, start, key=None):
    return client.post("/min-plan/meld/syg", data={"from_date": start, "submission_key": key or new_key()})


def _fit(client, day, key=None):
    return client.post("/min-plan/meld/rask", data={"fit_on": day, "submission_key": key or new_key()})


def _reports(db, name):
    return [dict(r) for r in db.execute("SELECT * FROM absence_reports WHERE citizen_id = ? ORDER BY id",
                                        [citizen_id(db, name)]).fetchall()]


def test_dagpenge_holiday_at_the_notice_ends_on_a_receipt_with_the_time(client, db):
    """holiday_14_days: reported at least 14 days before, a dagpenge holiday is registered at once."""
    notice = rules_today("dagpenge").reports.holiday_notice_days
    login_citizen(client, db, DAGPENGE)
    response = _holiday(client, _d(notice), _d(notice + 6))
    assert response.status_code == 302 and "/kvittering" in response.headers["Location"]
    page = client.get(response.headers["Location"])
    soup = check_page(page.data, "da")
    text = soup.get_text(" ")
    assert "Registreret" in text and str(clock.today().year) in text  # the receipt, with the time
    assert [r["status"] for r in _reports(db, DAGPENGE)] == ["registered"]
    audit = db.execute("SELECT action FROM audit_log WHERE entity = 'absence_report'").fetchall()
    assert [a[0] for a in audit] == ["report_holiday"]


def test_dagpenge_holiday_too_late_is_refused_with_the_earliest_day(client, db):
    notice = rules_today("dagpenge").reports.holiday_notice_days
    login_citizen(client, db, DAGPENGE)
    response = _holiday(client, _d(notice - 1), _d(notice + 3))
    assert response.status_code == 400
    text = check_page(response.data, "da").get_text(" ")
    assert str(notice) in text and "tidligst" in text
    assert _reports(db, DAGPENGE) == []


@pytest.mark.parametrize("start, end, field", [
    (5 + 20, 20, "to_date"),            # end before start
    (3650, 3655, "from_date"),          # 10 years ahead
    (30, 30 + 200, "to_date"),          # longer than one report may be
])
def test_invalid_holiday_periods_are_refused(client, db, start, end, field):
    login_citizen(client, db, DAGPENGE)
    response = _holiday(client, _d(start), _d(end))
    assert response.status_code == 400
    soup = check_page(response.data, "da")
    assert soup.select(".form-error-message, .form-error"), "the error is shown at the field"
    assert _reports(db, DAGPENGE) == []


def test_overlapping_reports_are_refused(client, db):
    notice = rules_today("dagpenge").reports.holiday_notice_days
    login_citizen(client, db, DAGPENGE)
    assert _holiday(client, _d(notice + 1), _d(notice + 10)).status_code == 302
    response = _holiday(client, _d(notice + 5), _d(notice + 12))
    assert response.status_code == 400
    assert "overlappe" in response.get_data(as_text=True)
    # A sick report starting inside the holiday overlaps too; one from today does not.
    assert _sick(client, _d(notice + 2)).status_code == 400
    assert _sick(client, _d(0)).status_code == 302
    # Already sick: a second sick report is refused.
    assert _sick(client, _d(1)).status_code == 400
    assert len(_reports(db, DAGPENGE)) == 2


def test_a_repeated_submit_registers_once(client, db):
    login_citizen(client, db, DAGPENGE)
    key = new_key()
    first = _sick(client, _d(0), key)
    second = _sick(client, _d(0), key)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(_reports(db, DAGPENGE)) == 1


def test_sick_cannot_be_reported_back_in_time_and_fit_must_follow_it(client, db):
    """sick_no_backdating: a sick report cannot be made back in time."""
    back = rules_today("dagpenge").reports.sick_back_days
    login_citizen(client, db, DAGPENGE)
    assert _sick(client, _d(-back - 1)).status_code == 400
    assert _fit(client, _d(0)).status_code == 400          # not sick: nothing to report fit from
    assert _sick(client, _d(0)).status_code == 302
    assert _fit(client, _d(0)).status_code == 400          # the same day as the first day of illness
    assert _fit(client, _d(1)).status_code == 400          # ahead of time


@pytest.mark.instant("2026-11-17 09:40", "sick last Tuesday is not possible; sick today, fit in two days")
def test_sick_then_fit_closes_the_period_with_its_own_receipt(client, db):
    login_citizen(client, db, DAGPENGE)
    assert _sick(client, _d(0)).status_code == 302
    import time_machine
    with time_machine.travel("2026-11-19 08:00 +0100", tick=False):
        login_citizen(client, db, DAGPENGE)  # the session of two days ago has run out
        response = _fit(client, "2026-11-19")
        assert response.status_code == 302
        page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "rask" in page.lower()
    [report] = _reports(db, DAGPENGE)
    assert report["to_date"] == "2026-11-18" and report["fit_reported_at"]


def test_kontanthjaelp_holiday_is_a_request_the_caseworker_answers(client, db):
    """holiday_kontanthjaelp: a holiday is agreed with the municipality first."""
    assert rules_today("kontanthjaelp_jobparat").reports.holiday == "agree"
    login_citizen(client, db, KONTANTHJAELP)
    response = _holiday(client, _d(3), _d(9))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "aftalt" in page or "aftale" in page
    [report] = _reports(db, KONTANTHJAELP)
    assert report["status"] == "requested"

    worker = client.application.test_client()
    login_caseworker(worker)
    today = worker.get("/sagsbehandler/").get_data(as_text=True)
    assert "Ali Hassan" in today and f"/sagsbehandler/fravaer/{report['id']}" in today
    case = worker.get(f"/sagsbehandler/borger/{citizen_id(db, KONTANTHJAELP)}").get_data(as_text=True)
    assert f"/sagsbehandler/fravaer/{report['id']}" in case
    answer = worker.post(f"/sagsbehandler/fravaer/{report['id']}", data={
        "decision": "agreed", "note": "God ferie", "submission_key": new_key()})
    assert answer.status_code == 302
    assert _reports(db, KONTANTHJAELP)[0]["status"] == "agreed"
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'decide_holiday'").fetchone()[0] == 1


def test_a_conversation_in_the_period_is_flagged_and_the_citizen_told(client, db):
    cid = citizen_id(db, DAGPENGE)
    row = db.execute("SELECT id, starts_at FROM conversations WHERE citizen_id = ? AND status = 'booked'"
                     " AND starts_at > ? ORDER BY starts_at LIMIT 1", [cid, clock.to_db(clock.now())]).fetchone()
    assert row is not None, "the demo data gives Mette a booked conversation"
    login_citizen(client, db, DAGPENGE)
    response = _sick(client, _d(0))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"/samtaler/{row['id']}/afbud" in page  # told to cancel it, giving illness as the reason
    # report_sick: a dagpenge recipient is told to report sick on Jobnet too (the a-kasse learns it there).
    assert ('id="sick-also"' in page) == (rules_today("dagpenge").sick_report == "jobnet_first_day")
    worker = client.application.test_client()
    login_caseworker(worker)
    today = worker.get("/sagsbehandler/").get_data(as_text=True)
    assert "reports-today-panel" in today and "badge-warning" in today.split("reports-today-panel")[1]


def test_a_joblog_period_wholly_inside_a_sick_period_requires_nothing(client, db):
    from app.joblog import service as joblog_service
    from app.auth.queries import citizen_by_id
    cid = citizen_id(db, DAGPENGE)
    citizen = dict(citizen_by_id(db, cid))
    status = joblog_service.status_for(db, citizen)
    assert status.state == "open"
    # A sick report from the period's first day (inserted: the rules forbid reporting back in time).
    db.execute("INSERT INTO absence_reports (citizen_id, municipality_id, kind, from_date, to_date, status, rule_set,"
               " registered_at) VALUES (?, ?, 'sick', ?, NULL, 'registered', 'x', ?)",
               [cid, citizen["municipality_id"], status.period.start.isoformat(), clock.to_db(clock.now())])
    assert "sick" in rules_today("dagpenge").reports.joblog_paused_by
    assert joblog_service.status_for(db, citizen).state == "paused"
    # Reported fit inside the period: it is no longer wholly inside, so the requirement is back.
    db.execute("UPDATE absence_reports SET to_date = ? WHERE citizen_id = ?",
               [(status.period.end - timedelta(days=1)).isoformat(), cid])
    assert joblog_service.status_for(db, citizen).state == "open"


def test_who_reaches_the_report_routes(client, db):
    routes = ["/min-plan/meld", "/min-plan/meld/syg", "/min-plan/meld/rask", "/min-plan/meld/ferie"]
    for route in routes:
        assert client.get(route).status_code == 302  # to the login page
    login_citizen(client, db, SICK_LISTED)          # no reports for the sick-listed: their follow-up
    for route in routes:
        assert client.get(route).status_code == 404
    login_citizen(client, db, DAGPENGE)
    for route in routes:
        response = client.get(route)
        assert response.status_code == 200
        check_page(response.data, "da")
    _sick(client, _d(0))
    [mine] = _reports(db, DAGPENGE)
    assert client.get(f"/sagsbehandler/fravaer/{mine['id']}").status_code == 403
    other = client.application.test_client()
    login_citizen(other, db, KONTANTHJAELP)
    assert other.get(f"/min-plan/meld/{mine['id']}/kvittering").status_code == 404
    worker = client.application.test_client()
    login_caseworker(worker)
    assert worker.get("/min-plan/meld").status_code == 403
    assert worker.get(f"/sagsbehandler/fravaer/{mine['id']}").status_code == 200
    elsewhere = client.application.test_client()
    login_caseworker(elsewhere, "lise@skovlund.example")
    assert elsewhere.get(f"/sagsbehandler/fravaer/{mine['id']}").status_code == 404
    assert elsewhere.post(f"/sagsbehandler/fravaer/{mine['id']}", data={"decision": "agreed",
                                                                        "submission_key": new_key()}).status_code == 404


def test_min_plan_links_to_the_reports(client, db):
    login_citizen(client, db, DAGPENGE)
    assert 'href="/min-plan/meld"' in client.get("/min-plan").get_data(as_text=True)
    login_citizen(client, db, SICK_LISTED)
    assert 'href="/min-plan/meld"' not in client.get("/min-plan").get_data(as_text=True)


def test_a_holiday_to_agree_cannot_start_in_the_past_and_pauses_nothing_until_agreed(client, db):
    """holiday_kontanthjaelp: until the municipality agrees, the citizen is available as usual."""
    from app.auth.queries import citizen_by_id
    from app.reports import service
    login_citizen(client, db, KONTANTHJAELP)
    assert _holiday(client, _d(-1), _d(3)).status_code == 400
    assert _holiday(client, _d(0), _d(20)).status_code == 302
    citizen = dict(citizen_by_id(db, citizen_id(db, KONTANTHJAELP)))
    start, end = clock.today() + timedelta(days=1), clock.today() + timedelta(days=7)
    assert service.joblog_paused(db, citizen, start, end) is False           # requested
    db.execute("UPDATE absence_reports SET status = 'agreed' WHERE citizen_id = ?", [citizen["id"]])
    assert service.joblog_paused(db, citizen, start, end) is True            # agreed
    db.execute("UPDATE absence_reports SET status = 'not_agreed' WHERE citizen_id = ?", [citizen["id"]])
    assert service.joblog_paused(db, citizen, start, end) is False


def test_the_report_pages_in_english(client, db):
    login_citizen(client, db, DAGPENGE)
    client.post("/sprog/en?next=/min-plan")
    for route, heading in (("/min-plan/meld", "Report sick or holiday"), ("/min-plan/meld/syg", "Report sick"),
                           ("/min-plan/meld/ferie", "Report holiday")):
        soup = check_page(client.get(route).data, "en")
        assert soup.find("h1").get_text(strip=True) == heading
    worker = client.application.test_client()
    login_caseworker(worker)
    _sick(client, _d(0))
    worker.post("/sprog/en?next=/sagsbehandler/")
    soup = check_page(worker.get("/sagsbehandler/").data, "en")
    assert "Sick and holiday reports" in soup.select_one("#reports-today-panel").get_text(" ")
