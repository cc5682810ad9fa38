"""The indexes behind I dag (migration 0022): the joblog list and the follow-up panel read what
is kept up to date on write, and say the same as judging every citizen from the tables."""
from datetime import timedelta

from app import clock
from app.followup import queue
from app.followup import watch as followup_watch
from app.joblog import overview
from app.joblog import watch as joblog_watch

from .conftest import citizen_id


def _municipality(db) -> int:
    return db.execute("SELECT id FROM municipalities WHERE code = '901'").fetchone()[0]


def _ids(watches):
    return [(w.citizen["id"], w.at_risk.period.deadline if w.at_risk else None, w.missed is not None) for w in watches]


def test_the_joblog_list_from_the_index_is_the_list_judged_live_and_follows_new_entries(app, db):
    municipality = _municipality(db)
    today = clock.today()
    with app.test_request_context():
        indexed, total = overview.needing_attention(db, municipality)
        live, live_total = overview.needing_attention_live(db, municipality, today)
        assert total == live_total > 0 and _ids(indexed) == _ids(live)
        # Entries written straight to the table (no service code): the trigger marks the citizen,
        # the next read judges them again.
        flagged = indexed[0].citizen
        for n in range(12):
            db.execute("INSERT INTO joblog_entries (citizen_id, kind, employer, applied_on, status, created_at,"
                       " updated_at) VALUES (?, 'advertised', ?, ?, 'sent', 'x', 'x')",
                       [flagged["id"], f"Firma {n}", today.isoformat()])
        assert db.execute("SELECT COUNT(*) FROM joblog_watch_dirty WHERE citizen_id = ?", [flagged["id"]]).fetchone()[0] == 1
        again, total_again = overview.needing_attention(db, municipality)
        live_again, live_total_again = overview.needing_attention_live(db, municipality, today)
        assert _ids(again) == _ids(live_again) and total_again == live_total_again
        assert db.execute("SELECT COUNT(*) FROM joblog_watch_dirty").fetchone()[0] == 0


def test_a_new_day_judges_the_municipality_again(app, db):
    municipality = _municipality(db)
    with app.test_request_context():
        joblog_watch.refresh(db, municipality)
        yesterday = (clock.today() - timedelta(days=1)).isoformat()
        db.execute("UPDATE joblog_watch_days SET computed_on = ?", [yesterday])
        db.execute("DELETE FROM joblog_watch")  # what yesterday's judging left is gone
        indexed, total = overview.needing_attention(db, municipality)
        assert total > 0
        assert db.execute("SELECT computed_on FROM joblog_watch_days WHERE municipality_id = ?",
                          [municipality]).fetchone()[0] == clock.today().isoformat()


def _live_counts(db, municipality, now):
    q = queue.build(db, municipality, now)
    today = clock.local(now).date()
    return {"soon": len(queue.due_soon(q, today)), "forms_in": len(q.forms_in), "status_in": len(q.status_in),
            "near_limit": len(q.near_limit), "after_return": len(q.after_return)}


def test_the_follow_up_counts_from_the_index_are_the_whole_queues_and_follow_changes(app, db):
    municipality = _municipality(db)
    now = clock.now()
    with app.test_request_context():
        followup_watch.refresh(db, municipality, now)
        assert followup_watch.summary(db, municipality) == _live_counts(db, municipality, now)
        # A sick-listed citizen's status answers come in for a booked follow-up, written straight
        # to the tables: the counts follow.
        hanne = citizen_id(db, "Hanne Larsen")
        conv = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'booked'"
                          " AND kind LIKE 'followup%' ORDER BY starts_at LIMIT 1", [hanne]).fetchone()[0]
        already = db.execute("SELECT COUNT(*) FROM followup_status_answers WHERE conversation_id = ?", [conv]).fetchone()[0]
        if not already:
            db.execute("INSERT INTO followup_status_answers (conversation_id, citizen_id, municipality_id, wellbeing,"
                       " treatment, partial_possible, answered_at, updated_at)"
                       " VALUES (?, ?, ?, 'same', 'waiting', 'dont_know', ?, ?)",
                       [conv, hanne, municipality, clock.to_db(now), clock.to_db(now)])
        before = followup_watch.summary(db, municipality)
        followup_watch.refresh(db, municipality, now)
        after = followup_watch.summary(db, municipality)
        assert after == _live_counts(db, municipality, now)
        assert after["status_in"] == before["status_in"] + (0 if already else 1)


def test_i_dag_shows_the_follow_up_panel_from_the_index(client, db):
    client.post("/log-ind/medarbejder", data={"email": "anne@fjordby.example", "password": "minplan-demo"})
    response = client.get("/sagsbehandler/")
    assert response.status_code == 200
    assert db.execute("SELECT COUNT(*) FROM followup_watch_days").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM joblog_watch_days").fetchone()[0] == 1
