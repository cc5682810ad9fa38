"""The information form: validation, save and resume, its deadline, the check page, an
idempotent submit with a receipt, and the facts it keeps in sync."""
import json
import re
from datetime import timedelta

from datetime import date

import pytest
import time_machine

from app import clock
from app.workdays import next_working_day
from app.rules import rules_for

from app.rules import CHOICE, format_policy, rules_for

from .conftest import citizen_id, login_citizen, rules_today

FORM = "/opfoelgning/oplysningsskema"


def _english(client):
    client.post("/sprog/en?next=/log-ind")


def _hanne(client, db):
    _english(client)
    login_citizen(client, db, "Hanne Larsen")


def first_followup_format_text(db, name: str, employment_status: str) -> str:
    """What /opfoelgning says about the first follow-up's format: by the rules on the date of the
    citizen's next booked follow-up (it may fall under the next rule set), today's if none."""
    upcoming = db.execute("SELECT starts_at FROM conversations WHERE citizen_id = ? AND status = 'booked'"
                          " AND kind LIKE 'followup%' ORDER BY starts_at LIMIT 1", [citizen_id(db, name)]).fetchone()
    rules = (rules_for("sygedagpenge", clock.local(clock.from_db(upcoming[0])).date()) if upcoming
             else rules_today("sygedagpenge"))
    if "all" in rules.sick.digital_first_followup_for:
        return "You choose whether your follow-up conversations, also the first"
    if format_policy(rules, "followup_first", employment_status).mode == CHOICE:
        return "Because you are sick-listed from a job, you can choose to have your first follow-up by phone or video."
    return "Your first follow-up conversation is in person."


def key_in(html: str) -> str:
    return re.search(r'name="submission_key" type="hidden" value="([^"]+)"', html).group(1)


def error_messages(html: str) -> list[str]:
    return re.findall(r'class="form-error-message" id="[^"]+"><span class="sr-only">[^<]*</span>([^<]+)</span>', html)


def _answers(db, name="Hanne Larsen") -> dict:
    row = db.execute("SELECT f.answers FROM sick_info_forms f JOIN citizens c ON c.id = f.citizen_id"
                     " WHERE c.name = ?", [name]).fetchone()
    return json.loads(row[0])


def fill_all(client, *, employment="employed", partial=("no", ""), within="no", employer_within=None, retention="none"):
    steps = [
        ("arbejde", {"employment_status": employment}),
        ("fravaer", {"first_sick_day": (clock.today() - timedelta(weeks=5)).isoformat()}),
        ("delvis", {"partial": partial[0], "partial_hours": partial[1]}),
        ("varighed", {"expected_duration": "4_to_8_weeks", "expected_return_on": ""}),
    ]
    if employment == "employed":
        steps.append(("arbejdsgiver", {"employer_knows": "knows_sick", "return_within": within,
                                       "employer_return_within": employer_within or within}))
    steps.append(("hjaelp", {"wants_help": "yes", "note": "Ryggen driller", **(
        {"retention_plan": retention} if employment == "employed" else {})}))
    for slug, data in steps:
        response = client.post(f"{FORM}/{slug}", data={**data, "submit": "1"})
        assert response.status_code == 302, (slug, error_messages(response.get_data(as_text=True)))
    return response


def test_each_page_validates_and_keeps_what_was_typed(client, db):
    _hanne(client, db)
    page = client.post(f"{FORM}/arbejde", data={"submit": "1"})
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and "There is a problem" in html
    assert "Choose what you were doing when you became ill" in error_messages(html)
    assert 'href="#employment_status-0"' in html  # the summary links to the first radio

    future = (clock.today() + timedelta(days=3)).isoformat()
    page = client.post(f"{FORM}/fravaer", data={"first_sick_day": future, "submit": "1"})
    assert page.status_code == 400 and "The date cannot be in the future" in error_messages(page.get_data(as_text=True))
    assert f'value="{future}"' in page.get_data(as_text=True)
    page = client.post(f"{FORM}/fravaer", data={"first_sick_day": "31-02-2026", "submit": "1"})
    assert "Enter a real date" in error_messages(page.get_data(as_text=True))
    assert 'value="31-02-2026"' in page.get_data(as_text=True)

    page = client.post(f"{FORM}/delvis", data={"partial": "yes", "partial_hours": "", "submit": "1"})
    assert page.status_code == 400
    assert error_messages(page.get_data(as_text=True)) == ["Enter how many hours a week you work now"]
    page = client.post(f"{FORM}/delvis", data={"partial": "yes", "partial_hours": "many", "submit": "1"})
    assert "Enter the hours as a whole number, for example 15" in error_messages(page.get_data(as_text=True))
    page = client.post(f"{FORM}/delvis", data={"partial": "yes", "partial_hours": "80", "submit": "1"})
    assert "Enter a number of hours from 1 to 60" in error_messages(page.get_data(as_text=True))
    assert _answers(db) == {}  # nothing invalid was saved


def test_saved_after_every_page_and_resumed_later(app, db):
    client = app.test_client()
    _hanne(client, db)
    assert client.post(f"{FORM}/arbejde", data={"employment_status": "employed", "submit": "1"}).headers[
        "Location"].endswith(f"{FORM}/fravaer")
    day = (clock.today() - timedelta(weeks=5)).isoformat()
    response = client.post(f"{FORM}/fravaer", data={"first_sick_day": day, "save_later": "1"})
    assert response.headers["Location"].endswith("/opfoelgning")
    assert "Your answers are saved" in client.get("/opfoelgning").get_data(as_text=True)
    assert _answers(db) == {"employment_status": "employed", "first_sick_day": day}
    saved = db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'info_form_saved'").fetchone()[0]
    assert saved == 2

    # A new session, later: the form starts where the citizen left off, answers filled in.
    again = app.test_client()
    _hanne(again, db)
    index = again.get("/opfoelgning").get_data(as_text=True)
    assert "Continue the form" in index
    start = again.get(FORM).get_data(as_text=True)
    assert f'href="{FORM}/delvis"' in start
    first = again.get(f"{FORM}/fravaer").get_data(as_text=True)
    assert f'value="{day}"' in first
    work = again.get(f"{FORM}/arbejde").get_data(as_text=True)
    assert re.search(r'value="employed" checked', work)


def test_save_and_continue_later_on_a_half_filled_page_keeps_what_is_valid(client, db):
    _hanne(client, db)
    client.post(f"{FORM}/arbejde", data={"employment_status": "employed", "submit": "1"})
    # Partial work "yes", but the hours not filled in yet: save what is there and leave.
    response = client.post(f"{FORM}/delvis", data={"partial": "yes", "partial_hours": "", "save_later": "1"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/opfoelgning")
    assert "The answers that were filled in correctly are saved." in client.get("/opfoelgning").get_data(as_text=True)
    assert _answers(db) == {"employment_status": "employed", "partial": "yes"}
    # Nothing valid on the page (a date that does not exist): nothing changes, and still no 400.
    response = client.post(f"{FORM}/fravaer", data={"first_sick_day": "31-02-2026", "save_later": "1"})
    assert response.status_code == 302
    assert "first_sick_day" not in _answers(db)
    # Coming back, the page asks for the missing hours; "Continue" still checks everything.
    assert client.post(f"{FORM}/delvis", data={"partial": "yes", "partial_hours": "", "submit": "1"}).status_code == 400


def test_the_first_day_of_absence_is_at_most_a_year_back(client, db):
    _hanne(client, db)
    too_old = (clock.today() - timedelta(days=366)).isoformat()
    page = client.post(f"{FORM}/fravaer", data={"first_sick_day": too_old, "submit": "1"})
    assert page.status_code == 400
    assert error_messages(page.get_data(as_text=True)) == [
        "Enter a date within the last year. If you have been ill for longer, tell your caseworker."]
    assert "first_sick_day" not in _answers(db)
    year = (clock.today() - timedelta(days=365)).isoformat()
    assert client.post(f"{FORM}/fravaer", data={"first_sick_day": year, "submit": "1"}).status_code == 302
    assert _answers(db)["first_sick_day"] == year


def test_deadline_shown_plainly_and_the_step_indicator(client, db):
    _hanne(client, db)
    sent = db.execute("SELECT f.sent_at FROM sick_info_forms f JOIN citizens c ON c.id = f.citizen_id"
                      " WHERE c.name = 'Hanne Larsen'").fetchone()[0]
    assert clock.local(clock.from_db(sent)).date() == clock.today() - timedelta(days=2)
    index = client.get("/opfoelgning").get_data(as_text=True)
    assert "Fill in the information form by" in index and "You have 8 days from when we sent it." in index
    plan = client.get("/min-plan").get_data(as_text=True)
    assert "Fill in the information form by" in plan[plan.index('id="now"'):plan.index('id="now"') + 400]
    page = client.get(f"{FORM}/arbejde").get_data(as_text=True)
    # The page about the employer counts until the first answer, so the count never grows on the
    # way ("Step 1 of 6" then "Step 2 of 7"); an answer can only take a page away.
    assert "Step 1 of 7: Work" in page and 'aria-current="step"' in page
    client.post(f"{FORM}/arbejde", data={"employment_status": "employed", "submit": "1"})
    page = client.get(f"{FORM}/fravaer").get_data(as_text=True)
    assert "Step 2 of 7: First day" in page
    client.post(f"{FORM}/arbejde", data={"employment_status": "unemployed", "submit": "1"})
    page = client.get(f"{FORM}/fravaer").get_data(as_text=True)
    assert "Step 2 of 6: First day" in page  # no employer: that page is gone


@pytest.mark.parametrize("moment", ["2026-06-12 10:00 +0200", "2026-11-13 10:00 +0100"])
def test_a_late_form_under_the_law_in_force_may_stop_the_benefit_said_calmly(client, db, moment):
    """Sygedagpengeloven § 11, stk. 3 and 003 [L3031-3057]: before 2027 a form not sent back in
    time stops sickness benefit from the deadline until it arrives; no new deadline (that is rec.
    3.4, expected 2027). The page says so without threat, with the date and whom to call."""
    day = moment[:10]
    sent = (date.fromisoformat(day) - timedelta(days=11)).isoformat()
    db.execute("UPDATE sick_info_forms SET sent_at = ?", [sent + "T08:00:00Z"])
    with time_machine.travel(moment, tick=False):
        rules = rules_for("sygedagpenge", clock.today())
        assert not rules.sick.late_form_gets_new_deadline
        _hanne(client, db)
        page = client.get("/opfoelgning").get_data(as_text=True)
        original = next_working_day(date.fromisoformat(sent) + timedelta(days=rules.sick.info_form_days))
        assert "We have not received your information form yet" in page
        assert f"The deadline was {original.strftime('%A')} {original.day} {original.strftime('%B %Y')}." in page
        assert "Your sickness benefit may stop from that day until we receive the form." in page
        assert "call Jobcenter Fjordby on 70 10 20 30" in page
        assert "new deadline" not in page and "Fill it in when you can" not in page
        plan = client.get("/min-plan").get_data(as_text=True)
        now = plan.index('id="now"')
        assert "The deadline for the information form was" in plan[now:now + 600]
        assert "may stop from that day until we receive the form" in plan[now:now + 900]


def test_check_answers_submit_once_and_receipt(client, db):
    _hanne(client, db)
    fill_all(client, partial=("yes", "15"), within="yes", employer_within="yes", retention="employer")
    check = client.get(f"{FORM}/tjek")
    html = check.get_data(as_text=True)
    assert "Check your answers" in html and "15 hours a week" in html and "Yes, my employer has asked for one" in html
    assert f'href="{FORM}/delvis?til=tjek"' in html
    # Change one answer from the check page and come back to it.
    response = client.post(f"{FORM}/varighed?til=tjek", data={"expected_duration": "2_to_6_months", "submit": "1"})
    assert response.headers["Location"].endswith(f"{FORM}/tjek")
    html = client.get(f"{FORM}/tjek").get_data(as_text=True)
    assert "2 to 6 months" in html
    key = key_in(html)
    with time_machine.travel(clock.now(), tick=False):
        first = client.post(f"{FORM}/tjek", data={"submission_key": key, "submit": "1"})
        second = client.post(f"{FORM}/tjek", data={"submission_key": key, "submit": "1"})
        registered = clock.now()
    assert first.headers["Location"].endswith(f"{FORM}/kvittering") == second.headers["Location"].endswith(f"{FORM}/kvittering")
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'info_form_submitted'").fetchone()[0] == 1
    receipt = client.get(f"{FORM}/kvittering").get_data(as_text=True)
    assert "We have received your information form" in receipt
    local = clock.local(registered)
    assert f"Registered {local.strftime('%A')} {local.day} {local.strftime('%B %Y')}, {local.strftime('%H:%M')}" in receipt
    # A third submit from another tab (new key) changes nothing either.
    client.post(f"{FORM}/tjek", data={"submission_key": "another-key-1234567890", "submit": "1"})
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'info_form_submitted'").fetchone()[0] == 1
    # The form is closed: its pages lead to the receipt.
    assert client.get(f"{FORM}/arbejde").headers["Location"].endswith(f"{FORM}/kvittering")

    hanne = db.execute("SELECT employment_status, expected_return_within_26_weeks FROM citizens WHERE name = 'Hanne Larsen'").fetchone()
    assert tuple(hanne) == ("employed", 1)
    case = db.execute("SELECT partial, partial_hours, expected_duration, retention_plan_requested_by,"
                      " retention_plan_status, return_within, employer_return_within FROM sick_cases s"
                      " JOIN citizens c ON c.id = s.citizen_id WHERE c.name = 'Hanne Larsen'").fetchone()
    assert tuple(case) == (1, 15, "2_to_6_months", "employer", "requested", "yes", "yes")
    # From 1 July 2026: back within 26 weeks with the employer means no required follow-ups.
    page = client.get("/opfoelgning").get_data(as_text=True)
    assert "you have no required follow-up conversations" in page and "You can always ask for one." in page
    assert "You sent the information form" in page


def test_unemployed_skip_the_employer_questions_and_the_status_is_kept_in_sync(client, db):
    _hanne(client, db)
    client.post(f"{FORM}/arbejde", data={"employment_status": "employed", "submit": "1"})
    client.post(f"{FORM}/arbejdsgiver", data={"employer_knows": "not_told", "return_within": "yes", "submit": "1"})
    fill_all(client, employment="unemployed")
    answers = _answers(db)
    assert "employer_knows" not in answers and "return_within" not in answers and "retention_plan" not in answers
    assert client.get(f"{FORM}/arbejdsgiver").headers["Location"].endswith(FORM)
    html = client.get(f"{FORM}/tjek").get_data(as_text=True)
    assert "What does your employer know" not in html and "retention plan" not in html
    client.post(f"{FORM}/tjek", data={"submission_key": key_in(html), "submit": "1"})
    row = db.execute("SELECT employment_status, expected_return_within_26_weeks FROM citizens WHERE name = 'Hanne Larsen'").fetchone()
    assert tuple(row) == ("unemployed", 0)
    # The format rules follow the new employment status.
    assert first_followup_format_text(db, "Hanne Larsen", "unemployed") in client.get("/opfoelgning").get_data(as_text=True)


def test_a_form_not_sent_yet_and_the_caseworker_sends_it(app, db):
    db.execute("DELETE FROM sick_info_forms WHERE citizen_id = ?", [citizen_id(db, "Hanne Larsen")])
    citizen = app.test_client()
    _hanne(citizen, db)
    assert "The municipality sends you an information form" in citizen.get("/opfoelgning").get_data(as_text=True)
    assert citizen.get(FORM).headers["Location"].endswith("/opfoelgning")
    worker = app.test_client()
    worker.post("/log-ind/medarbejder", data={"email": "henrik@fjordby.example", "password": "minplan-demo"})
    hanne = citizen_id(db, "Hanne Larsen")
    for _ in range(2):
        response = worker.post(f"/sagsbehandler/opfoelgning/borger/{hanne}/send-skema",
                               data={"submission_key": "send-form-key-0123456789", "submit": "1"})
        assert response.status_code == 302
    assert db.execute("SELECT COUNT(*) FROM sick_info_forms WHERE citizen_id = ?", [hanne]).fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'info_form_sent'").fetchone()[0] == 1
    assert "Fill in the information form by" in citizen.get("/opfoelgning").get_data(as_text=True)


def test_self_employed_and_unemployed_see_every_page_and_send_the_form(app, db):
    """The help page leaves out the retention plan for someone without an employer; the page
    still renders (on a GET, before the work step is answered, and after a failed POST)."""
    for employment in ("self_employed", "unemployed"):
        db.execute("UPDATE sick_info_forms SET answers = '{}', submitted_at = NULL WHERE citizen_id = ?",
                   [citizen_id(db, "Hanne Larsen")])
        client = app.test_client()
        _hanne(client, db)
        assert client.get(f"{FORM}/hjaelp").status_code == 200  # the work step is not answered yet
        client.post(f"{FORM}/arbejde", data={"employment_status": employment, "submit": "1"})
        page = client.get(f"{FORM}/hjaelp")
        html = page.get_data(as_text=True)
        assert page.status_code == 200 and 'name="wants_help"' in html and 'name="retention_plan"' not in html
        failed = client.post(f"{FORM}/hjaelp", data={"note": "x", "submit": "1"})
        assert failed.status_code == 400
        assert error_messages(failed.get_data(as_text=True)) == ["Choose whether you would like help to return to work"]
        fill_all(client, employment=employment)
        html = client.get(f"{FORM}/tjek").get_data(as_text=True)
        response = client.post(f"{FORM}/tjek", data={"submission_key": key_in(html), "submit": "1"})
        assert response.status_code == 302 and response.headers["Location"].endswith(f"{FORM}/kvittering")
        assert client.get(f"{FORM}/kvittering").status_code == 200
        row = db.execute("SELECT employment_status FROM citizens WHERE name = 'Hanne Larsen'").fetchone()
        assert row[0] == employment
