"""Submission keys: a form acts once however often it is sent; a key is bound to who sent it
and the action it was sent with, so it never replays another form's result."""
from datetime import timedelta

import pytest

from app import clock
from app.db import transaction
from app.idempotency import AlreadyDone, claim, new_key

from .conftest import citizen_id, login_caseworker, login_citizen
from .test_joblog_entries import entry


def test_a_key_acts_once_and_returns_the_first_result(db):
    key = new_key()
    with transaction(db):
        claim(db, key, "citizen:1", "conversation_book:1:2").complete({"conversation_id": 7})
    with pytest.raises(AlreadyDone) as caught:
        with transaction(db):
            claim(db, key, "citizen:1", "conversation_book:1:2")
    assert caught.value.result == {"conversation_id": 7}


def test_a_key_rolled_back_with_its_change_can_be_used_again(db):
    key = new_key()
    with pytest.raises(RuntimeError):
        with transaction(db):
            claim(db, key, "citizen:1", "joblog_entry_create")
            raise RuntimeError("the change failed")
    with transaction(db):
        claim(db, key, "citizen:1", "joblog_entry_create")  # not taken: the failed attempt left nothing behind


def test_the_same_key_from_someone_else_or_for_another_action_is_a_new_submission(db):
    key = new_key()
    with transaction(db):
        claim(db, key, "citizen:1", "joblog_entry_create").complete({"entry_id": 1})
    with transaction(db):
        claim(db, key, "citizen:2", "joblog_entry_create").complete({"entry_id": 2})
        claim(db, key, "citizen:1", "joblog_entry_delete:1").complete({"entry_id": 1})
    for actor, action, result in (("citizen:1", "joblog_entry_create", {"entry_id": 1}),
                                  ("citizen:2", "joblog_entry_create", {"entry_id": 2}),
                                  ("citizen:1", "joblog_entry_delete:1", {"entry_id": 1})):
        with pytest.raises(AlreadyDone) as caught:
            with transaction(db):
                claim(db, key, actor, action)
        assert caught.value.result == result


# ------------------------------------------------------------------ through the pages

def _entries(db, name):
    return [dict(r) for r in db.execute("SELECT j.* FROM joblog_entries j JOIN citizens c ON c.id = j.citizen_id"
                                        " WHERE c.name = ? ORDER BY j.id", [name])]


def _upcoming(db, name):
    return [dict(r) for r in db.execute(
        "SELECT c.* FROM conversations c JOIN citizens z ON z.id = c.citizen_id WHERE z.name = ?"
        " AND c.status = 'booked' AND c.starts_at > ? ORDER BY c.starts_at", [name, clock.to_db(clock.now())])]


def test_a_joblog_entrys_key_sent_with_another_form_does_that_forms_work(client, db):
    login_citizen(client, db, "Mette Jensen")
    key = new_key()
    assert client.post("/joblog/ny", data=entry(applied_on=clock.today().isoformat(), submission_key=key)).status_code == 302
    added = _entries(db, "Mette Jensen")[-1]

    # Delete with the add form's key: the entry is really deleted, not a receipt for nothing.
    response = client.post(f"/joblog/{added['id']}/slet", data={"submission_key": key})
    assert response.status_code == 302
    assert added["id"] not in [e["id"] for e in _entries(db, "Mette Jensen")]
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'joblog_entry_deleted' AND entity_id = ?",
                      [added["id"]]).fetchone()[0] == 1

    conv = _upcoming(db, "Mette Jensen")[0]
    response = client.post(f"/samtaler/{conv['id']}/form", data={
        "format": "phone" if conv["format"] != "phone" else "video", "reason": "Lang transport",
        "phone_number": "12345678", "submission_key": key})
    assert response.status_code == 302
    changed = db.execute("SELECT format FROM conversations WHERE id = ?", [conv["id"]]).fetchone()[0]
    requested = db.execute("SELECT COUNT(*) FROM format_requests WHERE conversation_id = ?", [conv["id"]]).fetchone()[0]
    assert changed != conv["format"] or requested == 1

    response = client.post(f"/samtaler/{conv['id']}/afbud", data={"reason": "sickness", "submission_key": key})
    assert response.status_code == 302 and response.headers["Location"].endswith("/afbud/kvittering")
    assert db.execute("SELECT status FROM conversations WHERE id = ?", [conv["id"]]).fetchone()[0] == "cancelled_citizen"


def test_a_key_used_for_another_follow_up_action_registers_the_return(client, db):
    login_citizen(client, db, "Hanne Larsen")
    key = new_key()
    assert client.post("/opfoelgning/bed-om-samtale", data={"topic": "Tilbage", "submission_key": key}).status_code == 302
    response = client.post("/opfoelgning/raskmelding", data={
        "kind": "full", "on_date": clock.today().isoformat(), "submission_key": key})
    assert response.status_code == 302
    hanne = citizen_id(db, "Hanne Larsen")
    assert db.execute("SELECT full_return_on FROM sick_cases WHERE citizen_id = ?", [hanne]).fetchone()[0]


def test_another_citizens_key_is_a_new_submission_for_this_citizen(app, db):
    emma, mette = app.test_client(), app.test_client()
    db.execute("UPDATE citizens SET group_since = '2026-09-01' WHERE name = 'Emma Holm'")
    login_citizen(emma, db, "Emma Holm")
    login_citizen(mette, db, "Mette Jensen")
    key = new_key()
    assert emma.post("/joblog/ny", data=entry(employer="Emmas arbejdsgiver", applied_on=clock.today().isoformat(), submission_key=key)).status_code == 302
    response = mette.post("/joblog/ny", data=entry(employer="Mettes arbejdsgiver", applied_on=clock.today().isoformat(),
                                            submission_key=key))
    assert response.status_code == 302
    assert _entries(db, "Mette Jensen")[-1]["employer"] == "Mettes arbejdsgiver"
    assert [e["employer"] for e in _entries(db, "Emma Holm")][-1] == "Emmas arbejdsgiver"


def test_a_caseworkers_summons_key_reused_for_another_citizen_summons_that_citizen(client, db):
    login_caseworker(client)
    key = new_key()
    day = (clock.today() + timedelta(days=9)).isoformat()
    summons = {"kind": "job", "day": day, "start": "09:00", "minutes": "45", "format": "phone",
               "phone_number": "12345678", "submission_key": key}
    ali, sofie = citizen_id(db, "Ali Hassan"), citizen_id(db, "Sofie Nielsen")
    before = len(_upcoming(db, "Sofie Nielsen"))
    assert client.post(f"/sagsbehandler/borger/{ali}/indkald", data=summons).status_code == 302
    assert client.post(f"/sagsbehandler/borger/{sofie}/indkald", data={**summons, "start": "11:00"}).status_code == 302
    assert len(_upcoming(db, "Sofie Nielsen")) == before + 1
