"""Who may reach what: every route of `app.url_map` x six users, one line a route.

The columns: anonymous; citizen A on A's own objects; citizen B on A's objects; a caseworker of
A's municipality; a caseworker of another municipality; an administrator of another municipality.
Every id in a URL is one of A's objects (A's conversation, joblog entry, notice, invitation, ...).
Outcomes: OK (served, or a form's answer: anything but a refusal), LOGIN (redirect to the
citizen's login), STAFF (redirect to the caseworker's login), 401 (a script's call without a
session), 403, 404.

A route missing from MATRIX fails `test_every_route_has_a_decision`: a new route needs one line
here. GET and POST of a route are both checked against its line (POSTs with an empty form).
An administrator of another municipality is a caseworker there: on caseworker pages the same
as the other caseworker. The administrators' own pages (ADMIN, STAFF_OBJECT) refuse every
caseworker who is no administrator (403), and another municipality's staff member is 404."""
import json
import os
import re

import pytest

from app import clock

from .conftest import citizen_id, login_caseworker, login_citizen

OK, LOGIN, STAFF = "ok", "login", "staff-login"
F401, F403, F404 = "401", "403", "404"

# Owners of the objects in the URLs: A and B, by area (the follow-up pages need citizens on sick leave).
CITIZENS = {"default": ("Ali Hassan", "Mette Jensen"), "followup": ("Hanne Larsen", "Niels Bak")}
CASEWORKER_SAME = "anne@fjordby.example"     # Fjordby, A's municipality
CASEWORKER_OTHER = "lise@skovlund.example"   # Skovlund
ADMINISTRATOR = "ole@skovlund.example"    # Skovlund's administrator (app/demo.py)

# Columns:         anonymous  citizen A  citizen B  caseworker  other cw  other admin
PUBLIC = (OK, OK, OK, OK, OK, OK)
HOME = (LOGIN, OK, OK, OK, OK, OK)               # each user's start page; anonymous to the login
CITIZEN = (LOGIN, OK, OK, F403, F403, F403)         # the citizen's own page (no object in the URL)
OWN_OBJECT = (LOGIN, OK, F404, F403, F403, F403)    # one of A's objects
NO_RECEIPT_YET = (LOGIN, F404, F404, F403, F403, F403)  # a receipt for an action not taken: none to see
CASEWORKER = (STAFF, F403, F403, OK, OK, OK)      # a caseworker's page (no citizen in the URL)
CASE_OBJECT = (STAFF, F403, F403, OK, F404, F404)   # a caseworker's page about A or A's object
KEEP_ALIVE = (F401, OK, OK, OK, OK, OK)           # the idle dialog's script
LOGOUT = (LOGIN, LOGIN, LOGIN, STAFF, STAFF, STAFF)  # back to each one's login page
FEED = (OK, OK, OK, OK, OK, OK)                       # a calendar app holding A's secret address: no login
ADMIN = (STAFF, F403, F403, F403, F403, OK)           # the administrators' page (A's caseworker is no administrator)
STAFF_OBJECT = (STAFF, F403, F403, F403, F403, F404)  # one of the staff of A's municipality

MATRIX = {
    "/": HOME,
    "/beskeder": CITIZEN,
    "/beskeder/<int:notice_id>": OWN_OBJECT,
    "/beskeder/ny": CITIZEN,
    "/beskeder/traad/<int:thread_id>": OWN_OBJECT,
    "/beskeder/traad/<int:thread_id>/aaben": OWN_OBJECT,
    "/beskeder/traad/<int:thread_id>/bilag/<int:attachment_id>": OWN_OBJECT,
    "/healthz": PUBLIC,
    "/indstillinger": CITIZEN,
    "/indstillinger/kalender": CITIZEN,
    "/indstillinger/mine-data.json": CITIZEN,
    "/joblog": CITIZEN,
    "/joblog/<int:entry_id>/ret": OWN_OBJECT,
    "/joblog/<int:entry_id>/slet": OWN_OBJECT,
    "/joblog/eksport.csv": CITIZEN,
    "/joblog/ny": CITIZEN,
    "/kalender/<token>.ics": FEED,
    "/kontakt": PUBLIC,
    "/log-af": LOGOUT,
    "/log-ind": PUBLIC,
    "/log-ind/medarbejder": PUBLIC,
    "/log-ind/mitid": PUBLIC,
    "/min-plan": CITIZEN,
    "/min-plan/aendringer": CITIZEN,
    "/min-plan/laest": CITIZEN,
    "/min-plan/meld": CITIZEN,
    "/min-plan/meld/<int:report_id>/kvittering": OWN_OBJECT,
    "/min-plan/meld/ferie": CITIZEN,
    "/min-plan/meld/rask": CITIZEN,
    "/min-plan/meld/syg": CITIZEN,
    "/min-plan/udskriv": CITIZEN,
    "/opfoelgning": CITIZEN,
    "/opfoelgning/bed-om-samtale": CITIZEN,
    "/opfoelgning/bed-om-samtale/kvittering": CITIZEN,
    "/opfoelgning/fastholdelsesplan": CITIZEN,
    "/opfoelgning/oplysningsskema": CITIZEN,
    "/opfoelgning/oplysningsskema/<slug>": CITIZEN,
    "/opfoelgning/oplysningsskema/kvittering": CITIZEN,
    "/opfoelgning/oplysningsskema/tjek": CITIZEN,
    "/opfoelgning/raskmelding": CITIZEN,
    "/opfoelgning/samtale/<int:conversation_id>/status": OWN_OBJECT,
    "/opfoelgning/samtale/<int:conversation_id>/status/kvittering": OWN_OBJECT,
    "/privatliv": PUBLIC,
    "/sagsbehandler/": CASEWORKER,
    "/sagsbehandler/adgangskode": CASEWORKER,
    "/sagsbehandler/anmodninger": CASEWORKER,
    "/sagsbehandler/anmodninger/<int:request_id>": CASE_OBJECT,
    "/sagsbehandler/beskeder": CASEWORKER,
    "/sagsbehandler/beskeder/<int:thread_id>": CASE_OBJECT,
    "/sagsbehandler/beskeder/<int:thread_id>/bilag/<int:attachment_id>": CASE_OBJECT,
    "/sagsbehandler/beskeder/<int:thread_id>/luk": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/historik": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/indkald": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/krav-til-jobsoegning": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/maalgruppe": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/plan": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/plan/aktiviteter": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/plan/aktiviteter/<int:activity_id>": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/plan/maal": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/plan/maal/<int:goal_id>": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/plan/maal/<int:goal_id>/afslut": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/selvbooking": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/selvbooking-fritagelse": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/undtagelse": CASE_OBJECT,
    "/sagsbehandler/borger/<int:citizen_id>/undtagelse/ophoer": CASE_OBJECT,
    "/sagsbehandler/borgere": CASEWORKER,
    "/sagsbehandler/fravaer/<int:report_id>": CASE_OBJECT,
    "/sagsbehandler/joblog": CASEWORKER,
    "/sagsbehandler/medarbejdere": ADMIN,
    "/sagsbehandler/medarbejdere/<int:staff_id>/adgangskode": STAFF_OBJECT,
    "/sagsbehandler/medarbejdere/<int:staff_id>/deaktiver": STAFF_OBJECT,
    "/sagsbehandler/medarbejdere/<int:staff_id>/genaktiver": STAFF_OBJECT,
    "/sagsbehandler/medarbejdere/<int:staff_id>/rolle": STAFF_OBJECT,
    "/sagsbehandler/joblog/borger/<int:citizen_id>": CASE_OBJECT,
    "/sagsbehandler/opfoelgning": CASEWORKER,
    "/sagsbehandler/opfoelgning/anmodning/<int:request_id>/behandlet": CASE_OBJECT,
    "/sagsbehandler/opfoelgning/borger/<int:citizen_id>/fastholdelsesplan": CASE_OBJECT,
    "/sagsbehandler/opfoelgning/borger/<int:citizen_id>/send-skema": CASE_OBJECT,
    "/sagsbehandler/opfoelgning/samtale/<int:conversation_id>/afholdt": CASE_OBJECT,
    "/sagsbehandler/opfoelgning/samtale/<int:conversation_id>/behold": CASE_OBJECT,
    "/sagsbehandler/regler": CASEWORKER,
    "/sagsbehandler/samtaler/<int:conversation_id>/afholdt": CASE_OBJECT,
    "/sagsbehandler/samtaler/<int:conversation_id>/aflys": CASE_OBJECT,
    "/sagsbehandler/samtaler/<int:conversation_id>/fremmoede": CASE_OBJECT,
    "/sagsbehandler/samtaler/<int:conversation_id>/tolk-bestilt": CASE_OBJECT,
    "/sagsbehandler/samtaler/<int:conversation_id>/udeblevet": CASE_OBJECT,
    "/sagsbehandler/tider": CASEWORKER,
    # Another municipality's caseworker is refused with a message (the time is not theirs) and
    # nothing changes (checked at the end of test_access_matrix).
    "/sagsbehandler/tider/<int:slot_id>/traek-tilbage": CASEWORKER,
    "/samtaler": CITIZEN,
    "/samtaler/<int:conversation_id>": OWN_OBJECT,
    "/samtaler/<int:conversation_id>.ics": OWN_OBJECT,
    "/samtaler/<int:conversation_id>/afbud": OWN_OBJECT,
    "/samtaler/<int:conversation_id>/afbud/kvittering": NO_RECEIPT_YET,
    "/samtaler/<int:conversation_id>/flyt": OWN_OBJECT,
    "/samtaler/<int:conversation_id>/flyt/<int:slot_id>": OWN_OBJECT,
    "/samtaler/<int:conversation_id>/form": OWN_OBJECT,
    "/samtaler/<int:conversation_id>/form/kvittering": NO_RECEIPT_YET,
    "/samtaler/<int:conversation_id>/form/kvittering/<int:request_id>": OWN_OBJECT,
    "/samtaler/<int:conversation_id>/kvittering": NO_RECEIPT_YET,
    "/samtaler/<int:conversation_id>/tolk": OWN_OBJECT,
    "/samtaler/<int:conversation_id>/vurdering": NO_RECEIPT_YET,  # only a held conversation is rated
    "/samtaler/book/<int:invitation_id>": OWN_OBJECT,
    "/samtaler/book/<int:invitation_id>/tid/<int:slot_id>": OWN_OBJECT,
    "/samtaler/book/<int:invitation_id>/tolk": OWN_OBJECT,
    "/samtaler/kalender.ics": CITIZEN,
    "/session/forny": KEEP_ALIVE,
    "/sprog/<code>": PUBLIC,
    "/tilgaengelighed": PUBLIC,
}


def _area(rule: str) -> str:
    return "followup" if "opfoelgning" in rule else "default"


def _objects(db, a: int) -> dict:
    """A's objects by URL argument, made where the demo data has none."""
    now = clock.to_db(clock.now())
    one = lambda sql, *args: (db.execute(sql, list(args)).fetchone() or [None])[0]  # noqa: E731
    municipality = one("SELECT municipality_id FROM citizens WHERE id = ?", a)
    conversation = one("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'booked' ORDER BY starts_at", a)
    if not one("SELECT id FROM notices WHERE citizen_id = ?", a):
        db.execute("INSERT INTO notices (citizen_id, kind, params, created_at) SELECT ?, kind, params, created_at"
                   " FROM notices LIMIT 1", [a])
    if conversation and not one("SELECT id FROM format_requests WHERE citizen_id = ?", a):
        db.execute("INSERT INTO format_requests (conversation_id, citizen_id, municipality_id, from_format,"
                   " to_format, created_at) VALUES (?, ?, ?, 'in_person', 'phone', ?)", [conversation, a, municipality, now])
    if _area_of_citizen(db, a) == "followup" and not one("SELECT id FROM followup_requests WHERE citizen_id = ?", a):
        db.execute("INSERT INTO followup_requests (citizen_id, municipality_id, topic, created_at) VALUES (?, ?, 'x', ?)",
                   [a, municipality, now])
    thread, attachment, report = _dialogue_and_report(db, a, municipality, now)
    return {
        "citizen_id": a,
        "thread_id": thread,
        "goal_id": one("SELECT g.id FROM goals g JOIN plans p ON p.id = g.plan_id WHERE p.citizen_id = ? ORDER BY g.id", a),
        "activity_id": one("SELECT id FROM activities WHERE citizen_id = ? ORDER BY id", a),
        "attachment_id": attachment,
        "report_id": report,
        "token": MATRIX_FEED_TOKEN,
        "conversation_id": conversation,
        "entry_id": one("SELECT id FROM joblog_entries WHERE citizen_id = ? ORDER BY id", a),
        "notice_id": one("SELECT id FROM notices WHERE citizen_id = ?", a),
        "invitation_id": one("SELECT id FROM booking_invitations WHERE citizen_id = ? AND status = 'open'", a),
        "slot_id": one("SELECT id FROM slots WHERE municipality_id = ? AND status = 'open' ORDER BY starts_at",
                       municipality),
        "format_request_id": one("SELECT id FROM format_requests WHERE citizen_id = ?", a),
        "followup_request_id": one("SELECT id FROM followup_requests WHERE citizen_id = ?", a),
        "staff_id": one("SELECT id FROM caseworkers WHERE municipality_id = ? AND email = 'henrik@fjordby.example'",
                        municipality),
        "slug": "arbejde",
        "code": "da",
    }


MATRIX_FEED_TOKEN = "matrix" + "0" * 38  # A's calendar address (only its hash is stored)


def _dialogue_and_report(db, a: int, municipality: int, now: str) -> tuple[int, int, int]:
    """A thread of A's with one attachment (its file on disk), A's calendar address, and one of A's
    own reports."""
    from app.dialogue import files
    from app.feed.service import digest
    one = lambda sql, *args: (db.execute(sql, list(args)).fetchone() or [None])[0]  # noqa: E731
    thread = db.execute("INSERT INTO dialogue_threads (citizen_id, municipality_id, subject, waiting_since,"
                        " last_message_at, created_at) VALUES (?, ?, 'Matrix', ?, ?, ?)",
                        [a, municipality, now, now, now]).lastrowid
    message = db.execute("INSERT INTO dialogue_messages (thread_id, author_type, author_id, body, created_at)"
                         " VALUES (?, 'citizen', ?, 'Hej', ?)", [thread, a, now]).lastrowid
    stored = "matrix%d" % thread
    (files.folder() / stored).write_bytes(b"%PDF-1.4\n%%EOF\n")
    attachment = db.execute("INSERT INTO dialogue_attachments (message_id, thread_id, filename, content_type, size,"
                            " sha256, stored_name, created_at) VALUES (?, ?, 'note.pdf', 'application/pdf', 15,"
                            " '0', ?, ?)", [message, thread, stored, now]).lastrowid
    db.execute("INSERT OR REPLACE INTO calendar_feeds (citizen_id, token_hash, created_at) VALUES (?, ?, ?)",
               [a, digest(MATRIX_FEED_TOKEN), now])
    report = one("SELECT id FROM absence_reports WHERE citizen_id = ?", a) or db.execute(
        "INSERT INTO absence_reports (citizen_id, municipality_id, kind, from_date, to_date, status, rule_set,"
        " registered_at) VALUES (?, ?, 'holiday', date(?, '+30 days'), date(?, '+34 days'), 'requested',"
        " '2026-07-01', ?)", [a, municipality, now, now, now]).lastrowid
    db.conn.commit()
    return thread, attachment, report


def _area_of_citizen(db, cid: int) -> str:
    group = db.execute("SELECT target_group FROM citizens WHERE id = ?", [cid]).fetchone()[0]
    return "followup" if group == "sygedagpenge" else "default"


# What a visit may change without anything of A's changing: who logged in, their audit entries.
NOT_A_S = {"sessions", "login_attempts", "audit_log", "idempotency_keys", "schema_migrations"}


def _rows_of(db, a: int) -> dict:
    """Every row that is A's (by citizen_id), A's own row, and the times of A's municipality."""
    rows = {}
    for table in db.table_names():
        # A watch's queue of citizens to judge again (0022, 0023) is drained by whoever's page
        # reads the watch first: bookkeeping of derived data, not A's data.
        if table in NOT_A_S or table.endswith("_fts") or "_fts_" in table or table.endswith("_watch_dirty"):
            continue
        columns = db[table].columns_dict
        if "citizen_id" in columns:
            rows[table] = [tuple(r) for r in db.execute(f"SELECT * FROM [{table}] WHERE citizen_id = ? ORDER BY 1", [a])]
    rows["citizens"] = [tuple(r) for r in db.execute("SELECT * FROM citizens WHERE id = ?", [a])]
    rows["goals"] = [tuple(r) for r in db.execute(  # A's goals hang on A's plan, not on A
        "SELECT g.* FROM goals g JOIN plans p ON p.id = g.plan_id WHERE p.citizen_id = ? ORDER BY g.id", [a])]
    rows["slots"] = [tuple(r) for r in db.execute(
        "SELECT * FROM slots WHERE municipality_id = (SELECT municipality_id FROM citizens WHERE id = ?) ORDER BY id", [a])]
    return rows


def url_for_rule(rule, objects: dict) -> str:
    def value(match):
        name = match.group(2)
        if name == "request_id":
            name = "followup_request_id" if "opfoelgning" in rule.rule else "format_request_id"
        assert objects.get(name) is not None, f"no object for <{name}> in {rule.rule}"
        return str(objects[name])
    return re.sub(r"<(?:(\w+):)?(\w+)>", value, rule.rule)


def outcome(response) -> str:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        location = response.headers["Location"]
        path = location.split("?")[0].split("://")[-1]
        path = path[path.find("/"):] if "/" in path else path
        if path == "/log-ind/medarbejder":
            return STAFF
        if path in ("/log-ind", "/log-ind/mitid"):
            return LOGIN
        return OK
    if code in (401, 403, 404):
        return str(code)
    assert code < 500, response.get_data(as_text=True)[:1000]
    assert code != 405, code
    return OK


def routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static":
            continue
        yield rule


COLUMNS = ("anonymous", "citizen A", "citizen B", "caseworker", "other caseworker", "other administrator")


def test_every_route_has_a_decision(app):
    missing = [rule.rule for rule in routes(app) if rule.rule not in MATRIX]
    stale = sorted(set(MATRIX) - {rule.rule for rule in routes(app)})
    assert not missing, "routes without an access decision (add one line each to MATRIX):\n" + "\n".join(missing)
    assert not stale, f"MATRIX names routes that no longer exist: {stale}"


def _client(app, db, column: int, area: str):
    client = app.test_client()
    a, b = CITIZENS[area]
    if column == 1:
        login_citizen(client, db, a)
    elif column == 2:
        login_citizen(client, db, b)
    elif column == 3:
        assert login_caseworker(client, CASEWORKER_SAME).status_code == 302
    elif column == 4:
        assert login_caseworker(client, CASEWORKER_OTHER).status_code == 302
    elif column == 5:
        assert login_caseworker(client, ADMINISTRATOR).status_code == 302
    return client


@pytest.mark.parametrize("column", range(len(COLUMNS)), ids=COLUMNS)
def test_access_matrix(app, db, column):
    """Each route, for one column's user: GETs first, then POSTs with an empty form (logging out last)."""
    with app.app_context():  # the attachment's file goes where the app keeps them
        objects = {area: _objects(db, citizen_id(db, names[0])) for area, names in CITIZENS.items()}
    clients = {area: _client(app, db, column, area) for area in CITIZENS}
    before = {area: _rows_of(db, citizen_id(db, names[0])) for area, names in CITIZENS.items()}
    observed, wrong = {}, []
    calls = [(method, rule) for method in ("GET", "POST") for rule in routes(app) if method in rule.methods]
    calls.sort(key=lambda call: call[1].rule == "/log-af")
    for method, rule in calls:
        area = _area(rule.rule)
        url = url_for_rule(rule, objects[area])
        response = clients[area].open(url, method=method, data={} if method == "POST" else None)
        got = outcome(response)
        observed[rule.rule] = observed.get(rule.rule, ()) + ((method, got),)
        expected = MATRIX.get(rule.rule, (None,) * len(COLUMNS))[column]
        if got != expected:
            wrong.append(f"{method} {url} ({rule.rule}): expected {expected}, got {got} ({response.status_code})")
    if column in (0, 2, 4, 5):  # anyone without a right to A's data changed nothing of it
        after = {area: _rows_of(db, citizen_id(db, names[0])) for area, names in CITIZENS.items()}
        changed = {(area, table): (before[area][table], after[area][table]) for area in before
                   for table in before[area] if before[area][table] != after[area][table]}
        assert not changed, changed
    if os.environ.get("MINPLAN_MATRIX_PRINT"):
        print(json.dumps({rule: list(v) for rule, v in observed.items()}))
    assert not wrong, f"{COLUMNS[column]}:\n" + "\n".join(wrong)
