"""The shared kernel (issue 10): working days, the one user error, phone numbers, CPR masking and
the idempotency helper are each written once, and no area grows a second copy."""
import re
from datetime import date
from pathlib import Path

import pytest
from flask_babel import force_locale
from flask_wtf import FlaskForm

from app import cpr, idempotency, phone, workdays
from app.db import transaction
from app.errors import UserError, show_on_form
from app.followup.service import FollowupError
from app.forms import DKStringField, DKSubmitField
from app.joblog.entries import JoblogError
from app.security import mask_personal_data

APP = Path(__file__).resolve().parent.parent / "app"


# ------------------------------------------------------------------ working days
def test_danish_public_holidays_are_not_working_days():
    # Easter 2027: Maundy Thursday 25 March, Good Friday 26 March, Easter Monday 29 March.
    for day in (date(2027, 3, 25), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17),
                date(2026, 12, 25), date(2027, 1, 1)):
        assert workdays.is_holiday(day) and not workdays.is_working_day(day), day
    # 24 December and 31 December are working days in the public-holiday calendar; Great Prayer
    # Day is no holiday from 2024.
    for day in (date(2026, 12, 24), date(2026, 12, 31), date(2027, 3, 24), date(2027, 3, 30), date(2024, 4, 26)):
        assert workdays.is_working_day(day), day
    assert workdays.is_holiday(date(2023, 5, 5))


def test_next_and_previous_working_day_step_over_weekends_and_holidays():
    assert workdays.next_working_day(date(2027, 3, 25)) == date(2027, 3, 30)   # Easter
    assert workdays.next_working_day(date(2026, 11, 21)) == date(2026, 11, 23)  # Saturday -> Monday
    assert workdays.next_working_day(date(2026, 11, 17)) == date(2026, 11, 17)  # a working day stays
    assert workdays.working_day_on_or_before(date(2027, 3, 29)) == date(2027, 3, 24)
    assert workdays.next_working_day(date.max) == date.max


def test_add_working_days_skips_the_weekend_and_christmas():
    assert workdays.add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Friday + 1 -> Monday
    assert workdays.add_working_days(date(2026, 11, 20), 3) == date(2026, 11, 25)
    assert workdays.add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 28)
    assert workdays.add_working_days(date(2026, 11, 17), 0) == date(2026, 11, 17)


# ------------------------------------------------------------------ phone numbers
@pytest.mark.parametrize("typed", ["12345678", "12 34 56 78", "+45 12 34 56 78", "+4512345678", "0045 1234 5678",
                                   " 1234-5678 "])
def test_a_danish_number_is_normalised_and_shown_in_pairs(typed):
    assert phone.normalise(typed) == "+4512345678"
    assert phone.display(typed) == "12 34 56 78"
    assert phone.is_valid(typed)


@pytest.mark.parametrize("typed", ["1234567", "123456789", "+46 70 123 45 67", "12ab5678", "", None, "+45"])
def test_anything_else_is_refused(typed):
    assert phone.normalise(typed) is None and not phone.is_valid(typed)


def test_the_phone_helpers_keep_what_the_pages_showed():
    assert phone.display("ring os") == "ring os"
    assert phone.tel_href("70 10 20 30") == "tel:70102030"
    assert phone.tel_href(None) is None
    assert phone.clean("  12  34 56 78 ") == "12 34 56 78"


def test_the_phone_validator_uses_the_forms_message(app):
    class Form(FlaskForm):
        number = DKStringField("Number", validators=[phone.PhoneNumber()])
        mobile = DKStringField("Mobile", validators=[phone.PhoneNumber(phone.MOBILE_MESSAGE)])

    with app.test_request_context(method="POST", data={"number": "123", "mobile": "+46701234567"}):
        with force_locale("en"):
            form = Form()
            assert not form.validate()
            assert [str(e) for e in form.number.errors] == ["Enter a phone number with 8 digits, for example 12 34 56 78"]
            assert [str(e) for e in form.mobile.errors] == ["Enter a Danish mobile number with 8 digits"]
    with app.test_request_context(method="POST", data={"number": "12 34 56 78", "mobile": ""}):
        assert Form().validate()


# ------------------------------------------------------------------ CPR numbers
def test_a_cpr_number_is_shown_masked():
    assert cpr.mask("0101851234") == "010185-XXXX"
    assert cpr.mask("010185-1234") == "010185-XXXX"
    assert cpr.mask(None) == ""
    assert cpr.mask_in_text("cpr 010185-1234, 12345678901") == "cpr 010185-XXXX, 12345678901"
    assert cpr.mask_in_text("cpr 0101851234", keep_birth_date=False) == "cpr XXXXXX-XXXX"
    assert cpr.masked_birth_part(" 010185-xxxx ") == "010185" and cpr.masked_birth_part("Mette") is None


def test_the_log_mask_is_the_same_mask(app):
    assert mask_personal_data("borger 010185-1234 ringede") == "borger 010185-XXXX ringede"
    with app.test_request_context():
        assert app.jinja_env.globals["masked_cpr"]("0101851234") == "010185-XXXX"


# ------------------------------------------------------------------ the one user error
class _Form(FlaskForm):
    name = DKStringField("Name")
    submit = DKSubmitField("Save")


def test_the_areas_errors_are_the_one_user_error(app):
    assert issubclass(FollowupError, UserError) and issubclass(JoblogError, UserError)
    with app.test_request_context():
        with force_locale("en"):
            error = JoblogError("Too long", "name")
            assert str(error) == "Too long" and error.field == "name"


def test_a_user_error_goes_on_its_field_else_on_the_default_else_back_to_the_view(app):
    with app.test_request_context(method="POST", data={"name": "x"}):
        form = _Form()
        assert form.validate()
        assert show_on_form(form, UserError("Write a name", "name")) is None
        assert form.name.errors == ["Write a name"]
        assert show_on_form(form, UserError("Try again", "nothing_like_it"), default="submit") is None
        assert form.submit.errors == ["Try again"]
        assert show_on_form(form, UserError("Not found")) == "Not found"
        assert form.name.errors == ["Write a name"] and form.submit.errors == ["Try again"]


# ------------------------------------------------------------------ idempotency
def test_once_does_the_work_once_and_binds_the_key_to_actor_and_action(db):
    key, runs = idempotency.new_key(), []

    def work():
        runs.append(1)
        return {"n": len(runs)}

    first = idempotency.once(db, key, "citizen:1", "joblog_entry_create", work)
    again = idempotency.once(db, key, "citizen:1", "joblog_entry_create", work)
    assert (first.result, first.repeated) == ({"n": 1}, False)
    assert (again.result, again.repeated) == ({"n": 1}, True) and len(runs) == 1
    # The key from another form, or from someone else, is refused as a replay: it is new work.
    other_form = idempotency.once(db, key, "citizen:1", "report_sick", work)
    other_actor = idempotency.once(db, key, "citizen:2", "joblog_entry_create", work)
    assert not other_form.repeated and not other_actor.repeated and len(runs) == 3
    assert idempotency.was_sent(db, key, "citizen:1", "report_sick")
    assert not idempotency.was_sent(db, key, "citizen:3", "report_sick")


def test_work_that_fails_leaves_the_key_free(db):
    key = idempotency.new_key()

    def failing():
        assert db.conn.in_transaction  # the work runs inside the helper's write transaction
        raise UserError("no")

    with pytest.raises(UserError):
        idempotency.once(db, key, "citizen:1", "report_fit", failing)
    assert not idempotency.was_sent(db, key, "citizen:1", "report_fit")
    assert idempotency.once(db, key, "citizen:1", "report_fit", lambda: {"ok": True}).repeated is False


def test_without_a_key_the_work_simply_runs(db):
    assert idempotency.once(db, None, "caseworker:1", "plan_goal_add:1", lambda: 5).result == 5
    with transaction(db):
        pass  # no transaction was left open


# ------------------------------------------------------------------ one definition each
SINGLE = {
    r"^def (is_working_day|next_working_day|working_day_on_or_before|add_working_days|is_holiday)\b": "workdays.py",
    r"holidays\.country_holidays|^import holidays": "workdays.py",
    r"^\s*def (normalise_phone|clean_phone|validate_phone|tel_href)\b": "phone.py",
    r"\(\?:\\\+45\|0045\)": "phone.py",
    r"^def (mask_cpr|masked_cpr|mask|mask_in_text)\b": ("cpr.py", "security.py", "templating.py"),
    r"\\d\{6\}\)?(\(\?:)?-\?": "cpr.py",
    r"^class \w*Error\(Exception\)": ("errors.py", "notify/channels.py"),
    r"^def (show_on_form|once|was_sent)\b": ("errors.py", "idempotency.py"),
    r"INSERT OR IGNORE INTO idempotency_keys|FROM idempotency_keys WHERE": "idempotency.py",
    r"idempotency\.claim\(|AlreadyDone|\.complete\(": "idempotency.py",
    r"field = getattr\(form, \w+\.field": (),
}


@pytest.mark.parametrize("pattern, allowed", SINGLE.items())
def test_no_second_definition_reappears(pattern, allowed):
    allowed = (allowed,) if isinstance(allowed, str) else allowed
    found = []
    for path in APP.rglob("*.py"):
        relative = path.relative_to(APP).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(pattern, line) and relative not in allowed:
                found.append(f"app/{relative}:{number}: {line.strip()}")
    assert not found, "written again outside the kernel:\n" + "\n".join(found)
