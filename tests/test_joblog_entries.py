"""The citizen's joblog: add, edit, delete, the lock after the deadline, every validation path,
double submits, progress and the audit trail. Time is fixed; Emma Holm (job-ready kontanthjælp,
weekly, 2 a week) starts each test with an empty joblog."""
import json

import pytest
import time_machine

from app.idempotency import new_key

from .conftest import citizen_id, login_citizen

WEDNESDAY = "2026-11-25 10:00 +0100"     # week 48: 23-29 November, deadline Monday 30 November
DEADLINE_DAY = "2026-11-30 20:00 +0100"  # Monday: week 48 still open, week 49 begun
AFTER_DEADLINE = "2026-12-01 09:00 +0100"


@pytest.fixture
def emma(db):
    cid = citizen_id(db, "Emma Holm")
    db.execute("UPDATE citizens SET group_since = '2026-09-01' WHERE id = ?", [cid])
    db.execute("DELETE FROM joblog_entries WHERE citizen_id = ?", [cid])
    return cid


def entry(**changes) -> dict:
    data = dict(kind="advertised", employer="Fjordby Bageri", job_title="Ekspedient", applied_on="2026-11-24",
                source="Jobnet", status="sent", note="", url="", submission_key=new_key())
    data.update(changes)
    return data


def login(client, db, name="Emma Holm"):
    client.post("/sprog/en?next=/log-ind")
    login_citizen(client, db, name)


def entries_of(db, cid):
    return [dict(r) for r in db.execute("SELECT * FROM joblog_entries WHERE citizen_id = ? ORDER BY id", [cid])]


def audit_of(db, action):
    return [dict(r) for r in db.execute("SELECT * FROM audit_log WHERE action = ? ORDER BY id", [action])]


def test_add_an_entry_and_see_the_progress_change(client, db, emma):
    with time_machine.travel(WEDNESDAY, tick=False):
        login(client, db)
        page = client.get("/joblog").get_data(as_text=True)
        assert "0 of 2" in page
        assert "You have registered 0 of the 2 required entries; the deadline is Monday 30 November." in page
        form = client.get("/joblog/ny")
        assert form.status_code == 200 and 'value="2026-11-25"' in form.get_data(as_text=True)  # today by default

        response = client.post("/joblog/ny", data=entry(note="Sendt via Jobnet", url="https://job.example/1"))
        assert response.status_code == 302 and response.headers["Location"].endswith("/joblog")
        page = client.get("/joblog").get_data(as_text=True)
        assert "Your job search at Fjordby Bageri is saved. Registered Wednesday 25 November 2026, 10:00." in page
        assert "You have registered 1 of the 2 required entries; the deadline is Monday 30 November." in page
        assert "Fjordby Bageri" in page and "Sendt via Jobnet" in page and "https://job.example/1" in page

        client.post("/joblog/ny", data=entry(employer="Fjordby Kro", kind="unsolicited", applied_on="2026-11-25"))
        page = client.get("/joblog").get_data(as_text=True)
        assert "2 of 2" in page and "You have registered what is required for this period." in page

        plan = client.get("/min-plan").get_data(as_text=True)
        assert "2 of 2" in plan and 'href="/joblog/ny"' in plan and "Register job search" in plan

    rows = entries_of(db, emma)
    assert [(r["employer"], r["kind"], r["applied_on"]) for r in rows] == [
        ("Fjordby Bageri", "advertised", "2026-11-24"), ("Fjordby Kro", "unsolicited", "2026-11-25")]
    created = audit_of(db, "joblog_entry_created")
    assert len(created) == 2 and created[0]["citizen_id"] == emma and created[0]["actor_type"] == "citizen"
    assert created[0]["entity"] == "joblog_entry" and created[0]["entity_id"] == rows[0]["id"]
    assert json.loads(created[0]["after"])["employer"] == "Fjordby Bageri" and created[0]["before"] is None


def test_a_double_submitted_form_creates_one_entry(client, db, emma):
    with time_machine.travel(WEDNESDAY, tick=False):
        login(client, db)
        data = entry()
        first = client.post("/joblog/ny", data=data)
        second = client.post("/joblog/ny", data=data)
        assert first.status_code == second.status_code == 302
        assert "is saved" in client.get("/joblog").get_data(as_text=True)
    assert len(entries_of(db, emma)) == 1
    assert len(audit_of(db, "joblog_entry_created")) == 1


TOO_LONG = "x" * 201


@pytest.mark.parametrize("changes, field, message", [
    (dict(employer=""), "employer", "Enter the employer"),
    (dict(employer="   "), "employer", "Enter the employer"),
    (dict(employer=TOO_LONG), "employer", "The employer can be at most 200 characters"),
    (dict(job_title=""), "job_title", "Enter the job title"),
    (dict(job_title=TOO_LONG), "job_title", "The job title can be at most 200 characters"),
    (dict(applied_on=""), "applied_on", "Enter the date"),
    (dict(applied_on="31-02-2026"), "applied_on", "Enter a real date, for example 23-11-2026"),
    (dict(applied_on="2026-11-26"), "applied_on", "The date cannot be in the future."),
    (dict(applied_on="2026-11-26", status="rejected"), "applied_on", "The date cannot be in the future."),
    (dict(kind="interview", applied_on="2026-11-30", status="interview"), "applied_on",
     "A job interview can be registered ahead only within this period, until Sunday 29 November."),
    (dict(applied_on="2026-11-22"), "applied_on",
     "The deadline for that period was Monday 23 November 2026, so you can no longer register job search for that date."),
    (dict(kind=""), "kind", "Choose the type of job search"),
    (dict(kind="letter"), "kind", "Choose the type of job search"),
    (dict(status="lost"), "status", "Choose the status"),
    (dict(source=TOO_LONG), "source", "Where you found the job can be at most 200 characters"),
    (dict(note="y" * 1001), "note", "The note can be at most 1000 characters"),
    (dict(url="www.job.example"), "url", "Enter a link that starts with https://"),
    (dict(url="javascript:alert(1)"), "url", "Enter a link that starts with https://"),
    (dict(url="https://job.example/" + "a" * 500), "url", "The link can be at most 500 characters"),
])
def test_every_validation_path_keeps_what_was_typed(client, db, emma, changes, field, message):
    with time_machine.travel(WEDNESDAY, tick=False):
        login(client, db)
        data = entry(employer="Kept Employer ÆØÅ", note="Kept note")
        data.update(changes)
        response = client.post("/joblog/ny", data=data)
        page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in page and message in page
    # The message sits next to its field and is linked from the summary.
    assert f'id="{field}-error"' in page and f'href="#{field}' in page
    if "employer" not in changes:
        assert "Kept Employer ÆØÅ" in page
    if "note" not in changes:
        assert "Kept note" in page
    assert entries_of(db, emma) == []


def test_other_activity_needs_no_job_title_and_an_interview_may_be_ahead(client, db, emma):
    with time_machine.travel(WEDNESDAY, tick=False):
        login(client, db)
        assert client.post("/joblog/ny", data=entry(kind="other", job_title="", employer="Jobmesse")).status_code == 302
        assert client.post("/joblog/ny", data=entry(kind="interview", status="interview",
                                                    applied_on="2026-11-27")).status_code == 302
        # A date typed by hand, the Danish way, is understood too.
        assert client.post("/joblog/ny", data=entry(applied_on="24.11.2026", employer="Håndskrevet")).status_code == 302
    assert sorted(r["applied_on"] for r in entries_of(db, emma)) == ["2026-11-24", "2026-11-24", "2026-11-27"]


def test_edit_an_open_entry(client, db, emma):
    with time_machine.travel(WEDNESDAY, tick=False):
        login(client, db)
        client.post("/joblog/ny", data=entry())
        entry_id = entries_of(db, emma)[0]["id"]
        form = client.get(f"/joblog/{entry_id}/ret").get_data(as_text=True)
        assert 'value="Fjordby Bageri"' in form and 'value="2026-11-24"' in form
        response = client.post(f"/joblog/{entry_id}/ret", data=entry(status="interview", job_title="Bagersvend"))
        assert response.status_code == 302
        assert "Your changes are saved." in client.get("/joblog").get_data(as_text=True)
        # The same values again: nothing to save, nothing logged.
        client.post(f"/joblog/{entry_id}/ret", data=entry(status="interview", job_title="Bagersvend"))
        assert "You did not change anything." in client.get("/joblog").get_data(as_text=True)
        # A validation error on edit keeps what was typed.
        response = client.post(f"/joblog/{entry_id}/ret", data=entry(employer="", job_title="Ny titel"))
        assert response.status_code == 400 and "Enter the employer" in response.get_data(as_text=True)
        assert 'value="Ny titel"' in response.get_data(as_text=True)
    row = entries_of(db, emma)[0]
    assert (row["status"], row["job_title"]) == ("interview", "Bagersvend")
    updates = audit_of(db, "joblog_entry_updated")
    assert len(updates) == 1
    before, after = json.loads(updates[0]["before"]), json.loads(updates[0]["after"])
    assert (before["status"], before["job_title"]) == ("sent", "Ekspedient")
    assert (after["status"], after["job_title"]) == ("interview", "Bagersvend")
    assert after["changed"] == ["job_title", "status"]


def test_delete_an_open_entry(client, db, emma):
    with time_machine.travel(WEDNESDAY, tick=False):
        login(client, db)
        client.post("/joblog/ny", data=entry())
        entry_id = entries_of(db, emma)[0]["id"]
        confirm = client.get(f"/joblog/{entry_id}/slet")
        assert confirm.status_code == 200 and "Delete this entry?" in confirm.get_data(as_text=True)
        key = new_key()
        assert client.post(f"/joblog/{entry_id}/slet", data={"submission_key": key}).status_code == 302
        # A double click on "Delete" is the same action, not a 404.
        assert client.post(f"/joblog/{entry_id}/slet", data={"submission_key": key}).status_code == 302
        page = client.get("/joblog").get_data(as_text=True)
        assert "The entry is deleted." in page and "0 of 2" in page
        assert client.get(f"/joblog/{entry_id}/ret").status_code == 404
    assert entries_of(db, emma) == []
    deleted = audit_of(db, "joblog_entry_deleted")
    assert len(deleted) == 1 and json.loads(deleted[0]["before"])["employer"] == "Fjordby Bageri"


def test_last_week_stays_open_until_its_deadline_then_locks(client, db, emma):
    with time_machine.travel(WEDNESDAY, tick=False):
        login(client, db)
        client.post("/joblog/ny", data=entry())
    entry_id = entries_of(db, emma)[0]["id"]

    with time_machine.travel(DEADLINE_DAY, tick=False):
        login(client, db)
        page = client.get("/joblog").get_data(as_text=True)
        assert "Week 48, 23 Nov – 29 Nov 2026 is still open" in page
        assert "You have registered 1 of the 2 required entries for that period." in page
        assert client.get(f"/joblog/{entry_id}/ret").status_code == 200
        # Job search done last week can still be registered today.
        assert client.post("/joblog/ny", data=entry(applied_on="2026-11-29")).status_code == 302
        plan = client.get("/min-plan").get_data(as_text=True)
        assert "0 of 2" in plan  # Min Plan shows the week today is in

    with time_machine.travel(AFTER_DEADLINE, tick=False):
        login(client, db)
        page = client.get("/joblog").get_data(as_text=True)
        assert "Locked" in page and "is still open" not in page
        assert f'/joblog/{entry_id}/ret"' not in page and f'/joblog/{entry_id}/slet"' not in page
        response = client.get(f"/joblog/{entry_id}/ret", follow_redirects=True)
        assert "This entry is locked" in response.get_data(as_text=True)
        response = client.post(f"/joblog/{entry_id}/ret", data=entry(employer="Changed"), follow_redirects=True)
        assert "This entry is locked" in response.get_data(as_text=True)
        response = client.post(f"/joblog/{entry_id}/slet", data={"submission_key": new_key()}, follow_redirects=True)
        assert "This entry is locked" in response.get_data(as_text=True)
        # Nor can an open entry be moved into the closed week.
        client.post("/joblog/ny", data=entry(applied_on="2026-12-01", employer="Ny uge"))
        new_id = entries_of(db, emma)[-1]["id"]
        response = client.post(f"/joblog/{new_id}/ret", data=entry(applied_on="2026-11-27", employer="Ny uge"))
        assert response.status_code == 400 and "The deadline for that period was Monday 30 November 2026" in response.get_data(as_text=True)
    rows = entries_of(db, emma)
    assert rows[0]["employer"] == "Fjordby Bageri" and len(rows) == 3 and rows[2]["applied_on"] == "2026-12-01"


def test_history_shows_met_and_missed_and_filters(client, db, emma):
    with time_machine.travel("2026-11-18 10:00 +0100", tick=False):  # week 47
        login(client, db)
        client.post("/joblog/ny", data=entry(applied_on="2026-11-17", employer="Alfa Byg", job_title="Tømrer"))
        client.post("/joblog/ny", data=entry(applied_on="2026-11-18", employer="Beta Bager", kind="unsolicited"))
    with time_machine.travel(WEDNESDAY, tick=False):  # week 48: one entry
        login(client, db)
        client.post("/joblog/ny", data=entry(applied_on="2026-11-24", employer="Gamma Kontor", status="rejected"))
    with time_machine.travel("2026-12-02 10:00 +0100", tick=False):  # week 49: weeks 47 met, 48 missed
        login(client, db)
        page = client.get("/joblog").get_data(as_text=True)
        week47, week48 = page.index("Week 47,"), page.index("Week 48,")
        assert week48 < week47  # newest first
        assert "Not met" in page[week48:week47] and "1 of 2 registered" in page[week48:week47]
        assert "Met" in page[week47:week47 + 1500] and "2 of 2 registered" in page[week47:week47 + 1500]
        # A week before the first entry since the requirement began (1 September) is missed too.
        assert "Week 36," in page

        page = client.get("/joblog?q=bager").get_data(as_text=True)
        assert "Beta Bager" in page and "Alfa Byg" not in page and "1 entry matches." in page
        page = client.get("/joblog?q=t%C3%B8mrer").get_data(as_text=True)  # the job title, with ø
        assert "Alfa Byg" in page and "Beta Bager" not in page
        page = client.get("/joblog?kind=unsolicited").get_data(as_text=True)
        assert "Beta Bager" in page and "Gamma Kontor" not in page
        page = client.get("/joblog?status=rejected").get_data(as_text=True)
        assert "Gamma Kontor" in page and "Beta Bager" not in page
        page = client.get("/joblog?q=nothing-like-this").get_data(as_text=True)
        assert "No entries match." in page


def test_a_citizen_without_a_joblog_duty(client, db):
    login(client, db, "Karin Poulsen")
    page = client.get("/joblog")
    assert page.status_code == 200 and "You have no job-search requirement at the moment." in page.get_data(as_text=True)
    assert client.get("/joblog/ny").status_code == 404
    assert client.post("/joblog/ny", data=entry()).status_code == 404
