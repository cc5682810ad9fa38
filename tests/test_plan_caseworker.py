"""The plan written by the caseworker (issue 10): access, goals and activities from the
catalogue with the rules' limits, the audit entry and the citizen's notice once, a double
submit acting once, Min Plan marking what is new, and the citizen's receipt."""
import json
from datetime import timedelta

import pytest

from app import clock
from app.notify import collect
from app.plan import catalogue, writing

from .conftest import citizen_id, login_caseworker, login_citizen


def _english(client):
    client.post("/sprog/en?next=/log-ind")


def _key(n=0):
    return f"test-submission-key-{n:04d}-abcdef"


def _goal(client, cid, title="Lagerchef", kind="job", key=None):
    return client.post(f"/sagsbehandler/borger/{cid}/plan/maal",
                       data={"kind": kind, "title": title, "note": "", "submission_key": key or _key(1)})


def _activity(client, cid, *, key=None, kind="virksomhedspraktik", days=27, **extra):
    start = clock.today() + timedelta(days=7)
    data = {"kind": kind, "title": "Praktik hos Havnens Lager", "provider": "Havnens Lager ApS",
            "starts_on": start.isoformat(), "ends_on": (start + timedelta(days=days)).isoformat(),
            "hours_per_week": "30", "status": "planned", "note": "Mød ind kl. 8.", "submission_key": key or _key(2)}
    data.update(extra)
    return client.post(f"/sagsbehandler/borger/{cid}/plan/aktiviteter", data=data)


def _audit(db, cid, action):
    return [dict(r) for r in db.query("SELECT * FROM audit_log WHERE citizen_id = ? AND action = ?", [cid, action])]


# ------------------------------------------------------------------ access
ROUTES = [("get", "/sagsbehandler/borger/{cid}/plan"),
          ("post", "/sagsbehandler/borger/{cid}/plan/maal"),
          ("post", "/sagsbehandler/borger/{cid}/plan/aktiviteter"),
          ("get", "/sagsbehandler/borger/{cid}/plan/maal/{gid}"),
          ("post", "/sagsbehandler/borger/{cid}/plan/maal/{gid}/afslut"),
          ("get", "/sagsbehandler/borger/{cid}/plan/aktiviteter/{aid}")]


def _ids(db, name="Mette Jensen"):
    cid = citizen_id(db, name)
    gid = db.execute("SELECT g.id FROM goals g JOIN plans p ON p.id = g.plan_id WHERE p.citizen_id = ?", [cid]).fetchone()[0]
    aid = db.execute("SELECT id FROM activities WHERE citizen_id = ?", [cid]).fetchone()[0]
    return {"cid": cid, "gid": gid, "aid": aid}


@pytest.mark.parametrize("method,route", ROUTES)
def test_anonymous_goes_to_the_caseworker_login(client, db, method, route):
    response = getattr(client, method)(route.format(**_ids(db)))
    assert response.status_code == 302
    assert "/log-ind/medarbejder" in response.headers["Location"]


@pytest.mark.parametrize("method,route", ROUTES)
def test_a_citizen_is_refused(client, db, method, route):
    login_citizen(client, db, "Mette Jensen")
    assert getattr(client, method)(route.format(**_ids(db))).status_code == 403


@pytest.mark.parametrize("method,route", ROUTES)
def test_another_municipality_gets_not_found(client, db, method, route):
    login_caseworker(client, "lise@skovlund.example")
    assert getattr(client, method)(route.format(**_ids(db))).status_code == 404


def test_a_caseworker_of_the_municipality_sees_the_plan(client, db):
    _english(client)
    login_caseworker(client)
    ids = _ids(db)
    page = client.get("/sagsbehandler/borger/{cid}/plan".format(**ids)).get_data(as_text=True)
    assert "Plan for Mette Jensen" in page and "Lagermedarbejder" in page and "Praktik hos Fjordby Lager" in page
    assert "Not confirmed yet" in page
    # The limit for a dagpenge recipient is explained where the offer is chosen.
    weeks = catalogue.catalogue_for(clock.today()).limit("virksomhedspraktik", "dagpenge").weeks
    assert f"at most {weeks} weeks" in page
    for route in ("/sagsbehandler/borger/{cid}/plan/maal/{gid}", "/sagsbehandler/borger/{cid}/plan/aktiviteter/{aid}"):
        assert client.get(route.format(**ids)).status_code == 200
    # Another citizen's goal through this citizen's URL is not found.
    other = _ids(db, "Ali Hassan")
    assert client.get(f"/sagsbehandler/borger/{ids['cid']}/plan/aktiviteter/{other['aid']}").status_code == 404


# ------------------------------------------------------------------ changes
def test_a_goal_added_is_audited_and_told_once_and_a_double_submit_acts_once(app, client, db):
    _english(client)
    login_caseworker(client)
    cid = citizen_id(db, "Mette Jensen")
    first = _goal(client, cid, "Lagerchef", key=_key(7))
    again = _goal(client, cid, "Lagerchef", key=_key(7))
    assert first.status_code == again.status_code == 302
    titles = [r["title"] for r in db.query(
        "SELECT g.title FROM goals g JOIN plans p ON p.id = g.plan_id WHERE p.citizen_id = ?", [cid])]
    assert titles.count("Lagerchef") == 1
    entries = _audit(db, cid, "plan_goal_added")
    assert len(entries) == 1
    entry = entries[0]
    assert entry["actor_type"] == "caseworker" and entry["actor_id"] and entry["at"]
    assert entry["before"] is None and json.loads(entry["after"])["title"] == "Lagerchef"
    # The sweep turns it into one "Your plan has been updated" per channel, however often it runs.
    collect.from_audit(app.config, db, clock.now())
    collect.from_audit(app.config, db, clock.now())
    rows = [dict(r) for r in db.query("SELECT * FROM notify_outbox WHERE citizen_id = ? AND kind = 'plan_updated'", [cid])]
    assert len([r for r in rows if r["channel"] == "inapp"]) == 1
    assert len({r["channel"] for r in rows}) == len(rows)
    other = citizen_id(db, "Ali Hassan")
    assert db.execute("SELECT COUNT(*) FROM notify_outbox WHERE citizen_id = ? AND kind = 'plan_updated'",
                      [other]).fetchone()[0] == 0


def test_the_same_key_on_another_form_is_a_new_submission(client, db):
    login_caseworker(client)
    cid = citizen_id(db, "Mette Jensen")
    assert _goal(client, cid, "Lagerchef", key=_key(9)).status_code == 302
    assert _activity(client, cid, key=_key(9)).status_code == 302
    assert len(_audit(db, cid, "plan_activity_added")) == 1


def test_changing_and_ending_a_goal_records_before_and_after(client, db):
    login_caseworker(client)
    ids = _ids(db)
    note = db.execute("SELECT note FROM goals WHERE id = ?", [ids["gid"]]).fetchone()[0] or ""
    response = client.post("/sagsbehandler/borger/{cid}/plan/maal/{gid}".format(**ids),
                           data={"kind": "job", "title": "Lagerleder", "note": note, "submission_key": _key(3)})
    assert response.status_code == 302
    changed = _audit(db, ids["cid"], "plan_goal_changed")
    assert len(changed) == 1 and json.loads(changed[0]["after"]) == {"title": "Lagerleder"}
    assert json.loads(changed[0]["before"])["title"] != "Lagerleder"
    response = client.post("/sagsbehandler/borger/{cid}/plan/maal/{gid}/afslut".format(**ids),
                           data={"submission_key": _key(4)})
    assert response.status_code == 302
    assert db.execute("SELECT status FROM goals WHERE id = ?", [ids["gid"]]).fetchone()[0] == "ended"
    assert len(_audit(db, ids["cid"], "plan_goal_ended")) == 1
    # An ended goal cannot be changed any more.
    assert client.get("/sagsbehandler/borger/{cid}/plan/maal/{gid}".format(**ids)).status_code == 404


def test_an_education_goal_is_for_young_citizens(client, db):
    _english(client)
    login_caseworker(client)
    # Mette Jensen's CPR makes her older than 30; Jonas Madsen is under 30.
    refused = _goal(client, citizen_id(db, "Mette Jensen"), "Pædagog", kind="education")
    assert refused.status_code == 400
    assert _goal(client, citizen_id(db, "Jonas Madsen"), "Tømrer", kind="education").status_code == 302


def test_the_length_of_a_work_placement_follows_the_group(client, db):
    _english(client)
    login_caseworker(client)
    today = clock.today()
    close = catalogue.catalogue_for(today).limit("virksomhedspraktik", "dagpenge")
    mette = citizen_id(db, "Mette Jensen")
    too_long = _activity(client, mette, days=close.weeks * 7 + 7, key=_key(5))
    assert too_long.status_code == 400
    assert f"at most {close.weeks} weeks" in too_long.get_data(as_text=True)
    assert _audit(db, mette, "plan_activity_added") == []
    assert _activity(client, mette, days=close.weeks * 7 - 1, key=_key(6)).status_code == 302
    # Further from the labour market: longer, and longer still after a concrete assessment.
    sofie = citizen_id(db, "Sofie Nielsen")
    far = catalogue.catalogue_for(today).limit("virksomhedspraktik", "kontanthjaelp_aktivitetsparat")
    assert far.weeks > close.weeks and far.extended_weeks
    days = (far.weeks + 2) * 7 - 1
    refused = _activity(client, sofie, days=days, key=_key(8))
    assert refused.status_code == 400 and "tick the extension" in refused.get_data(as_text=True)
    assert _activity(client, sofie, days=days, key=_key(10), extended="y").status_code == 302


def test_a_cancelled_activity_needs_a_reason(client, db):
    _english(client)
    login_caseworker(client)
    ids = _ids(db)
    activity = dict(db.execute("SELECT * FROM activities WHERE id = ?", [ids["aid"]]).fetchone())
    data = {"kind": activity["kind"], "title": activity["title"], "provider": activity["provider"] or "",
            "starts_on": activity["starts_on"], "ends_on": activity["ends_on"] or "",
            "hours_per_week": activity["hours_per_week"] or "", "status": "cancelled", "note": "",
            "submission_key": _key(11)}
    url = "/sagsbehandler/borger/{cid}/plan/aktiviteter/{aid}".format(**ids)
    refused = client.post(url, data=data)
    assert refused.status_code == 400 and "Write why the activity is cancelled." in refused.get_data(as_text=True)
    data.update(cancel_reason="Virksomheden har lukket afdelingen.", submission_key=_key(12))
    assert client.post(url, data=data).status_code == 302
    entry = _audit(db, ids["cid"], "plan_activity_changed")[0]
    assert json.loads(entry["after"])["status"] == "cancelled"
    assert json.loads(entry["before"])["status"] == activity["status"]


# ------------------------------------------------------------------ the citizen's side
def test_changes_are_marked_new_on_that_citizens_min_plan_only_and_the_citizen_confirms(app, db):
    caseworker, mette, ali = app.test_client(), app.test_client(), app.test_client()
    for c in (caseworker, mette, ali):
        _english(c)
    login_citizen(mette, db, "Mette Jensen")
    login_citizen(ali, db, "Ali Hassan")
    assert "Updated" not in mette.get("/min-plan").get_data(as_text=True)  # the first visit: nothing new yet
    login_caseworker(caseworker)
    cid = citizen_id(db, "Mette Jensen")
    assert _goal(caseworker, cid, "Lagerchef").status_code == 302
    # The next visit (after the visit gap) marks the change.
    with clock_later(writing.VISIT_GAP + timedelta(minutes=1)):
        page = mette.get("/min-plan").get_data(as_text=True)
        assert "Lagerchef" in page and page.count(">Updated<") == 1
        assert "Have you read your plan?" in page
        ali_page = ali.get("/min-plan").get_data(as_text=True)
        assert "Lagerchef" not in ali_page and ">Updated<" not in ali_page
        response = mette.post("/min-plan/laest", data={"submission_key": _key(13)})
        assert response.status_code == 302
        mette.post("/min-plan/laest", data={"submission_key": _key(13)})
        assert len(_audit(db, cid, "plan_read_confirmed")) == 1
        page = mette.get("/min-plan").get_data(as_text=True)
        assert ">Updated<" not in page and "You confirmed that you have read your plan on" in page
        plan = caseworker.get(f"/sagsbehandler/borger/{cid}/plan").get_data(as_text=True)
        assert "Confirmed" in plan and "Not confirmed yet" not in plan


def clock_later(delta):
    import time_machine
    return time_machine.travel(clock.now() + delta, tick=False)
