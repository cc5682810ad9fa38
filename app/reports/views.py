"""The citizen's report routes: the overview, sick, fit again, holiday, and each receipt."""
from datetime import date

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from .. import clock
from ..auth.queries import citizen_by_id
from ..auth.users import citizen_required
from ..db import get_db
from ..errors import submit
from ..rules import rules_for
from . import bp, queries, service, texts
from .forms import FitForm, HolidayForm, SickForm


def _citizen() -> dict:
    return dict(citizen_by_id(get_db(), current_user.id))


def _receipt(result, what: str):
    return redirect(url_for("reports.receipt", report_id=result.report_id, what=what))


def _meanings(rules) -> dict:
    return {"sick": texts.sick_meaning(rules.sick_meaning) if rules.sick else "",
            "holiday": texts.holiday_meaning(rules.holiday_meaning, rules.holiday_notice_days)
            if rules.holiday else "",
            "fit": str(texts.FIT_MEANING)}


def _sick_also(citizen) -> str:
    return texts.sick_also(rules_for(citizen["target_group"], clock.today()).sick_report)


def _rules_or_404(citizen):
    rules = service.report_rules(citizen)
    if rules is None:
        abort(404)
    return rules


@bp.route("/min-plan/meld")
@citizen_required
def index():
    db = get_db()
    citizen = _citizen()
    rules = _rules_or_404(citizen)
    today = clock.today()
    current = service.current_reports(db, citizen, today)
    past = [r for r in queries.for_citizen(db, citizen["id"]) if r not in current]
    return render_template("reports/index.html", rules=rules, current=current, past=past[:20],
                           open_sick=queries.open_sick(db, citizen["id"]), meanings=_meanings(rules),
                           conversations={r["id"]: service.conversations_during(db, r) for r in current})


def _form_page(template, form, rules, **extra):
    status = 400 if request.method == "POST" else 200
    return render_template(template, form=form, rules=rules, meanings=_meanings(rules), **extra), status


@bp.route("/min-plan/meld/syg", methods=["GET", "POST"])
@citizen_required
def sick():
    db = get_db()
    citizen = _citizen()
    rules = _rules_or_404(citizen)
    if not rules.sick:
        abort(404)
    form = SickForm()
    if request.method == "GET":
        form.from_date.data = clock.today()
    done = submit(form, lambda: service.report_sick(db, citizen=citizen, from_date=form.from_date.data, key=form.submission_key.data))
    if done:
        return _receipt(done.result, "syg")
    return _form_page("reports/sick.html", form, rules, open_sick=queries.open_sick(db, citizen["id"]),
                      sick_also=_sick_also(citizen))


@bp.route("/min-plan/meld/rask", methods=["GET", "POST"])
@citizen_required
def fit():
    db = get_db()
    citizen = _citizen()
    rules = _rules_or_404(citizen)
    if not rules.sick:
        abort(404)
    open_sick = queries.open_sick(db, citizen["id"])
    form = FitForm()
    if request.method == "GET":
        form.fit_on.data = clock.today()
    done = submit(form, lambda: service.report_fit(db, citizen=citizen, fit_on=form.fit_on.data, key=form.submission_key.data))
    if done:
        return _receipt(done.result, "rask")
    return _form_page("reports/fit.html", form, rules, open_sick=open_sick, sick_also=_sick_also(citizen))


@bp.route("/min-plan/meld/ferie", methods=["GET", "POST"])
@citizen_required
def holiday():
    db = get_db()
    citizen = _citizen()
    rules = _rules_or_404(citizen)
    if rules.holiday is None:
        abort(404)
    form = HolidayForm()
    done = submit(form, lambda: service.report_holiday(db, citizen=citizen, from_date=form.from_date.data,
                                                      to_date=form.to_date.data, key=form.submission_key.data))
    if done:
        return _receipt(done.result, "ferie")
    return _form_page("reports/holiday.html", form, rules, earliest=service.earliest_holiday(citizen))


RECEIPT_KINDS = ("syg", "rask", "ferie")


@bp.route("/min-plan/meld/<int:report_id>/kvittering")
@citizen_required
def receipt(report_id):
    db = get_db()
    citizen = _citizen()
    report = queries.report_for_citizen(db, report_id, citizen["id"])
    if report is None:
        abort(404)
    what = request.args.get("what", "")
    if what not in RECEIPT_KINDS:
        what = "ferie" if report["kind"] == "holiday" else ("rask" if report["to_date"] else "syg")
    if (what == "ferie") != (report["kind"] == "holiday") or (what == "rask" and not report["fit_reported_at"]):
        abort(404)
    rules = service.report_rules(citizen) or service.report_rules(citizen, date.fromisoformat(report["from_date"]))
    registered = report["fit_reported_at"] if what == "rask" else report["registered_at"]
    return render_template("reports/receipt.html", report=report, what=what, registered=registered,
                           meanings=_meanings(rules) if rules else {}, rules=rules,
                           conversations=service.conversations_during(db, report) if what != "rask" else [],
                           sick_also=_sick_also(citizen) if report["kind"] == "sick" else "")
