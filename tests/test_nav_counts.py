"""The caseworker menu's counts (issue 10): Anmodninger, Opfølgning and Joblogs count what waits
in the caseworker's own municipality, the same numbers as the panels on "I dag"; nothing waiting
shows no count."""
import re
from types import SimpleNamespace

from app.conversations.panels import format_requests
from app.followup.panels import followups_due
from app.joblog.panels import joblogs_at_risk

from .conftest import login_caseworker

def nav(html: str) -> dict:
    """{menu text: the count's words, as a screen reader hears them} from the page's menu."""
    menu = html[html.index('class="app-nav"'):html.index("</nav>")]
    found = {}
    for inner in re.findall(r'class="app-nav-link"[^>]*>(.*?)</a>', menu, re.S):
        text = " ".join(re.sub(r"<[^>]+>", "", inner).split())
        name, _, count = text.partition(" (")
        found[name] = count.rstrip(")") if count else None
    return found


def municipality_of(db, email):
    return db.execute("SELECT municipality_id FROM caseworkers WHERE email = ?", [email]).fetchone()[0]


def panel_numbers(app, db, email):
    """What "I dag"'s panels count for this caseworker's municipality (0 when a panel is not shown)."""
    worker = SimpleNamespace(municipality_id=municipality_of(db, email))
    with app.test_request_context():
        requests = format_requests(db, worker)
        followups = followups_due(db, worker)
        joblogs = joblogs_at_risk(db, worker)
    return {
        "Anmodninger": requests.context["count"] if requests else 0,
        "Opfølgning": followups.context["soon_total"] + followups.context["forms_and_answers_in"] if followups else 0,
        "Joblogs": joblogs.context["total"] if joblogs else 0,
    }


WORDS = {"Anmodninger": ("afventer afgørelse",), "Opfølgning": ("kræver handling",),
         "Joblogs": ("i risiko eller ikke opfyldt",)}


def test_counts_match_the_panels_on_today(app, db):
    worker = app.test_client()
    login_caseworker(worker)
    page = worker.get("/sagsbehandler/")
    assert page.status_code == 200
    menu = nav(page.get_data(as_text=True))
    expected = panel_numbers(app, db, "anne@fjordby.example")
    assert any(expected.values()), "the demo data should give Fjordby something waiting"
    for entry, number in expected.items():
        if number:
            assert menu[entry] is not None and menu[entry].startswith(f"{number} "), (entry, menu)
            assert menu[entry].endswith(WORDS[entry]), menu[entry]
        else:
            assert menu[entry] is None, (entry, menu)


def test_another_municipalitys_items_are_not_counted(app, db):
    fjordby = municipality_of(db, "anne@fjordby.example")
    # A pending format request in Fjordby, on a booked conversation of one of its citizens.
    conv = db.execute("SELECT c.id, c.citizen_id FROM conversations c JOIN citizens z ON z.id = c.citizen_id"
                      " WHERE z.municipality_id = ? AND c.status = 'booked' AND c.id NOT IN"
                      " (SELECT conversation_id FROM format_requests WHERE status = 'pending') LIMIT 1",
                      [fjordby]).fetchone()
    columns = [r[1] for r in db.execute("PRAGMA table_info(format_requests)")]
    assert conv is not None and "municipality_id" in columns
    before = panel_numbers(app, db, "lise@skovlund.example")
    fjordby_before = panel_numbers(app, db, "anne@fjordby.example")["Anmodninger"]
    row = db.execute("SELECT * FROM format_requests LIMIT 1").fetchone()
    assert row is not None, "the demo data has a format request to copy"
    values = dict(zip(columns, row))
    values.pop("id")
    values.update(conversation_id=conv[0], citizen_id=conv[1], municipality_id=fjordby, status="pending")
    for column in ("decided_at", "decided_by", "decision_note", "reason_refused"):
        if column in values:
            values[column] = None
    with db.conn:
        db.conn.execute(f"INSERT INTO format_requests ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                        list(values.values()))
    assert panel_numbers(app, db, "anne@fjordby.example")["Anmodninger"] == fjordby_before + 1

    anne = app.test_client()
    login_caseworker(anne)
    assert nav(anne.get("/sagsbehandler/").get_data(as_text=True))["Anmodninger"].startswith(f"{fjordby_before + 1} ")

    lise = app.test_client()
    login_caseworker(lise, "lise@skovlund.example")
    menu = nav(lise.get("/sagsbehandler/").get_data(as_text=True))
    assert panel_numbers(app, db, "lise@skovlund.example") == before
    for entry, number in before.items():
        assert (menu[entry] or "0 ").startswith(f"{number} "), (entry, menu)


def test_zero_shows_no_count(app, db):
    with db.conn:
        db.conn.execute("UPDATE format_requests SET status = 'refused' WHERE status = 'pending'")
    worker = app.test_client()
    login_caseworker(worker)
    menu = nav(worker.get("/sagsbehandler/").get_data(as_text=True))
    assert menu["Anmodninger"] is None
    assert "Anmodninger" in menu


def test_counts_in_english(app, db):
    worker = app.test_client()
    login_caseworker(worker)
    worker.post("/sprog/en")
    expected = panel_numbers(app, db, "anne@fjordby.example")
    menu = nav(worker.get("/sagsbehandler/").get_data(as_text=True))
    for entry, words in (("Requests", "awaiting a decision"), ("Follow-up", "needing action"),
                         ("Joblogs", "at risk or missed")):
        number = expected[{"Requests": "Anmodninger", "Follow-up": "Opfølgning", "Joblogs": "Joblogs"}[entry]]
        assert menu[entry] == (f"{number} {words}" if number else None), (entry, menu)


def test_counted_once_per_request_and_only_for_caseworkers(app, db, monkeypatch):
    from app.joblog import watch
    from .conftest import login_citizen
    calls = []
    real = watch.needing_attention_count
    monkeypatch.setattr(watch, "needing_attention_count", lambda *a, **k: calls.append(1) or real(*a, **k))
    worker = app.test_client()
    login_caseworker(worker)
    assert worker.get("/sagsbehandler/").status_code == 200
    assert len(calls) == 1
    citizen = app.test_client()
    login_citizen(citizen, db)
    assert citizen.get("/min-plan").status_code == 200
    assert len(calls) == 1
