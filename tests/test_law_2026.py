"""Issue 11, rules to correct: the groups of today, groups closed to new citizens, the exemption
from conversations and offers, the six weeks' training, "kommunen" and the municipality's own
name, and consequences told before they bite. Each test names its source (app/rules/sets.py
SOURCES) and runs at a date in each rule set where the rule applies."""
import json
import re
from datetime import date, timedelta

import pytest
import time_machine

from app import clock
from app.caseworker import service as caseworker_service
from app.rules import GROUPS, rules_for

from .conftest import citizen_id, csrf_token_from, login_caseworker, login_citizen
from .test_conversations_support import citizen, english, invite, text

BEFORE = "2026-06-30 10:00 +0200"
JULY_2026 = "2026-11-17 10:00 +0100"
JAN_2027 = "2027-01-05 10:00 +0100"


# ------------------------------------------------------------------ 1. the groups of today
def test_jonas_is_on_kontanthjaelp_as_education_ready(client, db):
    """Law no. 1655 of 2024 (law_1655): since 1 July 2025 an under-30 without a qualification gets
    kontanthjælp as uddannelsesparat; the demo citizen is in that group."""
    english(client)
    login_caseworker(client)
    jonas = citizen_id(db, "Jonas Madsen")
    assert db.execute("SELECT target_group FROM citizens WHERE id = ?", [jonas]).fetchone()[0] == \
        "kontanthjaelp_uddannelsesparat"
    page = text(client.get(f"/sagsbehandler/borger/{jonas}"))
    assert "Social assistance, education-ready (kontanthjælp, uddannelsesparat)" in page


@pytest.mark.parametrize("moment", [BEFORE, JULY_2026, JAN_2027])
def test_an_old_record_with_uddannelseshjaelp_still_renders_as_the_former_benefit(app, db, moment):
    """law_1655: the old group is kept readable; it is labelled as the former benefit."""
    db.execute("UPDATE citizens SET target_group = 'uddannelseshjaelp' WHERE name = 'Jonas Madsen'")
    jonas = citizen_id(db, "Jonas Madsen")
    with time_machine.travel(moment, tick=False):
        worker = app.test_client()
        login_caseworker(worker)
        danish = worker.get(f"/sagsbehandler/borger/{jonas}")
        assert danish.status_code == 200 and "Tidligere uddannelseshjælp (til og med 30. juni 2025)" in text(danish)
        english(worker)
        assert "Former education assistance (uddannelseshjælp, until 30 June 2025)" in text(
            worker.get(f"/sagsbehandler/borger/{jonas}"))
        person = app.test_client()
        login_citizen(person, db, "Jonas Madsen")
        assert person.get("/min-plan").status_code == 200


@pytest.mark.parametrize("moment,says", [
    (BEFORE, "The first one starts within 30 days."),
    (JULY_2026, "In your first 6 months the municipality will as a rule give you an offer"),
    (JAN_2027, "In your first 6 months the municipality will as a rule give you an offer"),
])
def test_the_offer_duty_says_what_the_law_of_the_day_says(app, db, moment, says):
    """law_1750: the continuous right and duty to offers (first within 30 days) is replaced from
    1 July 2026 by an offer within the first 6 months, which the municipality may waive."""
    with time_machine.travel(moment, tick=False):
        client = app.test_client()
        english(client)
        login_citizen(client, db, "Jonas Madsen")
        duties = text(client.get("/min-plan"))
        assert says in duties
        if moment != BEFORE:
            assert "within 30 days" not in duties and "may decide that you do not need one" in duties


# ------------------------------------------------------------------ 2. closed to new citizens
@pytest.mark.parametrize("moment", [BEFORE, JULY_2026, JAN_2027])
def test_nobody_new_is_placed_in_ressourceforloeb_or_revalidering(app, db, moment):
    """law_1750: ressourceforløb and revalidering are closed to new citizens (from 1 February
    2026); those already in them continue. The one service function that sets a group enforces it."""
    with app.app_context(), time_machine.travel(moment, tick=False):
        worker = db.execute("SELECT id FROM caseworkers WHERE email = 'anne@fjordby.example'").fetchone()[0]
        mette = citizen(db, "Mette Jensen")
        for closed in ("ressourceforloeb", "revalidering", "uddannelseshjaelp"):
            with pytest.raises(caseworker_service.CaseworkerError):
                caseworker_service.change_group(db, caseworker_id=worker, citizen=mette, group=closed)
        assert citizen(db, "Mette Jensen")["target_group"] == "dagpenge"
        # Karin is already in ressourceforløb: she continues (no change, no refusal).
        karin = citizen(db, "Karin Poulsen")
        caseworker_service.change_group(db, caseworker_id=worker, citizen=karin, group="ressourceforloeb")
        # An open group: the change is made, starts a new contact course and is audited.
        caseworker_service.change_group(db, caseworker_id=worker, citizen=mette, group="kontanthjaelp_jobparat")
        after = citizen(db, "Mette Jensen")
        assert after["target_group"] == "kontanthjaelp_jobparat" and after["group_since"] == clock.today().isoformat()
        entry = db.execute("SELECT before, after FROM audit_log WHERE action = 'target_group_changed'").fetchone()
        assert json.loads(entry["before"])["target_group"] == "dagpenge"
        assert json.loads(entry["after"])["target_group"] == "kontanthjaelp_jobparat"
        assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'target_group_changed'").fetchone()[0] == 1


def test_before_the_law_took_effect_ressourceforloeb_was_still_open(app, db):
    with app.app_context(), time_machine.travel("2026-01-30 10:00 +0100", tick=False):
        worker = db.execute("SELECT id FROM caseworkers WHERE email = 'anne@fjordby.example'").fetchone()[0]
        caseworker_service.change_group(db, caseworker_id=worker, citizen=citizen(db, "Sofie Nielsen"),
                                        group="ressourceforloeb")
        assert citizen(db, "Sofie Nielsen")["target_group"] == "ressourceforloeb"


# ------------------------------------------------------------------ 3. exemption from conversations and offers
def _csrf_db(app):
    from app.db import connect
    return connect(app.config["DATABASE"])


def _worker(app):
    client = app.test_client()
    token = csrf_token_from(client.get("/log-ind/medarbejder").data)
    client.post("/log-ind/medarbejder", data={"email": "anne@fjordby.example", "password": "minplan-demo",
                                              "csrf_token": token})
    english(client)
    return client


@pytest.mark.parametrize("moment", [JULY_2026, JAN_2027])
def test_the_caseworker_exempts_a_citizen_and_the_citizen_reads_it_plainly(csrf_app, moment):
    """law_1750, star_webinar_2026: from 1 July 2026 up to one in four may be exempted from
    conversations and offers. The case page has a small form (POST with CSRF, audited); Min Plan
    then says so plainly."""
    db = _csrf_db(csrf_app)
    mette = citizen(db, "Mette Jensen")
    with time_machine.travel(moment, tick=False):
        worker = _worker(csrf_app)
        page = worker.get(f"/sagsbehandler/borger/{mette['id']}").get_data(as_text=True)
        assert 'id="undtagelse"' in page and "up to one in four" in page
        token = re.search(r'action="/sagsbehandler/borger/%d/undtagelse".*?name="csrf_token" value="([^"]+)"'
                          % mette["id"], page, re.S).group(1)
        today = clock.today()
        end = date.fromisoformat(mette["group_since"]) + timedelta(weeks=26) - timedelta(days=1)
        data = {"covers": "conversations,offers", "reason": "own_job_search", "note": "Har selv gode kontakter.",
                "from_date": today.isoformat(), "to_date": min(today + timedelta(days=30), end).isoformat()}
        # Without the token: refused.
        assert worker.post(f"/sagsbehandler/borger/{mette['id']}/undtagelse", data=data).status_code == 400
        response = worker.post(f"/sagsbehandler/borger/{mette['id']}/undtagelse", data={**data, "csrf_token": token})
        assert response.status_code == 302 and response.headers["Location"].endswith("#undtagelse")
        assert "The exemption for Mette Jensen is saved" in text(worker.get(response.headers["Location"]))
        entry = db.execute("SELECT actor_type, after FROM audit_log WHERE action = 'contact_exemption_set'").fetchone()
        assert entry["actor_type"] == "caseworker"
        assert json.loads(entry["after"]) == {"covers": ["conversations", "offers"], "reason": "own_job_search",
                                              "note": "Har selv gode kontakter.", "from_date": data["from_date"],
                                              "to_date": data["to_date"]}

        person = csrf_app.test_client()
        token = csrf_token_from(person.get("/log-ind/mitid").data)
        person.post("/log-ind/mitid", data={"citizen": mette["id"], "csrf_token": token})
        english(person)
        plan = text(person.get("/min-plan"))
        assert "The municipality has decided that you do not need the planned conversations with the municipality" in plan
        assert "Reason: Can find a job without the municipality's help." in plan
        assert "Your a-kasse decides about its own conversations." in plan
        assert "The municipality has decided that you do not need an offer" in plan
        assert "2 with your a-kasse and 2 with the municipality" not in plan

        # Ending it brings the required conversations back, and is audited too.
        page = worker.get(f"/sagsbehandler/borger/{mette['id']}").get_data(as_text=True)
        token = re.search(r'action="/sagsbehandler/borger/%d/undtagelse/ophoer".*?name="csrf_token" value="([^"]+)"'
                          % mette["id"], page, re.S).group(1)
        assert worker.post(f"/sagsbehandler/borger/{mette['id']}/undtagelse/ophoer",
                           data={"csrf_token": token}).status_code == 302
        assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'contact_exemption_ended'").fetchone()[0] == 1
        plan = text(person.get("/min-plan"))
        assert "do not need the planned conversations" not in plan
        assert "2 with your a-kasse and 2 with the municipality" in plan and "may decide that you need fewer" in plan


def test_the_exemption_form_checks_what_the_rules_allow(client, db):
    """The exemption lies within the first 6 months; only what the group's rules allow (an
    education-ready citizen: offers only); another reason needs a note."""
    english(client)
    login_caseworker(client)
    mette, jonas = citizen(db, "Mette Jensen"), citizen(db, "Jonas Madsen")
    today = clock.today()
    end = date.fromisoformat(mette["group_since"]) + timedelta(weeks=26) - timedelta(days=1)
    url = f"/sagsbehandler/borger/{mette['id']}/undtagelse"
    base = {"covers": "conversations", "reason": "own_job_search", "from_date": today.isoformat(),
            "to_date": end.isoformat()}
    too_long = client.post(url, data={**base, "to_date": (end + timedelta(days=1)).isoformat(), "note": "keep me"})
    page = too_long.get_data(as_text=True)
    assert too_long.status_code == 400 and "There is a problem" in page and "the end of the first 6 months" in page
    assert "keep me" in page
    other = client.post(url, data={**base, "reason": "other"})
    assert other.status_code == 400 and "Describe the reason in the note." in other.get_data(as_text=True)
    past = client.post(url, data={**base, "from_date": (today - timedelta(days=1)).isoformat()})
    assert past.status_code == 400 and "cannot start in the past" in past.get_data(as_text=True)
    assert db.execute("SELECT COUNT(*) FROM contact_exemptions").fetchone()[0] == 0
    # Jonas (education-ready): offers only.
    page = client.get(f"/sagsbehandler/borger/{jonas['id']}").get_data(as_text=True)
    assert 'value="offers"' in page and 'value="conversations"' not in page
    refused = client.post(f"/sagsbehandler/borger/{jonas['id']}/undtagelse", data={**base, "covers": "conversations"})
    assert refused.status_code == 400
    assert client.post(f"/sagsbehandler/borger/{jonas['id']}/undtagelse",
                       data={**base, "covers": "offers", "to_date": today.isoformat()}).status_code == 302
    # Groups the rules give no exemption: no form, and the address is not found.
    sofie = citizen(db, "Sofie Nielsen")
    assert 'id="undtagelse"' not in client.get(f"/sagsbehandler/borger/{sofie['id']}").get_data(as_text=True)
    assert client.post(f"/sagsbehandler/borger/{sofie['id']}/undtagelse", data=base).status_code == 404


def test_no_exemption_before_1_july_2026(app, db):
    """Before law no. 1750's contact-course stage (1 July 2026) there is no such exemption."""
    mette = citizen(db, "Mette Jensen")
    with time_machine.travel(BEFORE, tick=False):
        client = app.test_client()
        login_caseworker(client)
        assert 'id="undtagelse"' not in client.get(f"/sagsbehandler/borger/{mette['id']}").get_data(as_text=True)
        assert client.post(f"/sagsbehandler/borger/{mette['id']}/undtagelse", data={}).status_code == 404


# ------------------------------------------------------------------ 8. six weeks' job-oriented training
@pytest.mark.parametrize("moment", [BEFORE, JULY_2026, JAN_2027])
def test_six_weeks_training_says_who_which_courses_and_who_grants_it(app, db, moment):
    """six_weeks (STAR): unskilled, skilled, or a short higher education with a vocational one;
    courses on the national positive list; granted by the a-kasse. Not "after 5 weeks"."""
    with time_machine.travel(moment, tick=False):
        client = app.test_client()
        english(client)
        login_citizen(client, db, "Mette Jensen")
        page = text(client.get("/min-plan"))
        assert "Six weeks of job-oriented training" in page
        assert "unskilled or skilled, or have a short higher education as well as a vocational one" in page
        assert "national positive list" in page and "Your a-kasse decides whether you have the right" in page
        assert "After 5 weeks" not in page


# ------------------------------------------------------------------ 10. "kommunen", and the municipality's own name
def test_citizen_pages_say_kommunen_not_jobcentret(client, db):
    """law_1750: the law now says "kommunen"; a municipality need no longer have a jobcenter. The
    only "Jobcenter" a citizen reads is the municipality's own name for its service."""
    names = [row[0] for row in db.execute(
        "SELECT c.name FROM citizens c JOIN municipalities m ON m.id = c.municipality_id WHERE m.code = '901'")]
    for name in names:
        login_citizen(client, db, name)
        for url in ("/min-plan", "/samtaler", "/kontakt", "/joblog", "/opfoelgning"):
            response = client.get(url)
            if response.status_code != 200:
                continue
            # The municipality's own name for its service and its own e-mail address are its data.
            page = text(response).replace("Jobcenter Fjordby", "").replace("jobcenter@fjordby.example", "")
            assert not re.search(r"jobcent", page, re.I), (name, url, re.search(r".{60}jobcent.{60}", page, re.I))


def test_the_municipality_s_own_name_for_its_service_is_a_setting(client, db):
    """The municipalities table's jobcenter_name is what a citizen reads where a name is needed."""
    db.execute("UPDATE municipalities SET jobcenter_name = 'Fjordby Kommune, Job og Ydelse' WHERE code = '901'")
    english(client)
    login_citizen(client, db, "Mette Jensen")
    assert "Here is your plan with Fjordby Kommune, Job og Ydelse." in text(client.get("/min-plan"))
    assert "your conversations with Fjordby Kommune, Job og Ydelse" in text(client.get("/samtaler"))
    assert "Fjordby Kommune, Job og Ydelse" in text(client.get("/kontakt"))


# ------------------------------------------------------------------ 11. the consequence before it bites
@pytest.mark.parametrize("moment,deadline", [
    ("2026-06-27 10:00 +0200", date(2026, 6, 29)),   # before 1 July 2026: weekly, Monday's deadline
    ("2026-11-21 10:00 +0100", date(2026, 11, 23)),  # the set in force: weekly
    ("2027-01-30 10:00 +0100", date(2027, 2, 1)),    # expected 2027: monthly
])
def test_a_joblog_period_about_to_close_unmet_says_what_it_can_mean(app, db, moment, deadline):
    """003 [L2895-2914]: kontanthjælp can be reduced when the agreed job search is missing. Said on
    "Det skal du nu" and on the joblog page once the deadline is within the rules' at-risk days."""
    db.execute("UPDATE citizens SET group_since = '2026-01-05' WHERE name = 'Jonas Madsen'")
    db.execute("DELETE FROM joblog_entries WHERE citizen_id = ?", [citizen_id(db, "Jonas Madsen")])
    db.execute("UPDATE conversations SET status = 'cancelled_citizen' WHERE citizen_id = ?",
               [citizen_id(db, "Jonas Madsen")])
    with time_machine.travel(moment, tick=False):
        rules = rules_for("kontanthjaelp_uddannelsesparat", clock.today())
        assert (deadline - clock.today()).days <= rules.joblog_at_risk_days
        client = app.test_client()
        english(client)
        login_citizen(client, db, "Jonas Madsen")
        page = client.get("/min-plan").get_data(as_text=True)
        now = page[page.index('id="now"'):page.index('id="now"') + 800]
        assert "more job application" in now and "the municipality can reduce your benefit" in now
        assert "the municipality can reduce your benefit" in text(client.get("/joblog"))
    # Early in the period nothing of the kind is said.
    with time_machine.travel(date.fromisoformat(moment[:10]) - timedelta(days=4), tick=False):
        client = app.test_client()
        english(client)
        login_citizen(client, db, "Jonas Madsen")
        assert "can reduce your benefit" not in text(client.get("/min-plan")).split("Your duties")[0]


@pytest.mark.parametrize("moment", [BEFORE, JULY_2026, JAN_2027])
def test_a_self_booking_deadline_about_to_pass_says_what_it_means(app, db, moment):
    """DOMAIN.md self-booking (pub, STAR; report_sick's a-kasse page): a dagpenge recipient who has
    not booked by the deadline is taken off the register. Said once the deadline is near."""
    with time_machine.travel(moment, tick=False):
        mette = citizen(db, "Mette Jensen")
        today = clock.today()
        inv = invite(db, mette, start=today + timedelta(days=1), end=today + timedelta(days=10),
                     deadline=today + timedelta(days=1))
        client = app.test_client()
        english(client)
        login_citizen(client, db, "Mette Jensen")
        plan = client.get("/min-plan").get_data(as_text=True)
        now = plan[plan.index('id="now"'):plan.index('id="now"') + 800]
        assert "Book your conversation before" in now and "taken off the register as unemployed" in now
        assert "taken off the register as unemployed" in text(client.get("/samtaler"))
        db.execute("UPDATE booking_invitations SET deadline = ? WHERE id = ?",
                   [(today + timedelta(days=9)).isoformat(), inv])
        assert "taken off the register" not in text(client.get("/samtaler"))


# ------------------------------------------------------------------ the rules' numbers stay in app/rules
def test_only_the_rules_know_a_target_group():
    """ARCHITECTURE.md: no `if group == ...` in views, services or templates. A group's code is
    written only in app/rules, the display names (app/labels.py) and the demo data."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    pattern = re.compile(r"""['"](%s)['"]""" % "|".join(GROUPS))
    allowed = {root / "app" / "labels.py"}
    found = []
    for path in list((root / "app").rglob("*.py")) + list((root / "templates").rglob("*.html")):
        if "rules" in path.parts or path.name == "demo.py" or path in allowed:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert found == []


# ------------------------------------------------------------------ 4. sick-leave follow-up
@pytest.mark.parametrize("moment", [BEFORE, JULY_2026, JAN_2027])
def test_a_short_case_is_followed_up_as_the_municipality_decides(app, db, moment):
    """sdp_13b, star_sdp_followup: the count applies to cases expected to last more than 8 weeks;
    in shorter ones the municipality decides how it follows up (it may be digital only)."""
    niels = citizen_id(db, "Niels Bak")
    db.execute("UPDATE sick_cases SET expected_duration = '4_to_8_weeks' WHERE citizen_id = ?", [niels])
    with time_machine.travel(moment, tick=False):
        client = app.test_client()
        english(client)
        login_citizen(client, db, "Niels Bak")
        page = text(client.get("/opfoelgning"))
        assert "Then the municipality decides how it follows up with you, and it may be digital only." in page
        assert "must be held no later than" not in page
        assert "The municipality decides how it follows up on your sick leave." in text(client.get("/min-plan"))
    db.execute("UPDATE sick_cases SET expected_duration = '2_to_6_months' WHERE citizen_id = ?", [niels])
    with time_machine.travel(moment, tick=False):
        count = rules_for("sygedagpenge", clock.today()).sick.followups_first_half_year
        page = text(client.get("/opfoelgning"))
        assert "must be held no later than" in page
        assert f"If you are expected to be ill for more than 8 weeks, you have at least {count} follow-up" in page


@pytest.mark.parametrize("moment", [BEFORE, JULY_2026])
def test_an_employed_citizen_with_a_predictable_course_needs_only_the_first_conversation(app, db, moment):
    """sdp_13f (L 74 2024/25): the caseworker records a predictable course at the first follow-up;
    then only that conversation is required. Only for someone sick-listed from a job."""
    hanne = citizen_id(db, "Hanne Larsen")
    db.execute("UPDATE sick_cases SET expected_duration = '2_to_6_months' WHERE citizen_id = ?", [hanne])
    with time_machine.travel(moment, tick=False):
        conv = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND kind = 'followup_first'"
                          " AND status = 'booked'", [hanne]).fetchone()[0]
        start = clock.now() - timedelta(minutes=30)
        db.execute("UPDATE conversations SET starts_at = ?, ends_at = ? WHERE id = ?",
                   [clock.to_db(start), clock.to_db(start + timedelta(minutes=45)), conv])
        worker = app.test_client()
        english(worker)
        login_caseworker(worker)
        form = worker.get(f"/sagsbehandler/opfoelgning/samtale/{conv}/afholdt").get_data(as_text=True)
        assert "Predictable course: only this first conversation is required" in form
        response = worker.post(f"/sagsbehandler/opfoelgning/samtale/{conv}/afholdt",
                               data={"summary": "Vi talte om en gradvis tilbagevenden.", "predictable": "y"})
        assert response.status_code == 302
        assert db.execute("SELECT predictable_course FROM sick_cases WHERE citizen_id = ?", [hanne]).fetchone()[0] == 1
        assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'sick_predictable_course_set'").fetchone()[0] == 1
        client = app.test_client()
        english(client)
        login_citizen(client, db, "Hanne Larsen")
        assert "Only your first follow-up conversation was required" in text(client.get("/opfoelgning"))
        assert "Predictable course" in text(worker.get(f"/sagsbehandler/borger/{hanne}"))
    # Not offered for someone sick-listed while unemployed.
    niels = citizen_id(db, "Niels Bak")
    conv = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND kind = 'followup_first'", [niels]).fetchone()[0]
    assert "Predictable course" not in worker.get(f"/sagsbehandler/opfoelgning/samtale/{conv}/afholdt").get_data(as_text=True)


@pytest.mark.parametrize("moment,exempt", [(BEFORE, False), (JULY_2026, True), (JAN_2027, True)])
def test_the_26_week_exemption_needs_both_the_citizen_and_the_employer(app, db, moment, exempt):
    """law_1750 (from 1 July 2026): no required conversations when both the citizen and the
    employer expect the return within 26 weeks; both are recorded; if they differ, follow-up applies."""
    hanne = citizen_id(db, "Hanne Larsen")
    db.execute("UPDATE sick_cases SET expected_duration = '2_to_6_months', return_within = 'yes',"
               " employer_return_within = 'no' WHERE citizen_id = ?", [hanne])
    with time_machine.travel(moment, tick=False):
        client = app.test_client()
        english(client)
        login_citizen(client, db, "Hanne Larsen")
        assert "must be held no later than" in text(client.get("/opfoelgning"))
        db.execute("UPDATE sick_cases SET employer_return_within = 'yes' WHERE citizen_id = ?", [hanne])
        page = text(client.get("/opfoelgning"))
        assert ("You and your employer both expect you back at work within 26 weeks" in page) is exempt
        worker = app.test_client()
        english(worker)
        login_caseworker(worker)
        case = text(worker.get(f"/sagsbehandler/borger/{hanne}"))
        if exempt:
            assert "The citizen expects a return within 26 weeks Yes" in case
            assert "The employer expects a return within 26 weeks Yes" in case
