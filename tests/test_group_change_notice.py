"""After a caseworker changes a citizen's target group (issue 10), the citizen's Min Plan says what
changed for them: a card naming the new group and the date, linking to the rules that now apply
differently (old group vs new group on that date, from the rules data), for 8 weeks (SETTING)."""
from datetime import timedelta

from flask_babel import force_locale
from markupsafe import escape

from app import clock
from app.auth.queries import citizen_by_id
from app.changes import service
from app.labels import TARGET_GROUPS, label

from .conftest import citizen_id, login_caseworker, login_citizen

NEW = "kontanthjaelp_jobparat"


def change_mettes_group(app, db, since):
    worker = app.test_client()
    login_caseworker(worker)
    cid = citizen_id(db, "Mette Jensen")
    response = worker.post(f"/sagsbehandler/borger/{cid}/maalgruppe",
                           data={"group": NEW, "on_date": since.isoformat(), "reason": "Dagpengeretten er opbrugt.",
                                 "submission_key": "group-notice-0001-abcdef"})
    assert response.status_code == 302, response.data[:1000]
    return cid


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.get_data(as_text=True).split())


def test_no_card_without_a_change(app, db):
    citizen = app.test_client()
    login_citizen(citizen, db)
    assert 'id="group-change-card"' not in page_text(citizen, "/min-plan")
    assert 'id="ny-maalgruppe"' not in page_text(citizen, "/min-plan/aendringer")


def test_the_card_shows_the_new_group_and_the_rules_that_differ(app, db):
    since = clock.today() - timedelta(days=2)
    old = db.execute("SELECT target_group FROM citizens WHERE name = 'Mette Jensen'").fetchone()[0]
    cid = change_mettes_group(app, db, since)
    differing = service.group_changes(old, NEW, since)
    assert differing, "dagpenge and kontanthjælp should differ in some rule"

    citizen = app.test_client()
    login_citizen(citizen, db)
    plan = page_text(citizen, "/min-plan")
    with app.test_request_context(), force_locale("da"):
        new_label, old_label = str(label(TARGET_GROUPS, NEW)), str(label(TARGET_GROUPS, old))
        differing = service.group_changes(old, NEW, since)
        labels = [str(c.label) for c in differing]
        before_after = [(str(c.before), str(c.after)) for c in differing]
    assert "Din målgruppe er ændret" in plan
    card = plan[plan.index('id="group-change-card"'):]
    card = card[:card.index("</section>")]
    assert str(escape(new_label)) in card and str(escape(old_label)) in card
    assert f"{since.day}. " in card  # the date the new group applies from
    for text in labels:
        assert str(escape(text)) in card
    assert "/min-plan/aendringer#ny-maalgruppe" in card

    page = page_text(citizen, "/min-plan/aendringer")
    section = page[page.index('id="ny-maalgruppe"'):]
    section = section[:section.index("</section>")]
    for before, after in before_after:
        assert str(escape(" ".join(before.split()))) in section and str(escape(" ".join(after.split()))) in section

    # In English too.
    citizen.post("/sprog/en?next=/min-plan")
    english = page_text(citizen, "/min-plan")
    assert "Your target group has changed" in english and "Din målgruppe er ændret" not in english
    with app.test_request_context(), force_locale("en"):
        english_labels = [str(c.label) for c in service.group_changes(old, NEW, since)]
        english_new = str(label(TARGET_GROUPS, NEW))
    assert str(escape(english_new)) in english
    for text in english_labels:
        assert str(escape(text)) in english
    assert "Your target group has changed" in page_text(citizen, "/min-plan/aendringer")

    # Only for that citizen.
    other = app.test_client()
    login_citizen(other, db, "Ali Hassan")
    assert 'id="group-change-card"' not in page_text(other, "/min-plan")

    # Shown for 8 weeks (SETTING), then no more.
    mette = dict(citizen_by_id(db, cid))
    assert service.group_change_for(db, mette, clock.today() + service.GROUP_CHANGE_SHOWN - timedelta(days=1))
    assert service.group_change_for(db, mette, clock.today() + service.GROUP_CHANGE_SHOWN) is None
