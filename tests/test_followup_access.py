"""Who reaches what in the follow-up area, and every page of it passes the page invariants in
Danish and English."""
from datetime import timedelta

import pytest
import time_machine

from app import clock

from .conftest import citizen_id, login_caseworker, login_citizen
from .invariants import check_page
from .test_followup_citizen import _next_followup
from .test_followup_form import fill_all, key_in

CITIZEN_URLS = ["/opfoelgning", "/opfoelgning/oplysningsskema", "/opfoelgning/oplysningsskema/arbejde",
                "/opfoelgning/oplysningsskema/tjek", "/opfoelgning/oplysningsskema/kvittering",
                "/opfoelgning/bed-om-samtale", "/opfoelgning/bed-om-samtale/kvittering", "/opfoelgning/raskmelding"]


def test_anonymous_users_are_sent_to_log_in(client):
    for url in ("/opfoelgning", "/opfoelgning/oplysningsskema/arbejde", "/sagsbehandler/opfoelgning"):
        response = client.get(url)
        assert response.status_code == 302 and "/log-ind" in response.headers["Location"]
    assert client.post("/opfoelgning/raskmelding", data={}).status_code == 302


def test_only_sick_listed_citizens_have_a_follow_up(client, db):
    client.post("/sprog/en")
    login_citizen(client, db, "Mette Jensen")
    assert 'href="/opfoelgning"' not in client.get("/min-plan").get_data(as_text=True)
    for url in CITIZEN_URLS + [f"/opfoelgning/samtale/{_next_followup(db, 'Hanne Larsen')}/status"]:
        assert client.get(url).status_code == 404, url
    assert client.post("/opfoelgning/bed-om-samtale", data={"submission_key": "k" * 20}).status_code == 404
    assert db.execute("SELECT COUNT(*) FROM followup_requests").fetchone()[0] == 0
    assert client.get("/sagsbehandler/opfoelgning").status_code == 403
    client.post("/log-af")
    login_citizen(client, db, "Hanne Larsen")
    assert 'href="/opfoelgning"' in client.get("/min-plan").get_data(as_text=True)


def test_a_citizen_reaches_only_their_own_conversations(client, db):
    client.post("/sprog/en")
    login_citizen(client, db, "Hanne Larsen")
    niels_conv = _next_followup(db, "Niels Bak")
    assert client.get(f"/opfoelgning/samtale/{niels_conv}/status").status_code == 404
    assert client.get(f"/opfoelgning/samtale/{niels_conv}/status/kvittering").status_code == 404
    response = client.post(f"/opfoelgning/samtale/{niels_conv}/status",
                           data={"submission_key": "k" * 20, "wellbeing": "better", "treatment": "none",
                                 "partial_possible": "no"})
    assert response.status_code == 404
    assert db.execute("SELECT COUNT(*) FROM followup_status_answers").fetchone()[0] == 0
    # Not a follow-up conversation: not found here either.
    mette_conv = db.execute("SELECT id FROM conversations WHERE citizen_id = ?", [citizen_id(db, "Mette Jensen")]).fetchone()[0]
    assert client.get(f"/opfoelgning/samtale/{mette_conv}/status").status_code == 404
    assert client.get("/opfoelgning/oplysningsskema/ukendt").status_code == 404


def test_a_caseworker_reaches_only_their_municipality(app, db):
    worker = app.test_client()
    login_caseworker(worker, "lise@skovlund.example")
    niels = citizen_id(db, "Niels Bak")
    conv = _next_followup(db, "Niels Bak")
    assert "Niels Bak" not in worker.get("/sagsbehandler/opfoelgning").get_data(as_text=True)
    assert worker.get(f"/sagsbehandler/opfoelgning/samtale/{conv}/afholdt").status_code == 404
    assert worker.post(f"/sagsbehandler/opfoelgning/samtale/{conv}/afholdt", data={"summary": "x"}).status_code == 404
    assert worker.get(f"/sagsbehandler/opfoelgning/borger/{niels}/fastholdelsesplan").status_code == 404
    assert worker.post(f"/sagsbehandler/opfoelgning/borger/{niels}/send-skema",
                       data={"submission_key": "k" * 20}).status_code == 404
    db.execute("INSERT INTO followup_requests (citizen_id, municipality_id, status, created_at)"
               " VALUES (?, (SELECT municipality_id FROM citizens WHERE id = ?), 'open', 'x')", [niels, niels])
    request_id = db.execute("SELECT id FROM followup_requests").fetchone()[0]
    assert worker.post(f"/sagsbehandler/opfoelgning/anmodning/{request_id}/behandlet").status_code == 404
    assert db.execute("SELECT status FROM followup_requests").fetchone()[0] == "open"
    # A citizen who is not sick-listed has no follow-up pages on the caseworker's side either.
    anne = app.test_client()
    login_caseworker(anne)
    mette = citizen_id(db, "Mette Jensen")
    assert anne.get(f"/sagsbehandler/opfoelgning/borger/{mette}/fastholdelsesplan").status_code == 404


@pytest.mark.parametrize("locale", ["da", "en"])
def test_every_page_passes_the_invariants(app, db, locale):
    citizen = app.test_client()
    citizen.post(f"/sprog/{locale}")
    login_citizen(citizen, db, "Hanne Larsen")
    pages = ["/min-plan", "/opfoelgning", "/opfoelgning/oplysningsskema"]
    for url in pages:
        check_page(citizen.get(url).data, locale)
    for slug in ("arbejde", "fravaer", "delvis", "varighed"):
        check_page(citizen.get(f"/opfoelgning/oplysningsskema/{slug}").data, locale)
    failed = citizen.post("/opfoelgning/oplysningsskema/arbejde", data={"submit": "1"})
    assert failed.status_code == 400
    check_page(failed.data, locale)
    fill_all(citizen, retention="citizen")
    check_page(citizen.get("/opfoelgning/oplysningsskema/arbejdsgiver").data, locale)
    check_page(citizen.get("/opfoelgning/oplysningsskema/hjaelp").data, locale)
    check = citizen.get("/opfoelgning/oplysningsskema/tjek")
    check_page(check.data, locale)
    citizen.post("/opfoelgning/oplysningsskema/tjek", data={"submission_key": key_in(check.get_data(as_text=True))})
    check_page(citizen.get("/opfoelgning/oplysningsskema/kvittering").data, locale)
    conv = _next_followup(db)
    status = citizen.get(f"/opfoelgning/samtale/{conv}/status")
    check_page(status.data, locale)
    failed = citizen.post(f"/opfoelgning/samtale/{conv}/status", data={"submission_key": key_in(status.get_data(as_text=True))})
    assert failed.status_code == 400
    check_page(failed.data, locale)
    citizen.post(f"/opfoelgning/samtale/{conv}/status", data={
        "submission_key": key_in(status.get_data(as_text=True)), "wellbeing": "same", "treatment": "none",
        "partial_possible": "dont_know"})
    check_page(citizen.get(f"/opfoelgning/samtale/{conv}/status/kvittering").data, locale)
    request = citizen.get("/opfoelgning/bed-om-samtale")
    check_page(request.data, locale)
    citizen.post("/opfoelgning/bed-om-samtale", data={"submission_key": key_in(request.get_data(as_text=True))})
    check_page(citizen.get("/opfoelgning/bed-om-samtale/kvittering").data, locale)
    back = citizen.get("/opfoelgning/raskmelding")
    check_page(back.data, locale)
    failed = citizen.post("/opfoelgning/raskmelding", data={"submission_key": key_in(back.get_data(as_text=True))})
    assert failed.status_code == 400
    check_page(failed.data, locale)
    check_page(citizen.get("/opfoelgning").data, locale)
    check_page(citizen.get("/min-plan").data, locale)

    worker = app.test_client()
    worker.post(f"/sprog/{locale}")
    login_caseworker(worker)
    hanne = citizen_id(db, "Hanne Larsen")
    for url in ("/sagsbehandler/", "/sagsbehandler/opfoelgning", f"/sagsbehandler/borger/{hanne}",
                f"/sagsbehandler/borger/{citizen_id(db, 'Niels Bak')}",
                f"/sagsbehandler/opfoelgning/borger/{hanne}/fastholdelsesplan",
                f"/sagsbehandler/opfoelgning/samtale/{conv}/afholdt"):
        check_page(worker.get(url).data, locale)
    failed = worker.post(f"/sagsbehandler/opfoelgning/borger/{hanne}/fastholdelsesplan", data={})
    assert failed.status_code == 400
    check_page(failed.data, locale)
    starts = clock.from_db(db.execute("SELECT starts_at FROM conversations WHERE id = ?", [conv]).fetchone()[0])
    with time_machine.travel(starts + timedelta(minutes=1), tick=False):
        worker = app.test_client()
        worker.post(f"/sprog/{locale}")
        login_caseworker(worker)
        check_page(worker.get(f"/sagsbehandler/opfoelgning/samtale/{conv}/afholdt").data, locale)
        failed = worker.post(f"/sagsbehandler/opfoelgning/samtale/{conv}/afholdt", data={})
        assert failed.status_code == 400
        check_page(failed.data, locale)


def test_no_cpr_number_on_the_follow_up_pages(app, db):
    from app.followup.demo import NIELS
    cprs = [row[0] for row in db.execute("SELECT cpr FROM citizens")]
    assert NIELS["cpr"] in cprs
    seen = []
    citizen = app.test_client()
    login_citizen(citizen, db, "Niels Bak")
    for url in ("/opfoelgning", "/min-plan", "/opfoelgning/oplysningsskema/kvittering"):
        seen.append(citizen.get(url).get_data(as_text=True))
    worker = app.test_client()
    login_caseworker(worker)
    for url in ("/sagsbehandler/", "/sagsbehandler/opfoelgning", f"/sagsbehandler/borger/{citizen_id(db, 'Niels Bak')}"):
        seen.append(worker.get(url).get_data(as_text=True))
    blob = "\n".join(seen)
    assert "150392-XXXX" in blob  # masked on the case page
    for cpr in cprs:
        assert cpr not in blob and f"{cpr[:6]}-{cpr[6:]}" not in blob


def test_another_citizens_form_key_is_only_a_new_submission(app, db):
    """A key means something only to the citizen who sent it: Niels never gets Hanne's result."""
    hanne, niels = app.test_client(), app.test_client()
    login_citizen(hanne, db, "Hanne Larsen")
    login_citizen(niels, db, "Niels Bak")
    key = "shared-key-0123456789"
    assert hanne.post("/opfoelgning/bed-om-samtale", data={"submission_key": key}).status_code == 302
    assert niels.post("/opfoelgning/bed-om-samtale", data={"submission_key": key}).status_code == 302
    assert hanne.post("/opfoelgning/bed-om-samtale", data={"submission_key": key}).status_code == 302  # a repeat
    rows = [tuple(r) for r in db.execute("SELECT citizen_id, COUNT(*) FROM followup_requests GROUP BY citizen_id"
                                         " ORDER BY citizen_id")]
    assert rows == sorted([(citizen_id(db, "Hanne Larsen"), 1), (citizen_id(db, "Niels Bak"), 1)])


@pytest.mark.parametrize("locale", ["da", "en"])
def test_pages_after_a_full_return_pass_the_invariants(app, db, locale):
    """A full return flags the booked follow-up: on the citizen's pages, I dag, the queue and the case."""
    niels = citizen_id(db, "Niels Bak")
    db.execute("UPDATE sick_cases SET full_return_on = ? WHERE citizen_id = ?", [clock.today().isoformat(), niels])
    citizen = app.test_client()
    citizen.post(f"/sprog/{locale}")
    login_citizen(citizen, db, "Niels Bak")
    for url in ("/opfoelgning", "/min-plan"):
        check_page(citizen.get(url).data, locale)
    worker = app.test_client()
    worker.post(f"/sprog/{locale}")
    login_caseworker(worker)
    pages = {url: worker.get(url).get_data(as_text=True)
             for url in ("/sagsbehandler/", "/sagsbehandler/opfoelgning", f"/sagsbehandler/borger/{niels}")}
    for html in pages.values():
        check_page(html, locale)
    conv = _next_followup(db, "Niels Bak")
    assert 'id="today-after-return"' in pages["/sagsbehandler/"]
    assert 'id="after-return"' in pages["/sagsbehandler/opfoelgning"]
    assert f'id="after-return-{conv}"' in pages[f"/sagsbehandler/borger/{niels}"]
