"""The caseworker's citizen search: by name and target group, a page at a time, own municipality only."""
from app import clock

from .conftest import login_caseworker


def test_search_by_name_and_group(client):
    client.post("/sprog/en")
    login_caseworker(client)
    page = client.get("/sagsbehandler/borgere?q=hassan").get_data(as_text=True)
    assert "Ali Hassan" in page and "Mette Jensen" not in page and "1 citizen found." in page
    page = client.get("/sagsbehandler/borgere?group=kontanthjaelp_jobparat").get_data(as_text=True)
    assert "Ali Hassan" in page and "Emma Holm" in page and "Mette Jensen" not in page
    # A LIKE wildcard typed by the user is a literal character, not "match all".
    assert "No citizens match the search." in client.get("/sagsbehandler/borgere?q=%25").get_data(as_text=True)


def test_pages_of_25(client, db):
    db.conn.execute("BEGIN")
    for i in range(60):
        db.execute("INSERT INTO citizens (municipality_id, cpr, name, target_group, group_since, created_at, updated_at)"
                   " VALUES (1, ?, ?, 'dagpenge', '2026-01-01', 'x', 'x')", [f"{5000000000 + i}", f"Zz Test {i:02d}"])
    db.conn.execute("COMMIT")
    client.post("/sprog/en")
    login_caseworker(client)
    first = client.get("/sagsbehandler/borgere?q=Zz").get_data(as_text=True)
    assert "60 citizens found." in first and "Page 1 of 3" in first
    assert first.count("Zz Test") == 25 and "Zz Test 00" in first and "Zz Test 25" not in first
    last = client.get("/sagsbehandler/borgere?q=Zz&side=3").get_data(as_text=True)
    assert last.count("Zz Test") == 10 and "Zz Test 59" in last and "Previous page" in last
    assert "Next page" not in last


def test_next_conversation_shown_for_the_rows(client):
    client.post("/sprog/en")
    login_caseworker(client)
    page = client.get("/sagsbehandler/borgere?q=Mette").get_data(as_text=True)
    assert "None booked" not in page
    assert clock.now().year >= 2026
