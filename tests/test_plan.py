"""Min Plan: what the citizen sees, generated from the rules, and the caseworker's requirement."""
import json
import re
from datetime import timedelta

import time_machine

from app import clock

from .conftest import citizen_id, group_of, login_caseworker, login_citizen, only_entry_today, rules_today


def _english(client):
    client.post("/sprog/en?next=/log-ind")


def _plan(client) -> str:
    response = client.get("/min-plan")
    assert response.status_code == 200, response.headers.get("Location")
    return response.get_data(as_text=True)


def test_dagpenge_plan_has_goal_activities_conversation_and_duties(client, db):
    _english(client)
    rules = rules_today(group_of(db, "Mette Jensen"))
    only_entry_today(db, "Mette Jensen")
    login_citizen(client, db, "Mette Jensen")
    page = _plan(client)
    assert "Lagermedarbejder" in page and "Chauffør" in page
    assert "Praktik hos Fjordby Lager" in page and "Planned" in page
    assert "Truckcertifikat B" in page and "Completed" in page
    assert "Next conversation" in page and "Video" in page and "Join the video conversation" in page
    assert "https://video.fjordby.example/m/" in page
    assert "Your job search" in page and f"1 of {rules.joblog.count}" in page
    assert ("Keep your CV up to date" in page) == bool(rules.cv_within_days)
    assert ("Be available for work" in page) == rules.availability
    assert ("Six weeks of job-oriented training" in page) == ("job_training_6_weeks" in rules.rights)
    by = {quota.held_by: quota.count for quota in rules.contact}
    assert f"{by['akasse']} with your a-kasse and {by['jobcenter']} with the municipality" in page
    assert "From your latest conversation" in page and "praktik hos Fjordby Lager" in page


def test_the_next_thing_to_do_stands_first(client, db):
    _english(client)
    # A conversation 20 hours from now: the demo puts Ali's on the next working day, which is
    # three days away on a Friday and further before a holiday.
    starts = clock.now().replace(second=0, microsecond=0) + timedelta(hours=20)
    db.execute("UPDATE conversations SET starts_at = ?, ends_at = ? WHERE citizen_id = ? AND status = 'booked'",
               [clock.to_db(starts), clock.to_db(starts + timedelta(minutes=45)), citizen_id(db, "Ali Hassan")])
    login_citizen(client, db, "Ali Hassan")
    page = _plan(client)
    now = page.index('id="now"')
    assert now < page.index('id="next-conversation"') < page.index('id="duties"')
    assert "You have a conversation" in page[now:now + 500]


def test_missing_job_search_is_the_next_thing_when_no_meeting_is_close(client, db):
    _english(client)
    rules = rules_today(group_of(db, "Jonas Madsen"))
    login_citizen(client, db, "Jonas Madsen")
    page = _plan(client)
    # How many more depends on the day: an earlier period stays open until its deadline.
    more = re.search(r"Register (\d+) more job applications? before", page)
    assert more and 1 <= int(more.group(1)) <= rules.joblog.count


def test_sick_listed_citizen_sees_follow_up_not_job_search(client, db):
    _english(client)
    login_citizen(client, db, "Hanne Larsen")
    page = _plan(client)
    assert "Your follow-up" in page and "first follow-up conversation must be held no later than" in page
    assert "Your job search" not in page
    assert "Fill in the information form" in page
    assert "A retention plan" in page
    digital = rules_today(group_of(db, "Hanne Larsen")).sick.digital_first_followup_for
    assert ("You can choose to have all your follow-up conversations by phone or video." if "all" in digital
            else "even your first follow-up can be by phone or video") in page


def test_group_without_joblog_duty_has_no_job_search_section(client, db):
    _english(client)
    login_citizen(client, db, "Karin Poulsen")
    page = _plan(client)
    assert "Your job search" not in page and "Register your job search" not in page


def test_empty_plan_says_what_happens_next(client, db):
    _english(client)
    rules = rules_today(group_of(db, "Emma Holm"))
    login_citizen(client, db, "Emma Holm")
    page = _plan(client)
    assert "What happens next" in page
    assert f"The municipality invites you to a first conversation within {rules.first_conversation_days} days." in page


def test_printable_version(client, db):
    login_citizen(client, db)
    response = client.get("/min-plan/udskriv")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "js-print" in page and "Lagermedarbejder" in page
    assert 'class="app-print"' in page


def test_duties_change_as_each_rule_set_takes_effect(client, db):
    _english(client)
    with time_machine.travel("2026-06-30 10:00 +0200", tick=False):
        login_citizen(client, db, "Mette Jensen")  # inside: a jump of months ends an idle session
        page = _plan(client)
        assert "3 with your a-kasse and 3 with the municipality" in page
        assert "per week" in page and "The rules that apply from 1 January 2024" in page
    with time_machine.travel("2026-07-01 10:00 +0200", tick=False):
        login_citizen(client, db, "Mette Jensen")
        page = _plan(client)
        assert "2 with your a-kasse and 2 with the municipality" in page
        assert "The rules that apply from 1 July 2026" in page
    with time_machine.travel("2027-01-04 10:00 +0100", tick=False):
        login_citizen(client, db, "Mette Jensen")
        page = _plan(client)
        assert "per month" in page and "6 job applications" in page
        assert "These rules are expected from 1 January 2027" in page


def test_sick_listed_unemployed_gets_digital_first_follow_up_only_from_2027(client, db):
    db.execute("UPDATE citizens SET employment_status = 'unemployed' WHERE name = 'Hanne Larsen'")
    _english(client)
    with time_machine.travel("2026-12-01 10:00 +0100", tick=False):
        login_citizen(client, db, "Hanne Larsen")
        assert "even your first follow-up can be by phone or video" in _plan(client)
    with time_machine.travel("2027-01-04 10:00 +0100", tick=False):
        login_citizen(client, db, "Hanne Larsen")
        page = _plan(client)
        assert "You can choose to have all your follow-up conversations by phone or video." in page
        assert "at least 1 conversation with the municipality" in page


def test_caseworker_changes_one_citizens_requirement_and_citizen_sees_it(app, db):
    caseworker = app.test_client()
    citizen = app.test_client()
    mette = citizen_id(db, "Mette Jensen")
    caseworker.post("/sprog/en")
    login_caseworker(caseworker)
    response = caseworker.post(f"/sagsbehandler/borger/{mette}/krav-til-jobsoegning",
                               data={"count": "4", "note": "Fire om ugen mens du venter på praktikken.",
                                     "from_current_period": "y"})
    assert response.status_code == 302
    assert "is saved" in caseworker.get(response.headers["Location"]).get_data(as_text=True)

    _english(citizen)
    only_entry_today(db, "Mette Jensen")
    login_citizen(citizen, db, "Mette Jensen")
    page = _plan(citizen)
    assert "1 of 4" in page and "Agreed with your caseworker." in page
    assert "Fire om ugen mens du venter på praktikken." in page

    entry = db.execute("SELECT actor_type, action, before, after, citizen_id FROM audit_log"
                       " WHERE action = 'set_joblog_requirement'").fetchone()
    assert entry["actor_type"] == "caseworker" and entry["citizen_id"] == mette
    assert entry["before"] is None and json.loads(entry["after"])["count_per_period"] == 4

    # Back to the rules' default.
    caseworker.post(f"/sagsbehandler/borger/{mette}/krav-til-jobsoegning",
                    data={"use_default": "y", "from_current_period": "y"})
    assert f"1 of {rules_today(group_of(db, 'Mette Jensen')).joblog.count}" in _plan(citizen)
    last = db.execute("SELECT before, after FROM audit_log WHERE action = 'set_joblog_requirement'"
                      " ORDER BY id DESC").fetchone()
    assert json.loads(last["before"])["count_per_period"] == 4
    assert json.loads(last["after"])["count_per_period"] is None


def test_requirement_form_errors_keep_what_was_typed(client, db):
    _english(client)
    login_caseworker(client)
    mette = citizen_id(db, "Mette Jensen")
    url = f"/sagsbehandler/borger/{mette}/krav-til-jobsoegning"
    for data, message in [({"count": "", "note": "keep me"}, "Enter the number of job applications per period"),
                          ({"count": "51", "note": "keep me"}, "Enter a whole number from 0 to 50"),
                          ({"count": "3", "note": "x" * 501}, "The note can be at most 500 characters")]:
        response = client.post(url, data=data)
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert "There is a problem" in page and message in page
        assert data["note"][:20] in page
    assert db.execute("SELECT COUNT(*) FROM joblog_requirements WHERE citizen_id = ?", [mette]).fetchone()[0] == 0


def test_a_new_requirement_applies_from_the_next_period_and_the_citizen_is_told(app, db):
    """Issue 10: a change to the joblog requirement applies from the next period unless the
    caseworker says otherwise, and the citizen is told through the outbox."""
    from app.joblog.periods import period_for
    from app.notify import collect
    caseworker, citizen = app.test_client(), app.test_client()
    mette = citizen_id(db, "Mette Jensen")
    _english(caseworker)
    login_caseworker(caseworker)
    rules = rules_today(group_of(db, "Mette Jensen"))
    count = rules.joblog.count + 2
    response = caseworker.post(f"/sagsbehandler/borger/{mette}/krav-til-jobsoegning", data={"count": str(count)})
    assert response.status_code == 302
    period = period_for(group_of(db, "Mette Jensen"), clock.today())
    after = json.loads(db.execute("SELECT after FROM audit_log WHERE action = 'set_joblog_requirement'").fetchone()[0])
    assert after["applies_from"] == (period.end + timedelta(days=1)).isoformat()
    _english(citizen)
    only_entry_today(db, "Mette Jensen")
    login_citizen(citizen, db, "Mette Jensen")
    assert f"1 of {rules.joblog.count}" in _plan(citizen)  # this period keeps the number it started with
    with time_machine.travel(clock.local_datetime(period.end + timedelta(days=1), 10, 0), tick=False):
        login_citizen(citizen, db, "Mette Jensen")
        assert f"of {count}" in _plan(citizen)
    collect.from_audit(app.config, db, clock.now())
    assert db.execute("SELECT COUNT(*) FROM notify_outbox WHERE citizen_id = ? AND kind = 'plan_updated'"
                      " AND channel = 'inapp'", [mette]).fetchone()[0] == 1
