"""The dialogue (issue 14): a citizen writes to their municipality, its caseworkers answer; who
can reach what; attachments judged by content; the notice through the outbox exactly once."""
import io
import json
import re
import zlib

import pytest

from app.db import connect
from app.notify.sweep import sweep

from .conftest import citizen_id, login_caseworker, login_citizen
from .instants import IN_RULES_2026_07
from .invariants import check_page


def pdf_bytes(text: str = "Lægeerklæring") -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text.encode() +
            b"\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def png_bytes() -> bytes:
    def chunk(kind, data):
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00")
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def key() -> str:
    import secrets
    return secrets.token_urlsafe(18)


def start(client, subject="Spørgsmål om praktik", body="Hej\n\nKan jeg starte en uge senere?", file=None, k=None,
          about=""):
    data = {"subject": subject, "body": body, "about": about, "submission_key": k or key()}
    if file is not None:
        data["attachment"] = file
    return client.post("/beskeder/ny", data=data, content_type="multipart/form-data")


def thread_ids(db, name="Mette Jensen"):
    return [r[0] for r in db.execute("SELECT id FROM dialogue_threads WHERE citizen_id = ? ORDER BY id",
                                     [citizen_id(db, name)])]


@pytest.mark.instant(IN_RULES_2026_07, "a Tuesday with no holiday in the two working days the answer may take")
def test_citizen_writes_caseworker_answers_citizen_reads(app, db):
    citizen = app.test_client()
    login_citizen(citizen, db)
    page = citizen.get("/beskeder/ny")
    assert page.status_code == 200
    check_page(page.data, "da")
    assert "Vi svarer normalt inden for 2 hverdage." in page.get_data(as_text=True)
    response = start(citizen, file=(io.BytesIO(pdf_bytes()), "lægeerklæring.pdf"))
    assert response.status_code == 302, response.data[:2000]
    [thread_id] = thread_ids(db)
    page = citizen.get(response.headers["Location"]).get_data(as_text=True)
    assert "Spørgsmål om praktik" in page and "Kan jeg starte en uge senere?" in page
    assert "Registreret" in page and "70 10 20 30" in page  # the receipt, with whom to call
    # Tuesday 17 November + 2 working days.
    assert "Du kan forvente svar senest torsdag 19. november." in page
    assert "lægeerklæring.pdf" in page and "Ikke læst endnu" in page

    worker = app.test_client()
    login_caseworker(worker)
    today = worker.get("/sagsbehandler/").get_data(as_text=True)
    assert "1 besked er ikke besvaret" in today
    queue = worker.get("/sagsbehandler/beskeder")
    check_page(queue.data, "da")
    text = queue.get_data(as_text=True)
    assert "Spørgsmål om praktik" in text and "(1 ubesvaret)" in " ".join(text.split()).replace("(1<span class=\"app-nav-count-word\"> ubesvaret)", "(1 ubesvaret)")
    page = worker.get(f"/sagsbehandler/beskeder/{thread_id}")
    check_page(page.data, "da")
    assert "Mette Jensen" in page.get_data(as_text=True)
    answer = worker.post(f"/sagsbehandler/beskeder/{thread_id}",
                         data={"body": "Ja, det er fint. Vi ses.", "submission_key": key()},
                         content_type="multipart/form-data")
    assert answer.status_code == 302
    assert db.execute("SELECT waiting_since FROM dialogue_threads WHERE id = ?", [thread_id]).fetchone()[0] is None
    assert "besked er ikke besvaret" not in worker.get("/sagsbehandler/").get_data(as_text=True)

    # The citizen's own message now shows as read by the municipality; the answer as new.
    listing = citizen.get("/beskeder").get_data(as_text=True)
    assert "Nyt svar" in listing and "Spørgsmål om praktik" in listing
    page = citizen.get(f"/beskeder/traad/{thread_id}").get_data(as_text=True)
    assert "Ja, det er fint. Vi ses." in page and "Anne Sørensen</bdi>, Jobcenter Fjordby" in page and "Læst" in page
    assert "Nyt svar" not in citizen.get("/beskeder").get_data(as_text=True)
    # and the caseworker sees that the citizen has read the answer
    assert "Læst af borgeren" in worker.get(f"/sagsbehandler/beskeder/{thread_id}").get_data(as_text=True)

    # The case page's Beskeder tab.
    cid = citizen_id(db, "Mette Jensen")
    assert "Spørgsmål om praktik" in worker.get(f"/sagsbehandler/borger/{cid}").get_data(as_text=True)

    # Close, then the citizen reopens and writes again: back in the queue.
    assert worker.post(f"/sagsbehandler/beskeder/{thread_id}/luk", data={"submission_key": key()}).status_code == 302
    page = citizen.get(f"/beskeder/traad/{thread_id}").get_data(as_text=True)
    assert "Kommunen har lukket denne tråd" in page and 'id="body"' not in page
    assert citizen.post(f"/beskeder/traad/{thread_id}/aaben", data={"submission_key": key()}).status_code == 302
    response = citizen.post(f"/beskeder/traad/{thread_id}", data={"body": "Tak. Et spørgsmål mere.",
                                                                 "submission_key": key()},
                            content_type="multipart/form-data")
    assert response.status_code == 302
    assert db.execute("SELECT status FROM dialogue_threads WHERE id = ?", [thread_id]).fetchone()[0] == "open"
    actions = [r[0] for r in db.execute(
        "SELECT action FROM audit_log WHERE entity = 'dialogue_thread' AND entity_id = ? ORDER BY id", [thread_id])]
    assert actions == ["dialogue_thread_started", "dialogue_answered", "dialogue_thread_closed",
                       "dialogue_thread_reopened", "dialogue_message_written"]
    # The audit log has what happened, not what was written.
    assert "Kan jeg starte" not in json.dumps([dict(r) for r in db.execute("SELECT * FROM audit_log")], default=str)


def test_another_citizens_or_municipalitys_thread_is_not_found_and_anonymous_must_log_in(app, db):
    mette = app.test_client()
    login_citizen(mette, db)
    start(mette, file=(io.BytesIO(pdf_bytes()), "kontrakt.pdf"))
    [thread_id] = thread_ids(db)
    att_id = db.execute("SELECT id FROM dialogue_attachments WHERE thread_id = ?", [thread_id]).fetchone()[0]

    ali = app.test_client()
    login_citizen(ali, db, "Ali Hassan")
    for url in (f"/beskeder/traad/{thread_id}", f"/beskeder/traad/{thread_id}/bilag/{att_id}"):
        assert ali.get(url).status_code == 404
    assert ali.post(f"/beskeder/traad/{thread_id}", data={"body": "x", "submission_key": key()}).status_code == 404
    assert ali.post(f"/beskeder/traad/{thread_id}/aaben", data={"submission_key": key()}).status_code == 404

    lise = app.test_client()  # Skovlund: another municipality
    login_caseworker(lise, "lise@skovlund.example")
    for url in (f"/sagsbehandler/beskeder/{thread_id}", f"/sagsbehandler/beskeder/{thread_id}/bilag/{att_id}"):
        assert lise.get(url).status_code == 404
    assert lise.post(f"/sagsbehandler/beskeder/{thread_id}/luk", data={"submission_key": key()}).status_code == 404
    assert "Spørgsmål om praktik" not in lise.get("/sagsbehandler/beskeder").get_data(as_text=True)

    anonymous = app.test_client()
    for url in ("/beskeder/ny", f"/beskeder/traad/{thread_id}", f"/beskeder/traad/{thread_id}/bilag/{att_id}"):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/log-ind" in response.headers["Location"]
    response = anonymous.get("/sagsbehandler/beskeder")
    assert response.status_code == 302 and "/log-ind/medarbejder" in response.headers["Location"]
    # A caseworker is no citizen, nor the other way round.
    assert lise.get("/beskeder/ny").status_code == 403
    assert mette.get("/sagsbehandler/beskeder").status_code in (302, 403)


def test_attachments_are_judged_by_content_and_served_only_to_the_owner_and_their_municipality(app, db):
    citizen = app.test_client()
    login_citizen(citizen, db)
    # A program renamed to .pdf is refused, with a message, and nothing is stored.
    response = start(citizen, file=(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200 + b"This program"), "lægeerklæring.pdf"))
    assert response.status_code == 400
    assert "Filen skal være en PDF-, JPEG- eller PNG-fil" in response.get_data(as_text=True)
    assert thread_ids(db) == []
    # Larger than 10 MB: refused with its own message (not the 413 page).
    big = pdf_bytes() + b"0" * (10 * 1024 * 1024)
    response = start(citizen, file=(io.BytesIO(big), "stor.pdf"))
    assert response.status_code == 400 and "Filen er større end 10 MB" in response.get_data(as_text=True)
    assert thread_ids(db) == []
    # A PDF is taken; a PNG named .exe is taken as the PNG it is.
    assert start(citizen, file=(io.BytesIO(pdf_bytes()), "../../etc/lægeerklæring.pdf")).status_code == 302
    [thread_id] = thread_ids(db)
    assert citizen.post(f"/beskeder/traad/{thread_id}", data={
        "body": "Billede", "submission_key": key(), "attachment": (io.BytesIO(png_bytes()), "foto.exe")},
        content_type="multipart/form-data").status_code == 302
    rows = [dict(r) for r in db.execute("SELECT * FROM dialogue_attachments ORDER BY id")]
    assert [(r["filename"], r["content_type"]) for r in rows] == [
        ("lægeerklæring.pdf", "application/pdf"), ("foto.png", "image/png")]
    stored = app.config["DATABASE"].rsplit("/", 1)[0] + "/attachments/" + rows[0]["stored_name"]
    assert open(stored, "rb").read() == pdf_bytes() and "/static/" not in stored

    response = citizen.get(f"/beskeder/traad/{thread_id}/bilag/{rows[0]['id']}")
    assert response.status_code == 200 and response.data == pdf_bytes()
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == "application/pdf"
    worker = app.test_client()
    login_caseworker(worker, "henrik@fjordby.example")
    response = worker.get(f"/sagsbehandler/beskeder/{thread_id}/bilag/{rows[1]['id']}")
    assert response.status_code == 200 and response.data == png_bytes()
    assert response.headers["Content-Disposition"].startswith("attachment;")
    # An attachment id from another thread does not open through this one.
    other = app.test_client()
    login_citizen(other, db, "Ali Hassan")
    start(other, subject="Andet")
    [other_thread] = thread_ids(db, "Ali Hassan")
    assert other.get(f"/beskeder/traad/{other_thread}/bilag/{rows[0]['id']}").status_code == 404
    downloads = db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'dialogue_attachment_downloaded'").fetchone()[0]
    assert downloads == 2


def test_a_new_answer_reaches_the_citizen_through_the_outbox_exactly_once_without_its_text(app, db):
    citizen = app.test_client()
    login_citizen(citizen, db)
    start(citizen)
    [thread_id] = thread_ids(db)
    sweep(app)  # what was there before the answer
    cid = citizen_id(db, "Mette Jensen")
    before = db.execute("SELECT COUNT(*) FROM notify_outbox WHERE citizen_id = ? AND kind = 'dialogue_answered'",
                        [cid]).fetchone()[0]
    assert before == 0  # the citizen's own message is no notice to them
    worker = app.test_client()
    login_caseworker(worker)
    k = key()
    for _attempt in range(2):  # a double click
        worker.post(f"/sagsbehandler/beskeder/{thread_id}", data={"body": "Hemmelig detalje 4711", "submission_key": k},
                    content_type="multipart/form-data")
    assert db.execute("SELECT COUNT(*) FROM dialogue_messages WHERE thread_id = ?", [thread_id]).fetchone()[0] == 2
    sweep(app)
    sweep(app)
    rows = [dict(r) for r in db.execute(
        "SELECT * FROM notify_outbox WHERE citizen_id = ? AND kind = 'dialogue_answered'", [cid])]
    channels = sorted(r["channel"] for r in rows)
    assert "inapp" in channels and len(channels) == len(set(channels))
    notices = [dict(r) for r in db.execute("SELECT * FROM notices WHERE citizen_id = ? AND kind = 'dialogue_answered'",
                                           [cid])]
    assert len(notices) == 1 and "4711" not in notices[0]["params"]
    page = citizen.get(f"/beskeder/{notices[0]['id']}").get_data(as_text=True)
    assert "Du har fået svar fra Jobcenter Fjordby" in page and "4711" not in page
    assert f"/beskeder/traad/{thread_id}" in page
    sms_file = app.config.get("SMS_FILE")
    if sms_file:
        import os
        if os.path.exists(sms_file):
            assert "4711" not in open(sms_file, encoding="utf-8").read()


def test_text_is_escaped_isolated_and_limited(app, db):
    citizen = app.test_client()
    login_citizen(citizen, db)
    hostile = '<script>alert(1)</script> \u202eevil'
    assert start(citizen, subject=hostile, body=hostile + "\x00").status_code == 302
    [thread_id] = thread_ids(db)
    page = citizen.get(f"/beskeder/traad/{thread_id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page and "\u202e" not in page
    assert "<bdi>&lt;script&gt;alert(1)&lt;/script&gt; evil</bdi>" in page
    stored = db.execute("SELECT body FROM dialogue_messages WHERE thread_id = ?", [thread_id]).fetchone()[0]
    assert "\x00" not in stored and "\u202e" not in stored
    response = start(citizen, subject="x" * 121, body="y" * 5001)
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Emnet må højst være 120 tegn" in text and "Beskeden må højst være 5000 tegn" in text
    response = start(citizen, subject="", body="")
    assert response.status_code == 400 and "Skriv et emne" in response.get_data(as_text=True)


def test_a_double_submit_starts_one_thread(app, db):
    citizen = app.test_client()
    login_citizen(citizen, db)
    k = key()
    first = start(citizen, k=k, file=(io.BytesIO(pdf_bytes()), "a.pdf"))
    second = start(citizen, k=k, file=(io.BytesIO(pdf_bytes()), "a.pdf"))
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(thread_ids(db)) == 1
    import os
    folder = app.config["DATABASE"].rsplit("/", 1)[0] + "/attachments"
    assert len([n for n in os.listdir(folder) if not n.endswith(".part")]) == 1


def test_a_thread_can_be_about_a_conversation_of_the_citizens_own(app, db):
    citizen = app.test_client()
    login_citizen(citizen, db)
    page = citizen.get("/beskeder/ny").get_data(as_text=True)
    values = re.findall(r'<option value="(conversation:\d+)"', page)
    assert values, "the citizen's conversations are offered"
    assert start(citizen, about=values[0]).status_code == 302
    [thread_id] = thread_ids(db)
    assert "Om: Samtale" in citizen.get(f"/beskeder/traad/{thread_id}").get_data(as_text=True)
    other = db.execute("SELECT id FROM conversations WHERE citizen_id != ? LIMIT 1",
                       [citizen_id(db, "Mette Jensen")]).fetchone()[0]
    assert start(citizen, about=f"conversation:{other}").status_code == 400  # not one of the choices


def test_the_signature_check_takes_only_what_the_bytes_are():
    from app.dialogue.files import clean_name, sniff
    assert sniff(pdf_bytes()) == "application/pdf"
    assert sniff(png_bytes()) == "image/png"
    assert sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 50 + b"\xff\xd9") == "image/jpeg"
    assert sniff(b"%PDF-1.4 but cut off") is None            # no end: not a whole PDF
    assert sniff(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40) is None  # a signature alone is no PNG
    assert sniff(b"<html><script>alert(1)</script></html>") is None
    assert sniff(b"PK\x03\x04 a zip or docx") is None
    assert clean_name('..\\..\\a"b<c>.PDF.exe', "application/pdf") == "abc.PDF.pdf"
    assert clean_name("", "image/png") == "bilag.png"


def test_the_citizens_data_download_holds_their_messages(app, db):
    citizen = app.test_client()
    login_citizen(citizen, db)
    start(citizen, file=(io.BytesIO(pdf_bytes()), "kontrakt.pdf"))
    data = citizen.get("/indstillinger/mine-data.json").get_json()
    assert data["message_threads"][0]["subject"] == "Spørgsmål om praktik"
    assert data["messages"][0]["body"].startswith("Hej")
    assert data["message_attachments"][0]["filename"] == "kontrakt.pdf"


def test_the_thread_pages_sit_under_messages_in_the_menu(app, db):
    citizen = app.test_client()
    login_citizen(citizen, db)
    page = citizen.get("/beskeder/ny").get_data(as_text=True)
    assert re.search(r'href="/beskeder" class="app-nav-link" aria-current="page"', page)


@pytest.mark.instant("2026-12-23 10:00", "two working days from 23 December skip Christmas Day and the weekend")
def test_the_answer_time_counts_working_days_and_the_queue_marks_what_is_overdue(app, db):
    from app.workdays import add_working_days
    from datetime import date
    # 24 December is a working day in the holiday calendar; 25 December and the weekend are not.
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 28)
    citizen = app.test_client()
    login_citizen(citizen, db)
    start(citizen)
    [thread_id] = thread_ids(db)
    db.execute("UPDATE dialogue_threads SET waiting_since = '2026-12-10T09:00:00Z' WHERE id = ?", [thread_id])
    worker = app.test_client()
    login_caseworker(worker)
    queue = worker.get("/sagsbehandler/beskeder").get_data(as_text=True)
    assert "Overskredet" in queue and "mandag 14. december" in queue
