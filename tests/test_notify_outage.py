"""The SMTP server and the SMS gateway unreachable at once: e-mails and SMS wait and are retried
with back-off, in-app notices still arrive, the citizen's pages keep working (and a joblog entry
can be written); when both are back, each message goes once."""
from datetime import timedelta

from aiosmtpd.controller import Controller

from app import clock

from .test_notify_support import Inbox, cph, free_port, travel, world  # noqa: F401  (fixture)


def test_unreachable_smtp_and_sms_gateway_wait_and_retry_while_pages_work(world, tmp_path):
    port = free_port()  # nothing listens here yet
    blocked = tmp_path / "gateway-down"
    blocked.write_text("a file where the gateway's directory should be")
    with travel(cph(2026, 12, 7, 10, 0)) as t:
        w = world(MAIL_ENABLED=True, MAIL_HOST="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=5,
                  SMS_FILE=str(blocked / "sms.log"))
        cid = w.citizen("Mette", group="dagpenge", email="mette@example.com", phone="12345678", notify_sms=True)
        w.conversation(cid, cph(2026, 12, 8, 10), created_at="2026-12-01T00:00:00Z")
        start = clock.now()
        counts = w.sweep()
        outside = [r for r in w.outbox(cid) if r["channel"] != "inapp"]
        inapp = w.outbox(cid, channel="inapp")
        assert {r["channel"] for r in outside} == {"email", "sms"}
        assert counts["retry"] == len(outside) and counts["sent"] == len(inapp)
        for row in outside:
            assert (row["status"], row["attempts"]) == ("pending", 1), row
            assert row["next_attempt_at"] == clock.to_db(start + timedelta(seconds=60))
        assert len(w.notices(cid)) == len(inapp) > 0

        # The pages keep working meanwhile, and so does writing.
        client = w.app.test_client()
        assert client.post("/log-ind/mitid", data={"citizen": cid}).status_code == 302
        for url in ("/min-plan", "/beskeder", "/samtaler", "/joblog"):
            assert client.get(url).status_code == 200, url
        added = client.post("/joblog/ny", data={"kind": "advertised", "employer": "Fjordby Lager",
                                                "job_title": "Lager", "applied_on": clock.today().isoformat(),
                                                "status": "sent"})
        assert added.status_code == 302, added.get_data(as_text=True)[:2000]
        assert w.db.execute("SELECT COUNT(*) FROM joblog_entries WHERE citizen_id = ?", [cid]).fetchone()[0] == 1

        t.move_to(start + timedelta(seconds=60))
        w.sweep()  # still down: the second attempt, a longer wait
        assert {r["attempts"] for r in w.outbox(cid) if r["channel"] != "inapp"} == {2}

        blocked.unlink()  # both come back
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            t.move_to(start + timedelta(seconds=180))
            w.sweep()
            w.sweep()
        finally:
            controller.stop()
    assert len(inbox.messages) == len(w.outbox(cid, channel="email")) == len({m["Message-ID"] for m in inbox.messages})
    assert len(w.sms()) == len(w.outbox(cid, channel="sms")) == len({s["ref"] for s in w.sms()})
    assert {r["status"] for r in w.outbox(cid)} == {"sent"} and len(w.notices(cid)) == len(inapp)
