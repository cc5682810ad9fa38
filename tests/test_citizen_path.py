"""The citizen's path (issue 14): the rough edges a demanding walkthrough found, each checked."""
import re

from .conftest import citizen_id, login_citizen


def _english(client):
    client.post("/sprog/en?next=/log-ind")


def _now_section(page: str) -> str:
    start = page.index('id="now"')
    return page[start:page.index("</section>", start)]


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
