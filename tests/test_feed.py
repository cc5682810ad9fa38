"""The private calendar address (issue 14): an iCalendar feed parsed as a calendar app would
(icalendar), a renewed token stops the old at once, one citizen's token shows nothing of
another's, the feed's GET changes nothing, and the token is never in a log."""
import logging
import re
from datetime import timedelta

import icalendar

from app import clock
from app.security import PersonalDataMaskingFilter, mask_personal_data

from .conftest import citizen_id, login_citizen


def make_address(client) -> str:
    settings = client.get("/indstillinger").get_data(as_text=True)
    assert 'id="kalender"' in settings
    key = re.search(r'id="calendar-submission-key" name="submission_key" type="hidden" value="([^"]+)"', settings) \
        or re.search(r'name="submission_key"[^>]*value="([^"]+)"[^>]*id="calendar-submission-key"', settings) \
        or re.search(r'id="calendar-submission-key"[^>]*value="([^"]+)"', settings)
    assert key, settings[settings.find('id="kalender"'):][:2000]
    page = client.post("/indstillinger/kalender", data={"submission_key": key.group(1)})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    https = re.search(r'id="calendar-https" value="([^"]+)"', text).group(1)
    webcal = re.search(r'id="calendar-webcal"', text) and re.search(r'href="(webcal://[^"]+)"', text).group(1)
    assert webcal == "webcal://" + https.split("://", 1)[1]
    return https.split("://", 1)[1].split("/", 1)[1]  # the path


def test_the_feed_is_a_calendar_of_the_citizens_own_conversations(app, db):
    client = app.test_client()
    login_citizen(client, db)
    path = make_address(client)
    cid = citizen_id(db, "Mette Jensen")
    token = path.split("kalender/", 1)[1].removesuffix(".ics")
    assert len(token) >= 40
    stored = db.execute("SELECT token_hash FROM calendar_feeds WHERE citizen_id = ?", [cid]).fetchone()[0]
    assert token not in stored and len(stored) == 64
    assert token not in " ".join(str(v) for r in db.execute("SELECT * FROM audit_log") for v in tuple(r))

    audit_before = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    anonymous = app.test_client()  # a calendar app has no session
    response = anonymous.get("/" + path)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == audit_before  # GET changes nothing
    cal = icalendar.Calendar.from_ical(response.data)
    events = [c for c in cal.walk("VEVENT")]
    since = clock.to_db(clock.now() - timedelta(days=30))
    expected = {f"{r['uid']}" for r in db.execute(
        "SELECT uid FROM conversations WHERE citizen_id = ? AND starts_at >= ?", [cid, since])}
    assert expected and {str(e["UID"]) for e in events} == expected
    for event in events:
        assert event.decoded("DTSTART").tzinfo is not None
        assert event.decoded("DTEND") > event.decoded("DTSTART")
    body = response.data.decode()
    mette_phone = db.execute("SELECT phone FROM citizens WHERE id = ?", [cid]).fetchone()[0]
    assert mette_phone not in body.replace(" ", "") and "Mette" not in body and "0101851234" not in body


def test_a_renewed_address_stops_the_old_at_once_and_tokens_show_only_their_own(app, db):
    mette = app.test_client()
    login_citizen(mette, db)
    old = make_address(mette)
    assert app.test_client().get("/" + old).status_code == 200
    new = make_address(mette)
    assert new != old
    assert app.test_client().get("/" + old).status_code == 404
    assert app.test_client().get("/" + new).status_code == 200
    actions = [r[0] for r in db.execute(
        "SELECT action FROM audit_log WHERE action LIKE 'calendar_address_%' ORDER BY id")]
    assert actions == ["calendar_address_created", "calendar_address_renewed"]
    assert "Du lavede en kalenderadresse" in mette.get("/indstillinger").get_data(as_text=True)

    ali = app.test_client()
    login_citizen(ali, db, "Ali Hassan")
    ali_path = make_address(ali)
    ali_cal = icalendar.Calendar.from_ical(app.test_client().get("/" + ali_path).data)
    mette_uids = {r[0] for r in db.execute("SELECT uid FROM conversations WHERE citizen_id = ?",
                                           [citizen_id(db, "Mette Jensen")])}
    assert not mette_uids & {str(e["UID"]) for e in ali_cal.walk("VEVENT")}
    assert app.test_client().get("/kalender/not-a-token.ics").status_code == 404
    assert app.test_client().post("/" + ali_path).status_code == 405


def test_the_token_is_masked_in_every_log_line():
    line = '127.0.0.1 "GET /kalender/AbC_dEf-123456789012345678901234567890.ics HTTP/1.1" 200 512 3ms'
    assert "AbC_dEf" not in mask_personal_data(line) and "/kalender/[token]" in mask_personal_data(line)
    # A gunicorn access record: the format with a dict of atoms, as gunicorn.glogging logs it.
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, '%(h)s "%(r)s" %(s)s',
                               ({"h": "127.0.0.1", "r": "GET /kalender/SecretToken123.ics HTTP/1.1", "s": "200"},),
                               None)
    PersonalDataMaskingFilter().filter(record)
    assert "SecretToken123" not in record.getMessage() and "/kalender/[token]" in record.getMessage()


def test_a_double_submit_makes_one_address_and_says_so(app, db):
    client = app.test_client()
    login_citizen(client, db)
    settings = client.get("/indstillinger").get_data(as_text=True)
    key = re.search(r'id="calendar-submission-key"[^>]*value="([^"]+)"', settings).group(1)
    assert client.post("/indstillinger/kalender", data={"submission_key": key}).status_code == 200
    again = client.post("/indstillinger/kalender", data={"submission_key": key}, follow_redirects=True)
    assert "Din kalenderadresse blev lavet for et øjeblik siden" in again.get_data(as_text=True)
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'calendar_address_%'").fetchone()[0] == 1
