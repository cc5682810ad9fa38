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
