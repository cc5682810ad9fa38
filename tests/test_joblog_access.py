"""Who reaches which joblog: a citizen only their own entries, a caseworker only their
municipality's citizens. The CSV export, the caseworker's views and panels, and the page
invariants of every joblog page in both languages."""
import csv
import io

import pytest
import time_machine

from app.idempotency import new_key

from .conftest import citizen_id, group_of, login_caseworker, login_citizen, rules_today
from .invariants import check_page

SATURDAY = "2026-11-28 10:00 +0100"  # week 48's deadline (Monday 30 November) is 2 days away


def _entry_of(db, name):
    return db.execute("SELECT j.id FROM joblog_entries j JOIN citizens c ON c.id = j.citizen_id"
                      " WHERE c.name = ? ORDER BY j.applied_on DESC LIMIT 1", [name]).fetchone()[0]


def _english(client):
    client.post("/sprog/en?next=/log-ind")


def test_no_one_reaches_another_citizens_entries(client, db):
    others = _entry_of(db, "Ali Hassan")
    before = db.execute("SELECT * FROM joblog_entries WHERE id = ?", [others]).fetchone()
    login_citizen(client, db, "Mette Jensen")
    assert client.get(f"/joblog/{others}/ret").status_code == 404
    assert client.post(f"/joblog/{others}/ret", data={
        "kind": "other", "employer": "Hacked", "applied_on": "2026-11-23", "status": "sent",
        "submission_key": new_key()}).status_code == 404
    assert client.get(f"/joblog/{others}/slet").status_code == 404
    assert client.post(f"/joblog/{others}/slet", data={"submission_key": new_key()}).status_code == 404
    assert client.get("/joblog/999999/ret").status_code == 404
    assert tuple(db.execute("SELECT * FROM joblog_entries WHERE id = ?", [others]).fetchone()) == tuple(before)
    page = client.get("/joblog").get_data(as_text=True)
    assert "Restaurant Havnen" not in page  # Ali's employer
    csv_text = client.get("/joblog/eksport.csv").data.decode("utf-8-sig")
    assert "Restaurant Havnen" not in csv_text and "Fjordby Lager A/S" in csv_text


def test_joblog_pages_need_the_right_kind_of_login(client, db):
    assert client.get("/joblog").status_code == 302  # to the login page
    assert client.get("/joblog/eksport.csv").status_code == 302
    assert client.get("/sagsbehandler/joblog").status_code == 302
    login_citizen(client, db)
    assert client.get("/sagsbehandler/joblog").status_code == 403
    assert client.get(f"/sagsbehandler/joblog/borger/{citizen_id(db, 'Mette Jensen')}").status_code == 403
    worker = client.application.test_client()
    login_caseworker(worker)
    assert worker.get("/joblog").status_code == 403
    assert worker.get("/joblog/ny").status_code == 403


def test_a_caseworker_of_another_municipality_gets_404(client, db):
    login_caseworker(client, "lise@skovlund.example")
    assert client.get(f"/sagsbehandler/joblog/borger/{citizen_id(db, 'Mette Jensen')}").status_code == 404
    assert client.get(f"/sagsbehandler/joblog/borger/{citizen_id(db, 'Bo Berg')}").status_code == 200
    overview = client.get("/sagsbehandler/joblog").get_data(as_text=True)
    assert "Mette Jensen" not in overview and "Ali Hassan" not in overview


def test_csv_export_of_the_citizens_own_entries(client, db):
    mette = citizen_id(db, "Mette Jensen")
    db.execute("INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, source, note, url,"
               " status, created_at, updated_at) VALUES (?, 'unsolicited', 'Ærø Æbler; \"Søs\" & Co', '=HYPERLINK(1)',"
               " '2026-11-20', 'Avis', 'Linje 1\nLinje 2', 'https://job.example/x', 'offered',"
               " '2026-11-20T09:14:00Z', '2026-11-20T09:14:00Z')", [mette])
    _english(client)
    login_citizen(client, db, "Mette Jensen")
    response = client.get("/joblog/eksport.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv") and "utf-8" in response.headers["Content-Type"]
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert 'filename="joblog-' in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Danish letters
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["Date", "Type", "Employer", "Job title", "Where found", "Status", "Note", "Link", "Registered"]
    count = db.execute("SELECT COUNT(*) FROM joblog_entries WHERE citizen_id = ?", [mette]).fetchone()[0]
    assert len(rows) == count + 1
    mine = next(r for r in rows if r[2].startswith("Ærø"))
    assert mine == ["2026-11-20", "Unsolicited application", 'Ærø Æbler; "Søs" & Co', "'=HYPERLINK(1)", "Avis",
                    "Offered the job", "Linje 1\nLinje 2", "https://job.example/x", "2026-11-20 10:14"]
    cpr = db.execute("SELECT cpr FROM citizens WHERE id = ?", [mette]).fetchone()[0]
    assert cpr not in response.data.decode("utf-8-sig") and cpr[:6] not in response.data.decode("utf-8-sig")


@pytest.fixture
def quiet_week(db):
    """Emma Holm and Jonas Madsen, fixed so the caseworker's list does not depend on today's weekday."""
    emma, jonas = citizen_id(db, "Emma Holm"), citizen_id(db, "Jonas Madsen")
    db.execute("UPDATE citizens SET group_since = '2026-09-01' WHERE id IN (?, ?)", [emma, jonas])
    db.execute("DELETE FROM joblog_entries WHERE citizen_id IN (?, ?)", [emma, jonas])
    # Emma met last week (47) and has one of two this week (48); Jonas met last week and has none.
    for cid, day in [(emma, "2026-11-17"), (emma, "2026-11-19"), (emma, "2026-11-24"),
                     (jonas, "2026-11-16"), (jonas, "2026-11-20")]:
        db.execute("INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, status,"
                   " created_at, updated_at) VALUES (?, 'advertised', 'Firma', 'Job', ?, 'sent', ?, ?)",
                   [cid, day, "2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z"])
    return emma, jonas


def test_caseworker_sees_at_risk_and_missed_joblogs(client, db, quiet_week):
    emma, jonas = quiet_week
    _english(client)
    with time_machine.travel("2026-11-25 10:00 +0100", tick=False):  # Wednesday: 5 days left
        login_caseworker(client)
        page = client.get("/sagsbehandler/joblog").get_data(as_text=True)
        assert "Emma Holm" not in page and "Jonas Madsen" not in page
    with time_machine.travel(SATURDAY, tick=False):
        login_caseworker(client)
        page = client.get("/sagsbehandler/joblog")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert "Emma Holm" in text and "Jonas Madsen" in text and "At risk" in text
        assert "Bo Berg" not in text  # another municipality
        # At risk first, nearest deadline first, then by name.
        assert text.index("Emma Holm") < text.index("Jonas Madsen")
        today = client.get("/sagsbehandler/").get_data(as_text=True)
        assert "Joblogs at risk" in today and "Emma Holm" in today

        case = client.get(f"/sagsbehandler/borger/{emma}").get_data(as_text=True)
        assert "Joblog by period" in case and "Week 48, 23 Nov – 29 Nov 2026" in case
        assert "Week 47, 16 Nov – 22 Nov 2026" in case and "Not met" in case  # week 46 had none
        full = client.get(f"/sagsbehandler/joblog/borger/{emma}")
        assert full.status_code == 200
        body = full.get_data(as_text=True)
        assert "Joblog: Emma Holm" in body and "Week 36," in body and "Not met" in body
        assert "/joblog/" not in body.replace("/sagsbehandler/joblog", "")  # no citizen edit links


def test_the_requirement_note_reaches_the_joblog_page(app, db):
    worker, citizen = app.test_client(), app.test_client()
    mette = citizen_id(db, "Mette Jensen")
    login_caseworker(worker)
    worker.post(f"/sagsbehandler/borger/{mette}/krav-til-jobsoegning", data={"count": "3", "note": "Tre om ugen.",
                                                                           "from_current_period": "y"})
    _english(citizen)
    login_citizen(citizen, db, "Mette Jensen")
    page = citizen.get("/joblog").get_data(as_text=True)
    period = rules_today(group_of(db, "Mette Jensen")).joblog.period
    assert f"At least 3 job applications per {period}." in page and "Agreed with your caseworker." in page
    assert "Tre om ugen." in page


@pytest.mark.parametrize("locale", ["da", "en"])
def test_every_joblog_page_is_valid(app, db, locale):
    citizen = app.test_client()
    login_citizen(citizen, db, "Mette Jensen")
    citizen.post(f"/sprog/{locale}?next=/log-ind")
    own = _entry_of(db, "Mette Jensen")
    for url in ["/joblog", "/joblog/ny", f"/joblog/{own}/ret", f"/joblog/{own}/slet",
                "/joblog?kind=advertised&status=sent&q=lager", "/min-plan"]:
        response = citizen.get(url)
        assert response.status_code == 200, url
        check_page(response.data, locale)
    failed = citizen.post("/joblog/ny", data={"kind": "advertised", "employer": "", "applied_on": "x",
                                              "status": "sent", "submission_key": new_key()})
    assert failed.status_code == 400
    check_page(failed.data, locale)

    empty = app.test_client()
    login_citizen(empty, db, "Karin Poulsen")
    empty.post(f"/sprog/{locale}?next=/log-ind")
    check_page(empty.get("/joblog").data, locale)

    worker = app.test_client()
    login_caseworker(worker)
    worker.post(f"/sprog/{locale}?next=/log-ind")
    for url in ["/sagsbehandler/joblog", f"/sagsbehandler/joblog/borger/{citizen_id(db, 'Mette Jensen')}",
                f"/sagsbehandler/joblog/borger/{citizen_id(db, 'Karin Poulsen')}",
                f"/sagsbehandler/borger/{citizen_id(db, 'Mette Jensen')}", "/sagsbehandler/"]:
        response = worker.get(url)
        assert response.status_code == 200, url
        check_page(response.data, locale)


def test_the_municipality_list_agrees_with_each_citizens_own_view(app, db, quiet_week):
    """The list is computed for the whole municipality at once; it must judge each citizen as
    the citizen's own view does, caseworker-set numbers included."""
    from app.joblog import overview
    emma, jonas = quiet_week
    worker = db.execute("SELECT id FROM caseworkers WHERE email = 'anne@fjordby.example'").fetchone()[0]
    municipality = db.execute("SELECT municipality_id FROM citizens WHERE id = ?", [emma]).fetchone()[0]
    from app.joblog import service
    with time_machine.travel("2026-11-20 10:00 +0100", tick=False):
        citizen = dict(db.execute("SELECT * FROM citizens WHERE id = ?", [jonas]).fetchone())
        service.set_requirement(db, caseworker_id=worker, citizen=citizen, count=1, note=None, from_current_period=True)  # week 47: 1 is enough
    with time_machine.travel(SATURDAY, tick=False), app.test_request_context():
        watches, total = overview.needing_attention(db, municipality)
        assert total == len(watches)
        listed = {w.citizen["id"]: w for w in watches}
        for row in db.execute("SELECT * FROM citizens WHERE municipality_id = ?", [municipality]):
            single = overview.watch_for(db, dict(row))
            if single.at_risk or single.missed:
                batch = listed[row["id"]]
                assert (batch.at_risk, batch.missed) == (single.at_risk, single.missed), row["name"]
            else:
                assert row["id"] not in listed, row["name"]
        assert listed[jonas].at_risk.requirement.count == 1 and listed[jonas].missed is None
        page, total_again = overview.needing_attention(db, municipality, offset=1, limit=1)
        assert total_again == total and page[0].citizen["id"] == watches[1].citizen["id"]
