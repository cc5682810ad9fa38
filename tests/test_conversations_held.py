"""One mark_held for every kind of conversation (issue 10), with "det aftalte": what the
citizen does and what the municipality does before the next conversation, and by when; shown
on the citizen's Min Plan and on the case."""
import json
from datetime import timedelta

import time_machine

from app import clock

from .conftest import citizen_id, login_caseworker, login_citizen
from .test_conversations_caseworker import _conversation
from .test_conversations_support import citizen, english, text


def _worker(app):
    client = app.test_client()
    english(client)
    login_caseworker(client)
    return client


AGREED = {"agreed_citizen": "Søg tre lagerjob og opdatér dit CV.",
          "agreed_municipality": "Kommunen finder en praktikplads hos et lager."}


def test_a_job_conversation_held_with_what_was_agreed(app, db):
    mette = citizen(db, "Mette Jensen")
    conv = _conversation(db, mette, hours=-1)
    worker = _worker(app)
    url = f"/sagsbehandler/samtaler/{conv}/afholdt"
    assert "What the citizen does before the next conversation" in text(worker.get(url))
    until = (clock.today() + timedelta(days=14)).isoformat()
    past = (clock.today() - timedelta(days=1)).isoformat()
    refused = worker.post(url, data={"summary": "Godt møde", **AGREED, "agreed_until": past})
    assert refused.status_code == 400 and "cannot be in the past" in text(refused)
    refused = worker.post(url, data={"summary": "Godt møde", "agreed_until": until})
    assert refused.status_code == 400 and "Write what the citizen or the municipality does" in text(refused)
    assert worker.post(url, data={"summary": "Godt møde", **AGREED, "agreed_until": until}).status_code == 302
    row = db.execute("SELECT status, agreed_citizen, agreed_municipality, agreed_until FROM conversations"
                     " WHERE id = ?", [conv]).fetchone()
    assert tuple(row) == ("held", AGREED["agreed_citizen"], AGREED["agreed_municipality"], until)
    entries = [json.loads(r["after"]) for r in db.query(
        "SELECT after FROM audit_log WHERE action = 'conversation_held' AND entity_id = ?", [conv])]
    assert len(entries) == 1 and entries[0]["agreed_citizen"] == AGREED["agreed_citizen"]
    # The case speaks of the citizen in the third person; Min Plan speaks to the citizen.
    case = text(worker.get(f"/sagsbehandler/borger/{mette['id']}"))
    assert "What we agreed" in case and "What the citizen does" in case and AGREED["agreed_municipality"] in case
    web = app.test_client()
    english(web)
    login_citizen(web, db, "Mette Jensen")
    plan = text(web.get("/min-plan"))
    assert "What we agreed" in plan and "What you do" in plan and AGREED["agreed_citizen"] in plan
    other = app.test_client()
    english(other)
    login_citizen(other, db, "Ali Hassan")
    assert AGREED["agreed_citizen"] not in text(other.get("/min-plan"))


def test_a_follow_up_is_held_by_the_same_function(app, db):
    conv = dict(db.execute("SELECT * FROM conversations WHERE citizen_id = ? AND kind = 'followup_first'",
                           [citizen_id(db, "Niels Bak")]).fetchone())
    url = f"/sagsbehandler/opfoelgning/samtale/{conv['id']}/afholdt"
    with time_machine.travel(clock.from_db(conv["starts_at"]) + timedelta(minutes=50), tick=False):
        worker = _worker(app)
        until = (clock.today() + timedelta(days=21)).isoformat()
        response = worker.post(url, data={"summary": "Vi talte om genoptræningen.", "next_step": "",
                                          **AGREED, "agreed_until": until})
        assert response.status_code == 302
        row = db.execute("SELECT status, agreed_citizen, agreed_until FROM conversations WHERE id = ?",
                         [conv["id"]]).fetchone()
        assert tuple(row) == ("held", AGREED["agreed_citizen"], until)
        assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'conversation_held' AND entity_id = ?",
                          [conv["id"]]).fetchone()[0] == 1
        # Held once: a second post is refused, not recorded again.
        worker.post(url, data={"summary": "Igen", "next_step": ""})
        assert db.execute("SELECT summary FROM conversations WHERE id = ?", [conv["id"]]).fetchone()[0] == \
            "Vi talte om genoptræningen."


def test_a_summons_gives_the_notice_the_rules_require(app, db):
    from app.rules import rules_for
    worker = _worker(app)
    sofie = citizen(db, "Sofie Nielsen")
    notice = rules_for(sofie["target_group"], clock.today()).summons_notice
    url = f"/sagsbehandler/borger/{sofie['id']}/indkald"
    too_soon = clock.local(clock.now() + notice - timedelta(hours=2))
    base = {"kind": "job", "start": too_soon.strftime("%H:%M"), "minutes": "45", "format": "in_person",
            "location": "Havnegade 12", "prepare": "Kort varsel"}
    refused = worker.post(url, data={**base, "day": too_soon.date().isoformat(), "submission_key": "summon-key-0001-abc"})
    assert refused.status_code == 400
    assert f"at least {notice.days} days' notice" in text(refused)
    assert db.execute("SELECT COUNT(*) FROM conversations WHERE prepare = 'Kort varsel'").fetchone()[0] == 0
