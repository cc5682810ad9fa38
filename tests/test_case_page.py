"""The case page (issue 10): header with the flags, tabs with each area's sections on its tab,
and Historik, the citizen's audit log in plain words, filterable and read-only."""
import pytest

from app.caseworker import panels

from .conftest import citizen_id, login_caseworker, login_citizen


def _english(client):
    client.post("/sprog/en?next=/log-ind")


def test_every_area_names_its_tab(app):
    assert {fn.case_tab for fn in panels.CASE_SECTIONS} <= set(panels.CASE_TABS)
    assert {"samtaler", "joblog", "opfoelgning", "beskeder"} <= {fn.case_tab for fn in panels.CASE_SECTIONS}


def test_the_case_page_has_the_header_and_the_tabs(client, db):
    _english(client)
    login_caseworker(client)
    page = client.get(f"/sagsbehandler/borger/{citizen_id(db, 'Mette Jensen')}").get_data(as_text=True)
    assert 'id="case-header"' in page and "010185-XXXX" in page and "0101851234" not in page
    for tab in ("fane-plan", "fane-samtaler", "fane-joblog", "fane-beskeder"):
        assert f'id="{tab}"' in page
    assert 'id="fane-opfoelgning"' not in page  # only for the sick-listed
    assert "Write the plan" in page and "/historik" in page
    # Sections sit on their own tab: the job-search requirement after the Joblog tab starts.
    assert page.index('id="fane-joblog"') < page.index('id="krav"') < page.index('id="fane-beskeder"')
    sick = client.get(f"/sagsbehandler/borger/{citizen_id(db, 'Niels Bak')}").get_data(as_text=True)
    assert 'id="fane-opfoelgning"' in sick
    assert sick.index('id="fane-opfoelgning"') < sick.index('id="case-followup"')


def test_history_tells_the_changes_in_plain_words_newest_first(client, db):
    _english(client)
    login_caseworker(client)
    cid = citizen_id(db, "Mette Jensen")
    for n, title in enumerate(("Lagerchef", "Truckfører")):
        client.post(f"/sagsbehandler/borger/{cid}/plan/maal",
                    data={"kind": "job", "title": title, "note": "", "submission_key": f"history-key-{n:04d}-abcdef"})
    page = client.get(f"/sagsbehandler/borger/{cid}/historik").get_data(as_text=True)
    assert "Anne Sørensen added the goal Truckfører" in page
    assert page.index("added the goal Truckfører") < page.index("added the goal Lagerchef")
    anne = db.execute("SELECT id FROM caseworkers WHERE email = 'anne@fjordby.example'").fetchone()[0]
    only_plan = client.get(f"/sagsbehandler/borger/{cid}/historik?omraade=plan&aktoer=caseworker:{anne}")
    assert "added the goal Lagerchef" in only_plan.get_data(as_text=True)
    joblog = client.get(f"/sagsbehandler/borger/{cid}/historik?omraade=joblog").get_data(as_text=True)
    assert "added the goal" not in joblog
    # An unknown filter is ignored, not an error.
    assert client.get(f"/sagsbehandler/borger/{cid}/historik?omraade=x&aktoer=y&side=zz").status_code == 200
    # Nothing on it can be changed.
    assert client.post(f"/sagsbehandler/borger/{cid}/historik").status_code == 405


@pytest.mark.parametrize("who,expected", [("anonymous", 302), ("citizen", 403), ("other", 404), ("own", 200)])
def test_history_access(client, db, who, expected):
    cid = citizen_id(db, "Mette Jensen")
    if who == "citizen":
        login_citizen(client, db, "Mette Jensen")
    elif who == "other":
        login_caseworker(client, "lise@skovlund.example")
    elif who == "own":
        login_caseworker(client)
    response = client.get(f"/sagsbehandler/borger/{cid}/historik")
    assert response.status_code == expected
    if who == "anonymous":
        assert "/log-ind/medarbejder" in response.headers["Location"]


def test_search_sits_first_on_today_and_finds_by_masked_cpr(client, db):
    _english(client)
    login_caseworker(client)
    today = client.get("/sagsbehandler/").get_data(as_text=True)
    assert today.index('id="find-citizen"') < today.index("What needs you today")
    found = client.get("/sagsbehandler/borgere?q=010185-XXXX").get_data(as_text=True)
    assert "Mette Jensen" in found and "Ali Hassan" not in found and "1 citizen found." in found
    # Another municipality's citizen is not found by their number either.
    other = app_other = client.get("/sagsbehandler/borgere?q=" + _first6(db, "Bo Berg")).get_data(as_text=True)
    assert "Bo Berg" not in other and app_other


def _first6(db, name):
    return db.execute("SELECT substr(cpr, 1, 6) FROM citizens WHERE name = ?", [name]).fetchone()[0]


def test_the_target_group_changes_from_a_date_with_a_reason(app, client, db):
    from datetime import timedelta
    from app import clock
    from app.notify import collect
    from app.rules import GROUPS, rules_for
    _english(client)
    login_caseworker(client)
    cid = citizen_id(db, "Mette Jensen")
    page = client.get(f"/sagsbehandler/borger/{cid}").get_data(as_text=True)
    closed = [g for g in GROUPS if not rules_for(g, clock.today()).open_to_new(clock.today())]
    assert closed and all(f'value="{g}"' not in page for g in closed)
    url = f"/sagsbehandler/borger/{cid}/maalgruppe"
    since = clock.today() - timedelta(days=3)
    refused = client.post(url, data={"group": closed[0], "on_date": since.isoformat(), "reason": "x",
                                     "submission_key": "group-key-0000-abcdef"})
    assert refused.status_code == 400
    assert client.post(url, data={"group": "kontanthjaelp_jobparat", "on_date": since.isoformat(), "reason": "",
                                  "submission_key": "group-key-0001-abcdef"}).status_code == 400
    data = {"group": "kontanthjaelp_jobparat", "on_date": since.isoformat(), "reason": "Dagpengeretten er opbrugt.",
            "submission_key": "group-key-0002-abcdef"}
    assert client.post(url, data=data).status_code == 302
    assert client.post(url, data=data).status_code in (302, 400)  # a double submit acts once
    row = db.execute("SELECT target_group, group_since FROM citizens WHERE id = ?", [cid]).fetchone()
    assert tuple(row) == ("kontanthjaelp_jobparat", since.isoformat())
    entries = db.execute("SELECT COUNT(*) FROM audit_log WHERE citizen_id = ? AND action = 'target_group_changed'",
                         [cid]).fetchone()[0]
    assert entries == 1
    collect.from_audit(app.config, db, clock.now())
    assert db.execute("SELECT COUNT(*) FROM notify_outbox WHERE citizen_id = ? AND kind = 'plan_updated'"
                      " AND channel = 'inapp'", [cid]).fetchone()[0] == 1
    history = client.get(f"/sagsbehandler/borger/{cid}/historik").get_data(as_text=True)
    assert "changed the target group from" in history


# What Min Plan says to the citizen, which the caseworker's pages must not say to the caseworker.
SECOND_PERSON = ("Din jobsøgning", "Din opfølgning", "Afbud fra dig", "Vi ringer til dig", "Forbered dig",
                 "Din a-kasse", "Aftalt med din sagsbehandler", "Besked fra din sagsbehandler",
                 "Det er det almindelige krav for din ydelse", "Du har registreret")


@pytest.mark.parametrize("name", ["Mette Jensen", "Ali Hassan", "Hanne Larsen"])
def test_the_case_page_speaks_of_the_citizen_in_the_third_person(client, db, name):
    """Issue 10: the case page shows the citizen's plan, conversations, joblog and follow-up as
    the caseworker's pages say them, about the citizen; a cancellation is the citizen's."""
    from bs4 import BeautifulSoup
    login_caseworker(client)
    # Hanne's demo follow-up was called off by her; the others have a booked conversation.
    page = client.get(f"/sagsbehandler/borger/{citizen_id(db, name)}")
    assert page.status_code == 200
    text = " ".join(BeautifulSoup(page.data, "html.parser").find("main").get_text(" ").split())
    assert [phrase for phrase in SECOND_PERSON if phrase in text] == []
    if name == "Hanne Larsen":
        assert "Afbud fra borgeren" in text
    else:
        assert "Jobsøgning i denne periode" in text and "Borgeren har registreret" in text
