"""How to reach the municipality (issue 14), as data per municipality: on Kontakt, under every
receipt, on the cancellation page once the conversation has started, and in the reminders."""
from datetime import timedelta

import time_machine

from app import clock
from app.contact import Contact, parse_hours
from app.notify import content

from .conftest import login_citizen
from .test_conversations_cancel import _cancel, _upcoming
from .test_conversations_support import english, text


def test_kontakt_shows_the_citizens_own_municipality(client, db):
    login_citizen(client, db, "Mette Jensen")
    page = text(client.get("/kontakt"))
    for expected in ("Jobcenter Fjordby", "70 10 20 30", "jobcenter@fjordby.example", "Havnegade 12, 9999 Fjordby",
                     "Mandag til onsdag kl. 9.00-15.00", "Fredag kl. 9.00-12.00", "Bus 3 og 14",
                     "Vi svarer normalt inden for 2 hverdage.", "Skriv til kommunen"):
        assert expected in page, expected
    assert 'href="tel:70102030"' in client.get("/kontakt").get_data(as_text=True)
    other = client.application.test_client()
    login_citizen(other, db, "Bo Berg")  # Skovlund: its own data, its own promise
    page = text(other.get("/kontakt"))
    assert "70 40 50 60" in page and "70 10 20 30" not in page and "inden for 3 hverdage" in page
    english(other)
    assert "Monday to Thursday 10:00-14:00" in text(other.get("/kontakt"))
    # Not logged in: the general text, no municipality's data.
    assert "70 10 20 30" not in text(client.application.test_client().get("/kontakt"))


def test_a_receipt_and_the_page_after_the_start_say_whom_to_call(client, db):
    english(client)
    conv = _upcoming(db, "Mette Jensen")
    login_citizen(client, db, "Mette Jensen")
    response = _cancel(client, conv["id"])
    receipt = text(client.get(response.headers["Location"]))
    assert "We have registered that you cannot come" in receipt
    assert "Questions? Contact Jobcenter Fjordby" in receipt and "70 10 20 30" in receipt
    assert "Monday to Wednesday 09:00-15:00" in receipt

    other = _upcoming(db, "Ali Hassan")
    starts = clock.from_db(other["starts_at"])
    with time_machine.travel(starts + timedelta(minutes=5), tick=False):
        login_citizen(client, db, "Ali Hassan")
        page = text(client.get(f"/samtaler/{other['id']}/afbud"))
        assert "too late to tell us online" in page and "70 10 20 30" in page and "Opening hours" in page


def test_reminders_say_whom_to_call_and_when(app):
    params = {"starts_at": "2026-12-07T09:00:00Z", "format": "in_person", "location": "Havnegade 12",
              "conversation_kind": "first", "held_by": "jobcenter", "jobcenter": "Jobcenter Fjordby",
              "jobcenter_phone": "70 10 20 30", "jobcenter_hours": '[{"days": [0, 1], "opens": "09:00", "closes": "15:00"}]'}
    with app.test_request_context("/"):
        message = content.build("conversation_reminder", params)
        body = message.text()
        assert "Spørgsmål? Ring til Jobcenter Fjordby på 70 10 20 30 (Mandag, tirsdag kl. 9.00-15.00)." in body
        joblog = content.build("joblog_reminder", {**params, "deadline": "2026-11-23", "remaining": 1})
        assert "70 10 20 30" in joblog.text()
        # A confirmation is no reminder: unchanged.
        assert "Spørgsmål?" not in content.build("conversation_booked", params).text()


def test_opening_hours_are_read_safely():
    assert parse_hours("not json") == () and parse_hours('[{"days": [9]}]') == ()
    contact = Contact.of_municipality({"jobcenter_name": "X", "opening_hours": None, "answer_days": None})
    assert contact.hours == () and contact.answer_days == 2
