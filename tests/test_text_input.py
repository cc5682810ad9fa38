"""Text as typed: every text field drops NUL, other control characters and bidi overrides and
is NFC-normalised before it is checked or stored (app/forms/text.py); citizen-written text is
shown isolated (<bdi>) on the caseworker's pages, so it cannot reverse the line it is in."""
import pytest
from bs4 import BeautifulSoup

from app.forms.text import BIDI_CONTROLS, normalise

from .conftest import citizen_id, login_caseworker, login_citizen
from .test_conversations_support import key

RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


@pytest.mark.parametrize("typed,one_line,multiline", [
    ("Syg\x00dom", "Sygdom", "Sygdom"),
    ("a\x1b[31mb\x7f\x85c", "a[31mbc", "a[31mbc"),
    (f"{RLO}tset{LRI}x{PDI}\u202a\u202b\u202c\u202d\u2067\u2068", "tsetx", "tsetx"),
    ("Ren\u00e9e / Rene\u0301e", "Ren\u00e9e / Ren\u00e9e", "Ren\u00e9e / Ren\u00e9e"),   # NFC
    ("line one\r\nline two\rthree\n\tfour", "line one line two three  four", "line one\nline two\nthree\n\tfour"),
    ("a\u2028b\u2029c", "a b c", "a\nb\nc"),
    ("\u05e9\u05dc\u05d5\u05dd \u200f! 👋🏽", "\u05e9\u05dc\u05d5\u05dd \u200f! 👋🏽", "\u05e9\u05dc\u05d5\u05dd \u200f! 👋🏽"),
])
def test_normalise(typed, one_line, multiline):
    assert normalise(typed) == one_line
    assert normalise(typed, multiline=True) == multiline
    for char in BIDI_CONTROLS:
        assert char not in normalise(typed)
    assert normalise(None) is None and normalise(3) == 3


def _upcoming(db, name):
    return db.execute("SELECT c.* FROM conversations c JOIN citizens z ON z.id = c.citizen_id WHERE z.name = ?"
                      " AND c.status = 'booked' ORDER BY c.starts_at LIMIT 1", [name]).fetchone()


def test_a_cancellation_reason_is_stored_clean_and_shown_isolated_on_i_dag_and_the_case_page(app, db):
    citizen = app.test_client()
    login_citizen(citizen, db, "Mette Jensen")
    conv = _upcoming(db, "Mette Jensen")
    typed = f"Syg\x00 {RLO}ebbog nes{PDI} \u05d1\u05d9\u05ea"
    response = citizen.post(f"/samtaler/{conv['id']}/afbud",
                            data={"reason": "other", "cancel_text": typed, "submission_key": key()})
    assert response.status_code == 302
    stored = db.execute("SELECT cancel_text FROM conversations WHERE id = ?", [conv["id"]]).fetchone()[0]
    assert stored == "Syg ebbog nes \u05d1\u05d9\u05ea"

    worker = app.test_client()
    login_caseworker(worker)
    for url in ("/sagsbehandler/", f"/sagsbehandler/borger/{citizen_id(db, 'Mette Jensen')}"):
        soup = BeautifulSoup(worker.get(url).data, "html.parser")
        isolated = [b.get_text() for b in soup.find_all("bdi")]
        assert stored in isolated, url


def test_text_stored_before_the_normalisation_is_still_isolated(app, db):
    """Rows written earlier (or by another program) may hold an override: the page isolates it."""
    conv = _upcoming(db, "Mette Jensen")
    db.execute("UPDATE conversations SET status = 'cancelled_citizen', cancel_reason = 'other', cancel_text = ?,"
               " cancelled_at = ? WHERE id = ?", [f"{RLO}gnos", conv["starts_at"], conv["id"]])
    worker = app.test_client()
    login_caseworker(worker)
    page = worker.get(f"/sagsbehandler/borger/{citizen_id(db, 'Mette Jensen')}").get_data(as_text=True)
    assert f"<bdi>{RLO}gnos</bdi>" in page


def test_joblog_text_fields_are_normalised_on_the_way_in(client, db):
    from app import clock
    from .test_joblog_entries import entry
    login_citizen(client, db, "Mette Jensen")
    response = client.post("/joblog/ny", data=entry(
        employer=f"Fjord\x00by {RLO}Bageri", job_title="Eks\u0301pedient\r\n", note="linje 1\r\nlinje 2\x07",
        source="Job\tnet", applied_on=clock.today().isoformat()))
    assert response.status_code == 302
    row = db.execute("SELECT employer, job_title, note, source FROM joblog_entries WHERE citizen_id = ?"
                     " ORDER BY id DESC LIMIT 1", [citizen_id(db, "Mette Jensen")]).fetchone()
    assert tuple(row) == ("Fjordby Bageri", "Ekśpedient", "linje 1\nlinje 2", "Job net")
    page = client.get("/joblog").get_data(as_text=True)
    assert "<bdi>Fjordby Bageri</bdi>" in page and "<bdi>linje 1\nlinje 2</bdi>" in page
