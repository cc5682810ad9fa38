"""The citizen's path (issue 14): the rough edges a demanding walkthrough found, each checked."""
import re

import pytest
from bs4 import BeautifulSoup

from .conftest import citizen_id, login_caseworker, login_citizen
from .instants import IN_RULES_2026_07


def _english(client):
    client.post("/sprog/en?next=/log-ind")


def _now_section(page: str) -> str:
    start = page.index('id="now"')
    return page[start:page.index("</section>", start)]


@pytest.mark.instant(IN_RULES_2026_07, "a Tuesday: Ali's conversation the next working day is within two days, so urgent")
def test_what_to_do_now_lists_every_thing_by_its_deadline(client, db):
    """A later booking deadline does not hide an earlier joblog deadline: the most urgent stands
    first with its button, the others follow below it, ordered by deadline."""
    _english(client)
    # Ali has a conversation soon, job applications missing this period and an open booking
    # invitation whose deadline is after the joblog deadline.
    assert db.execute("SELECT count(*) FROM booking_invitations WHERE citizen_id = ? AND status = 'open'",
                      [citizen_id(db, "Ali Hassan")]).fetchone()[0] == 1
    login_citizen(client, db, "Ali Hassan")
    now = _now_section(client.get("/min-plan").get_data(as_text=True))
    first = now.index("app-now-text")
    assert "You have a conversation" in now[first:now.index("</p>", first)]
    assert 'class="button button-primary" href="/samtaler"' in now
    later = now[now.index("After that"):]
    joblog, booking = later.index("more job application"), later.index("Book your conversation before")
    assert joblog < booking, "the joblog deadline comes before the booking deadline"
    assert 'href="/joblog/ny"' in later[joblog:booking]


def test_what_to_do_now_without_anything_else_has_no_later_list(client, db):
    _english(client)
    login_citizen(client, db, "Emma Holm")
    now = _now_section(client.get("/min-plan").get_data(as_text=True))
    assert "more job application" in now and "After that" not in now
    assert re.search(r'class="button button-primary" href="/joblog[^"]*">Register job search<', now)


# ------------------------------------------------------------------ "(optional)" only where it is
def _label_of(page: str, field_id: str) -> str:
    soup = BeautifulSoup(page, "html.parser")
    label = soup.find("label", attrs={"for": field_id}) or soup.find(id=field_id).find("legend")
    return " ".join(label.get_text(" ").split())


def test_a_widget_says_when_a_conditional_field_is_required():
    from flask import Flask
    from flask_babel import Babel
    from flask_wtf import FlaskForm

    from app.forms import DKTextAreaField, RequiredWhen

    class F(FlaskForm):
        plain = DKTextAreaField("Plain")
        when = DKTextAreaField("When", validators=[RequiredWhen("required if you refuse")])

    app = Flask(__name__)
    app.config.update(SECRET_KEY="x", WTF_CSRF_ENABLED=False)
    Babel(app)
    with app.test_request_context():
        form = F()
        assert "(optional)" in str(form.plain()) and "(optional)" not in str(form.when())
        assert "(required if you refuse)" in str(form.when())
        assert form.validate()  # empty is the form's own case to decide


def test_fields_required_in_some_case_say_when_not_optional(client, db):
    _english(client)
    login_citizen(client, db, "Mette Jensen")
    conv = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'booked' ORDER BY starts_at",
                      [citizen_id(db, "Mette Jensen")]).fetchone()[0]
    cancel = client.get(f"/samtaler/{conv}/afbud").get_data(as_text=True)
    assert _label_of(cancel, "cancel_text") == "Tell us more (required if you choose another reason)"
    fmt = client.get(f"/samtaler/{conv}/form").get_data(as_text=True)
    assert _label_of(fmt, "reason") == "Why do you want to change? (required if the municipality must approve the change)"

    sick = app_client_as(client, db, "Hanne Larsen")
    partial = sick.get("/opfoelgning/oplysningsskema/delvis").get_data(as_text=True)
    assert _label_of(partial, "partial_hours").endswith("(required if you answered yes)")
    back = sick.get("/opfoelgning/raskmelding").get_data(as_text=True)
    assert _label_of(back, "hours").endswith("(required if you are back partly)")


def app_client_as(client, db, name):
    other = client.application.test_client()
    _english(other)
    login_citizen(other, db, name)
    return other


def test_the_caseworkers_refusal_reason_says_when_it_is_required(app, db):
    worker = app.test_client()
    _english(worker)
    login_caseworker(worker)
    request_id = db.execute("SELECT id FROM format_requests WHERE status = 'pending'").fetchone()[0]
    page = worker.get(f"/sagsbehandler/anmodninger/{request_id}").get_data(as_text=True)
    assert _label_of(page, "reason") == "Reason the citizen reads (required if you refuse)"


@pytest.mark.instant("2026-10-01 10:00", "the night summer time ends must be ahead, inside the window for new times")
def test_the_repeated_hour_is_asked_in_danish_house_style_and_the_choice_says_when_required(app, db):
    from .test_wall_times import _next_change
    worker = app.test_client()
    login_caseworker(worker)  # Danish, the default
    day = _next_change(10)
    asked = worker.post("/sagsbehandler/tider", data={
        "day": day.isoformat(), "start": "02:30", "minutes": "45", "in_a_row": "1", "repeat_weeks": "0",
        "offer_phone": "y", "offer_video": "y", "location": ""})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 400 and "Kl. 02.30 findes to gange" in page and "02:30 findes" not in page
    legend = " ".join(BeautifulSoup(page, "html.parser").find(id="occurrence").find("legend").get_text(" ").split())
    assert legend.endswith("(skal udfyldes, når tidspunktet findes to gange)") and "frivilligt" not in legend


# ------------------------------------------------------------------ the information form, joblog
def test_saved_to_continue_later_comes_back_where_it_left_off(client, db):
    hanne = app_client_as(client, db, "Hanne Larsen")
    hanne.post("/opfoelgning/oplysningsskema/arbejde", data={"employment_status": "employed"})
    saved = hanne.post("/opfoelgning/oplysningsskema/fravaer", data={"first_sick_day": "", "save_later": "1"})
    assert saved.headers["Location"].endswith("/opfoelgning")
    # Later, from Min Plan's button: straight to the page left, not the introduction again.
    again = hanne.get("/opfoelgning/oplysningsskema")
    assert again.status_code == 302 and again.headers["Location"].endswith("/opfoelgning/oplysningsskema/fravaer")


def test_more_job_applications_than_required_read_as_done(client, db):
    from app import clock
    from .conftest import group_of, rules_today
    _english(client)
    rules = rules_today(group_of(db, "Emma Holm"))
    emma = citizen_id(db, "Emma Holm")
    now = clock.to_db(clock.now())
    db.execute("DELETE FROM joblog_entries WHERE citizen_id = ?", [emma])
    for n in range(rules.joblog.count + 1):
        db.execute("INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, status, created_at,"
                   " updated_at) VALUES (?, 'advertised', ?, 'Lager', ?, 'sent', ?, ?)",
                   [emma, f"Firma {n}", clock.today().isoformat(), now, now])
    login_citizen(client, db, "Emma Holm")
    for url in ("/min-plan", "/joblog"):
        page = " ".join(BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser").get_text(" ").split())
        over = f"{rules.joblog.count + 1} of {rules.joblog.count}"
        assert over not in page, url
        assert f"{rules.joblog.count + 1} registered, {rules.joblog.count} required" in page, url
    assert "Done" in client.get("/min-plan").get_data(as_text=True)


# ------------------------------------------------------------------ links, settings, language, wording
def test_links_in_messages_use_the_address_the_app_is_served_at():
    import subprocess
    import sys
    from pathlib import Path

    from app.config import public_url
    assert public_url({"PORT": "8123"}) == "http://127.0.0.1:8123"
    assert public_url({"HOST": "0.0.0.0", "PORT": "8080"}) == "http://127.0.0.1:8080"
    assert public_url({"PUBLIC_BASE_URL": "https://minplan.fjordby.dk/", "PORT": "8123"}) == "https://minplan.fjordby.dk"
    assert public_url({}) == "http://127.0.0.1:5000"
    # The configuration a process started with PORT (make run) really gets.
    root = Path(__file__).resolve().parents[1]
    env = {"PATH": "/usr/bin:/bin", "PORT": "8123", "HOST": "127.0.0.1"}
    out = subprocess.run([sys.executable, "-c", "from app.config import Config; print(Config.PUBLIC_URL)"],
                         cwd=root, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert out == "http://127.0.0.1:8123"


def test_a_message_link_points_to_the_configured_address(app):
    from app.notify import deliver
    app.config["PUBLIC_URL"] = "http://127.0.0.1:8123"
    message, _footer = deliver.render(app, "joblog_reminder", {
        "remaining": 1, "registered": 1, "count": 2, "deadline": "2026-11-23", "period_start": "2026-11-16"}, "da")
    assert message.link.startswith("http://127.0.0.1:8123/")


def test_email_is_not_shown_ticked_without_an_address(client, db):
    client.application.config["MAIL_ENABLED"] = True
    mette = citizen_id(db, "Mette Jensen")
    db.execute("UPDATE citizens SET email = NULL, notify_email = 1 WHERE id = ?", [mette])
    _english(client)
    login_citizen(client, db, "Mette Jensen")
    page = client.get("/indstillinger").get_data(as_text=True)
    box = BeautifulSoup(page, "html.parser").find("input", attrs={"name": "notify_email"})
    assert not box.has_attr("checked")
    assert "Fill in your e-mail address above to get messages by e-mail." in page
    db.execute("UPDATE citizens SET email = 'mette@example.dk' WHERE id = ?", [mette])
    box = BeautifulSoup(client.get("/indstillinger").get_data(as_text=True), "html.parser").find(
        "input", attrs={"name": "notify_email"})
    assert box.has_attr("checked")


def test_the_login_page_follows_the_browsers_language_until_one_is_chosen(app):
    browser = app.test_client()
    english = browser.get("/log-ind", headers={"Accept-Language": "en-GB,en;q=0.9,da;q=0.5"})
    assert '<html lang="en"' in english.get_data(as_text=True) and "Accept-Language" in english.headers["Vary"]
    danish = browser.get("/log-ind", headers={"Accept-Language": "da-DK,da;q=0.9,en;q=0.5"})
    assert '<html lang="da"' in danish.get_data(as_text=True)
    assert '<html lang="da"' in browser.get("/log-ind", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="da"' in browser.get("/log-ind").get_data(as_text=True)
    # Chosen in the footer: the choice wins over the browser.
    browser.post("/sprog/da?next=/log-ind")
    assert '<html lang="da"' in browser.get("/log-ind", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_afbud_is_never_a_bare_cancel_in_english():
    from pathlib import Path

    from babel.messages.pofile import read_po
    root = Path(__file__).resolve().parents[1] / "translations"
    da = read_po((root / "da" / "LC_MESSAGES" / "messages.po").open("rb"))
    en = read_po((root / "en" / "LC_MESSAGES" / "messages.po").open("rb"))
    checked = 0
    for message in da:
        if not message.id or "afbud" not in str(message.string).lower():
            continue
        english = str(en.get(message.id).string)
        assert not re.search(r"\bcancel\b", english, re.IGNORECASE), (message.id, english)
        checked += 1
    assert checked >= 20
    assert str(en.get(next(m.id for m in da if m.string == "Meld afbud")).string) == "Tell us you can't come"


# ------------------------------------------------------------------ a sick-listed citizen: one answer
FORM = "/opfoelgning/oplysningsskema"


def _main_text(response) -> str:
    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").find("main").get_text(" ").split())


def _fill_form_back_within(hanne, db):
    """Hanne's information form: employed, both she and her employer expect her back in time."""
    from datetime import timedelta

    from app import clock
    first = (clock.today() - timedelta(weeks=5)).isoformat()
    for slug, data in [("arbejde", {"employment_status": "employed"}), ("fravaer", {"first_sick_day": first}),
                       ("delvis", {"partial": "yes", "partial_hours": "15"}),
                       ("varighed", {"expected_duration": "2_to_6_months"}),
                       ("arbejdsgiver", {"employer_knows": "talked_return", "return_within": "yes",
                                         "employer_return_within": "yes"}),
                       ("hjaelp", {"wants_help": "yes", "retention_plan": "none"})]:
        assert hanne.post(f"{FORM}/{slug}", data=data).status_code == 302, slug
    assert hanne.post(f"{FORM}/tjek", data={"submission_key": "k" * 32}).headers["Location"].endswith("/kvittering")


def _next_followup(db, name="Hanne Larsen"):
    return db.execute("SELECT v.id FROM conversations v JOIN citizens c ON c.id = v.citizen_id WHERE c.name = ?"
                      " AND v.kind LIKE 'followup%' AND v.status = 'booked' ORDER BY v.starts_at", [name]).fetchone()[0]


NOT_REQUIRED = "Your caseworker lets you know whether"


def test_no_required_follow_up_is_one_answer_everywhere_until_the_caseworker_keeps_it(client, db):
    hanne = app_client_as(client, db, "Hanne Larsen")
    conv = _next_followup(db)
    assert "Answer a few short questions" in _main_text(hanne.get("/min-plan"))
    _fill_form_back_within(hanne, db)

    plan = _main_text(hanne.get("/min-plan"))
    now = plan[plan.index("What to do now"):plan.index("Next conversation")]
    assert "no follow-up conversation is required" in now and NOT_REQUIRED in now
    assert "Your next conversation is" not in now and "Answer a few short questions" not in plan
    follow = plan[plan.index("Your follow-up"):]
    assert "no required follow-up conversations" in follow and NOT_REQUIRED in follow
    for url in ("/opfoelgning", "/samtaler", f"/samtaler/{conv}"):
        page = _main_text(hanne.get(url))
        assert "no follow-up conversation is required" in page and NOT_REQUIRED in page, url
    assert f"/opfoelgning/samtale/{conv}/status" not in hanne.get("/opfoelgning").get_data(as_text=True)

    # The caseworker decides: kept. Then it is an ordinary conversation again, everywhere.
    worker = client.application.test_client()
    _english(worker)
    login_caseworker(worker)
    case = worker.get(f"/sagsbehandler/borger/{citizen_id(db, 'Hanne Larsen')}").get_data(as_text=True)
    assert "cancel or keep the follow-up" in case and f"/sagsbehandler/opfoelgning/samtale/{conv}/behold" in case
    assert worker.get(f"/sagsbehandler/opfoelgning/samtale/{conv}/behold").status_code == 405  # no change on GET
    assert worker.post(f"/sagsbehandler/opfoelgning/samtale/{conv}/behold").status_code == 302
    assert worker.post(f"/sagsbehandler/opfoelgning/samtale/{conv}/behold").status_code == 302  # twice: once
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'followup_kept'").fetchone()[0] == 1
    for url in ("/min-plan", "/opfoelgning", "/samtaler"):
        assert NOT_REQUIRED not in _main_text(hanne.get(url)), url
    assert "Answer a few short questions" in _main_text(hanne.get("/min-plan"))


def test_another_municipalitys_caseworker_cannot_keep_the_follow_up(app, db):
    conv = _next_followup(db)
    worker = app.test_client()
    login_caseworker(worker, "lise@skovlund.example")
    assert worker.post(f"/sagsbehandler/opfoelgning/samtale/{conv}/behold").status_code == 404
    assert db.execute("SELECT followup_kept_at FROM conversations WHERE id = ?", [conv]).fetchone()[0] is None


def test_after_a_full_return_nothing_of_while_you_are_ill_is_left(client, db):
    from app import clock
    hanne = app_client_as(client, db, "Hanne Larsen")
    before = _main_text(hanne.get("/opfoelgning"))
    assert "While you are ill" in before and "Ask for a retention plan" in before and "Week " in before
    hanne.post("/opfoelgning/raskmelding", data={"kind": "partial", "on_date": clock.today().isoformat(),
                                                 "hours": "20", "submission_key": "p" * 32})
    assert "You have told us you work 20 hours a week" in _main_text(hanne.get("/opfoelgning"))
    hanne.post("/opfoelgning/raskmelding", data={"kind": "full", "on_date": clock.today().isoformat(),
                                                 "submission_key": "f" * 32})
    page = _main_text(hanne.get("/opfoelgning"))
    assert "While you are ill" not in page and "You have told us you are back at work" in page
    assert "20 hours a week" not in page and "You work some of your hours" not in page
    assert "Ask for a retention plan" not in page and "What happens at week" not in page
    assert not re.search(r"Week \d+ of \d+", page)
    plan = _main_text(hanne.get("/min-plan"))
    assert not re.search(r"Week \d+ of \d+", plan) and "A retention plan" not in plan
    now = plan[plan.index("What to do now"):plan.index("Next conversation")]
    assert "back at work" in now and NOT_REQUIRED in now
    assert NOT_REQUIRED in _main_text(hanne.get("/samtaler"))
    # A stale page's "Ask for a retention plan" is refused with the reason.
    asked = hanne.post("/opfoelgning/fastholdelsesplan", data={"submission_key": "a" * 32}, follow_redirects=True)
    assert "a retention plan is no longer needed" in asked.get_data(as_text=True)
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'retention_plan_requested'").fetchone()[0] == 0


def test_the_status_questions_say_when_the_conversation_is_so_it_is_not_said_twice(client, db):
    _english(client)
    login_citizen(client, db, "Hanne Larsen")
    now = _now_section(client.get("/min-plan").get_data(as_text=True))
    assert "Answer a few short questions before your follow-up conversation" in now
    assert "Your next conversation is" not in now
