"""The caseworker's report routes: one report, and the answer to a holiday request. Every report
is looked up within the caseworker's municipality (404 otherwise)."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..db import get_db
from ..i18n import fmt_datetime_full
from . import queries, service
from .forms import DecideHolidayForm

bp = Blueprint("reports", __name__)


def _report_or_404(report_id: int) -> dict:
    report = queries.report_in_municipality(get_db(), report_id, current_user.municipality_id)
    if report is None:
        abort(404)
    return report


def _citizen_name(report) -> str:
    row = get_db().execute("SELECT name FROM citizens WHERE id = ?", [report["citizen_id"]]).fetchone()
    return row[0] if row else ""


@bp.route("/fravaer/<int:report_id>", methods=["GET", "POST"])
def report(report_id):
    db = get_db()
    report = _report_or_404(report_id)
    form = DecideHolidayForm()
    if report["status"] == "requested" and form.validate_on_submit():
        try:
            result = service.decide_holiday(db, caseworker=current_user, report=report,
                                            agreed=form.decision.data == "agreed", note=form.note.data,
                                            key=form.submission_key.data)
        except service.ReportError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Your answer is saved. Registered %(when)s.", when=fmt_datetime_full(result.at)), "success")
            return redirect(url_for("caseworker.reports.report", report_id=report_id))
    status = 400 if request.method == "POST" else 200
    return render_template("reports/caseworker_report.html", report=report, form=form,
                           citizen_name=_citizen_name(report),
                           conversations=service.conversations_during(db, report)), status
