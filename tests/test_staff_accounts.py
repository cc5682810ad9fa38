"""Caseworkers and their accounts (issue 10): an administrator manages the municipality's staff
at /sagsbehandler/medarbejdere; every caseworker changes their own password."""
import json

from app.auth.service import PASSWORD_MIN_LENGTH

from .conftest import csrf_token_from, login_caseworker

ADMIN = "karen@fjordby.example"        # Fjordby's administrator (app/demo.py)
OTHER_ADMIN = "ole@skovlund.example"   # Skovlund's
NEW_PASSWORD = "fire ord i en raekke"


def _client(app, email=ADMIN, password=None):
    client = app.test_client()
    response = login_caseworker(client, email) if password is None else login_caseworker(client, email, password)
    assert response.status_code == 302, response.data[:300]
    return client


def _id(db, email):
    return db.execute("SELECT id FROM caseworkers WHERE email = ?", [email]).fetchone()[0]


def _audit(db, action):
    return [dict(r) for r in db.execute("SELECT * FROM audit_log WHERE action = ? ORDER BY id", [action])]


def _logged_in(client) -> bool:
    response = client.get("/sagsbehandler/")
    return response.status_code == 200


def test_administrator_lists_own_municipality_only(app, db):
    page = _client(app).get("/sagsbehandler/medarbejdere").get_data(as_text=True)
    assert "henrik@fjordby.example" in page and "anne@fjordby.example" in page
    assert "lise@skovlund.example" not in page and "ole@skovlund.example" not in page


def test_create_account_once_and_it_logs_in(app, db):
    admin = _client(app)
    form = {"name": "Ida Berg", "email": "ida@fjordby.example", "role": "caseworker",
            "password": NEW_PASSWORD, "submission_key": "k" * 20}
    first = admin.post("/sagsbehandler/medarbejdere", data=form)
    again = admin.post("/sagsbehandler/medarbejdere", data=form)  # a double click
    assert first.status_code == 302 and again.status_code == 302
    rows = list(db.execute("SELECT * FROM caseworkers WHERE email = 'ida@fjordby.example'"))
    assert len(rows) == 1
    assert rows[0]["role"] == "caseworker" and rows[0]["municipality_id"] == \
        db.execute("SELECT municipality_id FROM caseworkers WHERE email = ?", [ADMIN]).fetchone()[0]
    assert rows[0]["password_hash"].startswith("$argon2")
    entries = _audit(db, "staff_created")
    assert len(entries) == 1 and entries[0]["entity_id"] == rows[0]["id"]
    assert "Kontoen til Ida Berg er oprettet" in admin.get("/sagsbehandler/medarbejdere").get_data(as_text=True)
    assert login_caseworker(app.test_client(), "ida@fjordby.example", NEW_PASSWORD).status_code == 302


def test_create_refuses_a_taken_email_and_a_short_password(app, db):
    admin = _client(app)
    taken = admin.post("/sagsbehandler/medarbejdere", data={
        "name": "Lise To", "email": "LISE@skovlund.example", "role": "caseworker", "password": NEW_PASSWORD,
        "submission_key": "a" * 20})
    assert taken.status_code == 400
    assert "Der findes allerede en konto med denne e-mailadresse." in taken.get_data(as_text=True)
    short = admin.post("/sagsbehandler/medarbejdere", data={
        "name": "Kort", "email": "kort@fjordby.example", "role": "caseworker", "password": "x" * (PASSWORD_MIN_LENGTH - 1),
        "submission_key": "b" * 20})
    assert short.status_code == 400
    assert f"Adgangskoden skal være mindst {PASSWORD_MIN_LENGTH} tegn lang." in short.get_data(as_text=True)
    assert db.execute("SELECT COUNT(*) FROM caseworkers WHERE email = 'kort@fjordby.example'").fetchone()[0] == 0


def test_disable_ends_the_live_session_at_once_and_login_is_refused(app, db):
    henrik = _client(app, "henrik@fjordby.example")
    assert _logged_in(henrik)
    henrik_id = _id(db, "henrik@fjordby.example")
    admin = _client(app)
    response = admin.post(f"/sagsbehandler/medarbejdere/{henrik_id}/deaktiver", data={"submission_key": "d" * 20})
    assert response.status_code == 302
    assert "Kontoen til Henrik Thomsen er deaktiveret" in admin.get("/sagsbehandler/medarbejdere").get_data(as_text=True)
    assert db.execute("SELECT active FROM caseworkers WHERE id = ?", [henrik_id]).fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM sessions WHERE caseworker_id = ?", [henrik_id]).fetchone()[0] == 0
    after = henrik.get("/sagsbehandler/")
    assert after.status_code == 302 and "/log-ind/medarbejder" in after.headers["Location"]
    refused = login_caseworker(app.test_client(), "henrik@fjordby.example")
    assert refused.status_code == 401
    assert "E-mailen eller adgangskoden er forkert." in refused.get_data(as_text=True)  # neutral: the same as a wrong password
    # Re-enabled: the old session stays ended, a new login works.
    assert admin.post(f"/sagsbehandler/medarbejdere/{henrik_id}/genaktiver",
                      data={"submission_key": "e" * 20}).status_code == 302
    assert not _logged_in(henrik)
    assert login_caseworker(app.test_client(), "henrik@fjordby.example").status_code == 302
    assert [e["after"] for e in _audit(db, "staff_disabled")] == [json.dumps({"active": False})]
    assert [e["after"] for e in _audit(db, "staff_enabled")] == [json.dumps({"active": True})]


def test_disable_twice_acts_once_and_own_account_cannot_be_disabled(app, db):
    admin = _client(app)
    anne = _id(db, "anne@fjordby.example")
    for _ in range(2):
        assert admin.post(f"/sagsbehandler/medarbejdere/{anne}/deaktiver", data={"submission_key": "f" * 20}).status_code == 302
    assert len(_audit(db, "staff_disabled")) == 1
    own = _id(db, ADMIN)
    admin.post(f"/sagsbehandler/medarbejdere/{own}/deaktiver", data={"submission_key": "g" * 20})
    assert db.execute("SELECT active FROM caseworkers WHERE id = ?", [own]).fetchone()[0] == 1
    assert "Du kan ikke deaktivere din egen konto" in admin.get("/sagsbehandler/medarbejdere").get_data(as_text=True)
    assert _logged_in(admin)


def test_set_password_ends_the_accounts_other_sessions(app, db):
    first, second = _client(app, "henrik@fjordby.example"), _client(app, "henrik@fjordby.example")
    henrik = _id(db, "henrik@fjordby.example")
    admin = _client(app)
    mismatch = admin.post(f"/sagsbehandler/medarbejdere/{henrik}/adgangskode",
                          data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD + "x", "submission_key": "h" * 20})
    assert mismatch.status_code == 400 and "De to adgangskoder er ikke ens" in mismatch.get_data(as_text=True)
    assert _logged_in(first)
    done = admin.post(f"/sagsbehandler/medarbejdere/{henrik}/adgangskode",
                      data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD, "submission_key": "i" * 20})
    assert done.status_code == 302
    assert not _logged_in(first) and not _logged_in(second)
    assert _logged_in(admin)
    assert login_caseworker(app.test_client(), "henrik@fjordby.example").status_code == 401  # the old one
    assert login_caseworker(app.test_client(), "henrik@fjordby.example", NEW_PASSWORD).status_code == 302
    entries = _audit(db, "staff_password_set")
    assert len(entries) == 1 and entries[0]["entity_id"] == henrik


def test_own_password_change(app, db):
    here, elsewhere = _client(app, "anne@fjordby.example"), _client(app, "anne@fjordby.example")
    wrong = here.post("/sagsbehandler/adgangskode", data={
        "current": "not the password", "password": NEW_PASSWORD, "repeat": NEW_PASSWORD, "submission_key": "j" * 20})
    assert wrong.status_code == 400 and "Den nuværende adgangskode er forkert." in wrong.get_data(as_text=True)
    assert login_caseworker(app.test_client(), "anne@fjordby.example").status_code == 302  # unchanged
    form = {"current": "minplan-demo", "password": NEW_PASSWORD, "repeat": NEW_PASSWORD, "submission_key": "k" * 20}
    assert here.post("/sagsbehandler/adgangskode", data=form).status_code == 302
    assert here.post("/sagsbehandler/adgangskode", data=form).status_code == 302  # a double click: the same receipt
    assert len(_audit(db, "own_password_changed")) == 1
    assert _logged_in(here) and not _logged_in(elsewhere)
    assert login_caseworker(app.test_client(), "anne@fjordby.example", NEW_PASSWORD).status_code == 302


def test_own_password_message_in_english(app, db):
    client = _client(app, "anne@fjordby.example")
    client.get("/sprog/en")
    wrong = client.post("/sagsbehandler/adgangskode", data={
        "current": "not the password", "password": NEW_PASSWORD, "repeat": NEW_PASSWORD, "submission_key": "m" * 20})
    assert "The current password is wrong." in wrong.get_data(as_text=True)
    short = client.post("/sagsbehandler/adgangskode", data={
        "current": "minplan-demo", "password": "short", "repeat": "short", "submission_key": "n" * 20})
    assert f"The password must be at least {PASSWORD_MIN_LENGTH} characters long." in short.get_data(as_text=True)


def test_caseworker_is_refused_the_administrators_pages(app, db):
    anne = _client(app, "anne@fjordby.example")
    henrik = _id(db, "henrik@fjordby.example")
    assert anne.get("/sagsbehandler/medarbejdere").status_code == 403
    assert anne.post(f"/sagsbehandler/medarbejdere/{henrik}/deaktiver", data={"submission_key": "o" * 20}).status_code == 403
    assert anne.post(f"/sagsbehandler/medarbejdere/{henrik}/adgangskode",
                     data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD, "submission_key": "p" * 20}).status_code == 403
    assert db.execute("SELECT active FROM caseworkers WHERE id = ?", [henrik]).fetchone()[0] == 1
    assert "Medarbejdere" not in anne.get("/sagsbehandler/").get_data(as_text=True)
    assert "Medarbejdere" in _client(app).get("/sagsbehandler/").get_data(as_text=True)


def test_other_municipalitys_staff_member_is_not_found(app, db):
    other = _client(app, OTHER_ADMIN)
    henrik = _id(db, "henrik@fjordby.example")
    assert other.get(f"/sagsbehandler/medarbejdere/{henrik}/adgangskode").status_code == 404
    assert other.post(f"/sagsbehandler/medarbejdere/{henrik}/deaktiver", data={"submission_key": "q" * 20}).status_code == 404
    assert other.post(f"/sagsbehandler/medarbejdere/{henrik}/adgangskode",
                      data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD, "submission_key": "r" * 20}).status_code == 404
    assert db.execute("SELECT active FROM caseworkers WHERE id = ?", [henrik]).fetchone()[0] == 1
    assert login_caseworker(app.test_client(), "henrik@fjordby.example").status_code == 302


def test_no_password_in_the_audit_log(app, db):
    admin = _client(app)
    admin.post("/sagsbehandler/medarbejdere", data={"name": "Ida Berg", "email": "ida@fjordby.example",
               "role": "administrator", "password": NEW_PASSWORD, "submission_key": "s" * 20})
    ida = _id(db, "ida@fjordby.example")
    admin.post(f"/sagsbehandler/medarbejdere/{ida}/adgangskode",
               data={"password": NEW_PASSWORD + "2", "repeat": NEW_PASSWORD + "2", "submission_key": "t" * 20})
    rows = list(db.execute("SELECT before, after FROM audit_log WHERE entity = 'caseworker'"))
    assert len(rows) >= 3  # logins, the creation, the password
    text = json.dumps([tuple(r) for r in rows])
    hashes = [r[0] for r in db.execute("SELECT password_hash FROM caseworkers")]
    assert NEW_PASSWORD not in text and "$argon2" not in text and not any(h in text for h in hashes)


def test_forms_need_the_csrf_token(csrf_app):
    from app.db import connect
    client = csrf_app.test_client()
    page = client.get("/log-ind/medarbejder")
    client.post("/log-ind/medarbejder", data={"email": ADMIN, "password": "minplan-demo",
                                             "csrf_token": csrf_token_from(page.data)})
    db = connect(csrf_app.config["DATABASE"])
    henrik = _id(db, "henrik@fjordby.example")
    assert client.post(f"/sagsbehandler/medarbejdere/{henrik}/deaktiver", data={"submission_key": "u" * 20}).status_code == 400
    assert db.execute("SELECT active FROM caseworkers WHERE id = ?", [henrik]).fetchone()[0] == 1
    listing = client.get("/sagsbehandler/medarbejdere")
    token = csrf_token_from(listing.data)
    assert client.post(f"/sagsbehandler/medarbejdere/{henrik}/deaktiver",
                       data={"submission_key": "v" * 20, "csrf_token": token}).status_code == 302
    assert db.execute("SELECT active FROM caseworkers WHERE id = ?", [henrik]).fetchone()[0] == 0
    db.conn.close()


def _role(db, staff_id):
    return db.execute("SELECT role FROM caseworkers WHERE id = ?", [staff_id]).fetchone()[0]


def _set_role(client, staff_id, role, key):
    return client.post(f"/sagsbehandler/medarbejdere/{staff_id}/rolle", data={"role": role, "submission_key": key})


def test_promote_a_caseworker_once_with_a_receipt_and_an_audit_entry(app, db):
    admin, anne = _client(app), _client(app, "anne@fjordby.example")
    anne_id = _id(db, "anne@fjordby.example")
    assert anne.get("/sagsbehandler/medarbejdere").status_code == 403
    for _ in range(2):  # a double click
        response = _set_role(admin, anne_id, "administrator", "w" * 20)
        assert response.status_code == 302 and response.headers["Location"].endswith(f"#medarbejder-{anne_id}")
    assert "er nu administrator og kan oprette og ændre medarbejdernes konti." in \
        admin.get("/sagsbehandler/medarbejdere").get_data(as_text=True)
    assert _role(db, anne_id) == "administrator"
    entries = _audit(db, "staff_role_changed")
    assert len(entries) == 1 and entries[0]["entity_id"] == anne_id and entries[0]["actor_id"] == _id(db, ADMIN)
    assert json.loads(entries[0]["before"]) == {"role": "caseworker"}
    assert json.loads(entries[0]["after"]) == {"role": "administrator"}
    # The role is read with the session on every request: her live session is an administrator's now.
    assert anne.get("/sagsbehandler/medarbejdere").status_code == 200


def test_promote_receipt_names_the_account(app, db):
    admin = _client(app)
    henrik = _id(db, "henrik@fjordby.example")
    _set_role(admin, henrik, "administrator", "x" * 20)
    page = admin.get("/sagsbehandler/medarbejdere").get_data(as_text=True)
    assert "Henrik Thomsen er nu administrator" in page


def test_demote_another_administrator(app, db):
    admin, henrik_client = _client(app), _client(app, "henrik@fjordby.example")
    henrik = _id(db, "henrik@fjordby.example")
    _set_role(admin, henrik, "administrator", "y" * 20)
    assert henrik_client.get("/sagsbehandler/medarbejdere").status_code == 200
    assert _set_role(admin, henrik, "caseworker", "z" * 20).status_code == 302
    assert _role(db, henrik) == "caseworker"
    assert "Henrik Thomsen er nu sagsbehandler" in admin.get("/sagsbehandler/medarbejdere").get_data(as_text=True)
    assert henrik_client.get("/sagsbehandler/medarbejdere").status_code == 403
    assert [json.loads(e["after"]) for e in _audit(db, "staff_role_changed")] == [
        {"role": "administrator"}, {"role": "caseworker"}]


def test_the_last_active_administrator_cannot_be_demoted(app, db):
    admin = _client(app)
    own, henrik = _id(db, ADMIN), _id(db, "henrik@fjordby.example")
    # Another administrator whose account is disabled does not count.
    _set_role(admin, henrik, "administrator", "A" * 20)
    admin.post(f"/sagsbehandler/medarbejdere/{henrik}/deaktiver", data={"submission_key": "B" * 20})
    refused = _set_role(admin, own, "caseworker", "C" * 20)
    assert refused.status_code == 302
    page = admin.get("/sagsbehandler/medarbejdere")
    assert page.status_code == 200
    assert "Du er den sidste aktive administrator i kommunen." in page.get_data(as_text=True)
    assert _role(db, own) == "administrator"
    assert len(_audit(db, "staff_role_changed")) == 1  # Henrik's promotion only
    admin.get("/sprog/en")
    _set_role(admin, own, "caseworker", "D" * 20)
    assert "You are the last active administrator of the municipality." in \
        admin.get("/sagsbehandler/medarbejdere").get_data(as_text=True)
    assert _role(db, own) == "administrator"


def test_a_stale_administrator_cannot_demote_the_last_one(app, db):
    """Two administrators demoting each other at once: the one who goes second finds the other the
    last active administrator (the count is taken under the write lock)."""
    from app.auth.users import CaseworkerUser
    from app.staff import queries, service
    admin = _client(app)
    own, henrik = _id(db, ADMIN), _id(db, "henrik@fjordby.example")
    _set_role(admin, henrik, "administrator", "E" * 20)
    stale_henrik = CaseworkerUser(db.execute("SELECT * FROM caseworkers WHERE id = ?", [henrik]).fetchone())
    assert _set_role(_client(app, "henrik@fjordby.example"), henrik, "caseworker", "F" * 20).status_code == 302
    assert _role(db, henrik) == "caseworker"
    municipality = stale_henrik.municipality_id
    with app.test_request_context():
        try:
            service.set_role(db, stale_henrik, queries.staff_member(db, own, municipality), role="caseworker",
                             submission_key="G" * 20)
        except service.StaffError as refused:
            message = str(refused.message)
        else:
            message = None
    assert message == ("Karen Holm er den sidste aktive administrator i kommunen. "
                       "Gør først en anden konto til administrator.")
    assert _role(db, own) == "administrator"


def test_demoting_oneself_while_another_administrator_remains(app, db):
    admin = _client(app)
    own, henrik = _id(db, ADMIN), _id(db, "henrik@fjordby.example")
    _set_role(admin, henrik, "administrator", "H" * 20)
    response = _set_role(admin, own, "caseworker", "I" * 20)
    assert response.status_code == 302 and response.headers["Location"].rstrip("/").endswith("/sagsbehandler")
    today = admin.get("/sagsbehandler/")
    assert today.status_code == 200 and "Du er nu sagsbehandler." in today.get_data(as_text=True)
    assert _role(db, own) == "caseworker"
    assert admin.get("/sagsbehandler/medarbejdere").status_code == 403  # the next request knows
    assert _set_role(admin, own, "administrator", "J" * 20).status_code == 403
    assert _role(db, own) == "caseworker"


def test_role_of_another_municipalitys_staff_member_is_not_found(app, db):
    other = _client(app, OTHER_ADMIN)
    henrik = _id(db, "henrik@fjordby.example")
    assert _set_role(other, henrik, "administrator", "K" * 20).status_code == 404
    assert _role(db, henrik) == "caseworker" and _audit(db, "staff_role_changed") == []


def test_caseworker_cannot_change_a_role(app, db):
    anne = _client(app, "anne@fjordby.example")
    assert _set_role(anne, _id(db, "anne@fjordby.example"), "administrator", "L" * 20).status_code == 403
    assert _set_role(anne, _id(db, ADMIN), "caseworker", "M" * 20).status_code == 403
    assert _role(db, _id(db, "anne@fjordby.example")) == "caseworker" and _role(db, _id(db, ADMIN)) == "administrator"
    assert _audit(db, "staff_role_changed") == []


def test_an_unknown_role_is_refused(app, db):
    admin = _client(app)
    henrik = _id(db, "henrik@fjordby.example")
    assert _set_role(admin, henrik, "superuser", "N" * 20).status_code == 302
    assert "Vælg en rolle." in admin.get("/sagsbehandler/medarbejdere").get_data(as_text=True)
    assert _role(db, henrik) == "caseworker"


def test_role_form_needs_the_csrf_token(csrf_app):
    from app.db import connect
    client = csrf_app.test_client()
    page = client.get("/log-ind/medarbejder")
    client.post("/log-ind/medarbejder", data={"email": ADMIN, "password": "minplan-demo",
                                             "csrf_token": csrf_token_from(page.data)})
    db = connect(csrf_app.config["DATABASE"])
    henrik = _id(db, "henrik@fjordby.example")
    assert _set_role(client, henrik, "administrator", "O" * 20).status_code == 400
    assert _role(db, henrik) == "caseworker"
    token = csrf_token_from(client.get("/sagsbehandler/medarbejdere").data)
    assert client.post(f"/sagsbehandler/medarbejdere/{henrik}/rolle",
                       data={"role": "administrator", "submission_key": "P" * 20, "csrf_token": token}).status_code == 302
    assert _role(db, henrik) == "administrator"
    db.conn.close()
