"""Routes for the citizen's joblog: the page, add, edit, delete and the CSV export."""
from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock, dates
from ..auth.queries import citizen_by_id
from ..auth.users import citizen_required
from ..db import get_db
from ..errors import show_on_form
from ..i18n import fmt_datetime_full
from ..plan.texts import joblog_consequence
from ..rules import rules_for
from . import bp, entries, export, queries, service
from .forms import DeleteForm, EntryForm, FilterForm
from .periods import period_for


def _citizen() -> dict:
    return dict(citizen_by_id(get_db(), current_user.id))


def _entry_or_404(citizen: dict, entry_id: int) -> dict:
    # Another citizen's entry is "not found", not "forbidden": we do not confirm it exists.
    entry = queries.entry_for_citizen(get_db(), entry_id, citizen["id"])
    if entry is None:
        abort(404)
    return entry


def _requires_duty(citizen: dict) -> None:
    if service.requirement_for(get_db(), citizen, clock.today()) is None:
        abort(404)


@bp.route("/joblog")
@citizen_required
def index():
    db = get_db()
    citizen = _citizen()
    today = clock.today()
    opens = service.open_periods(db, citizen, today)
    current = next((s for s in opens if s.current), None)
    filters = FilterForm(request.args)
    periods = service.history(db, citizen, today)
    if filters.active and filters.validate():
        keep = queries.matching_ids(db, citizen["id"], kind=filters.kind.data or None,
                                    status=filters.status.data or None, text=(filters.q.data or "").strip() or None)
        periods = service.filtered(periods, keep)
    rules = rules_for(citizen["target_group"], today)
    # What not meeting a period can mean, said while there is time to act (DOMAIN.md, tone): for
    # periods not met whose deadline is within the rules' "at risk" days.
    closing = {s.period.start for s in opens if not s.met and (s.period.deadline - today).days <= rules.joblog_at_risk_days}
    return render_template("joblog/index.html", citizen=citizen, current=current,
                           consequence=joblog_consequence(rules.joblog_consequence), closing=closing,
                           still_open=[s for s in opens if not s.current and not s.met],
                           periods=periods, filters=filters, today=today,
                           match_count=sum(len(s.entries) for s in periods))


def _apply_service_error(form, error: entries.JoblogError) -> None:
    message = show_on_form(form, error)
    if message:
        flash(message, "error")


@bp.route("/joblog/ny", methods=["GET", "POST"])
@citizen_required
def add():
    db = get_db()
    citizen = _citizen()
    _requires_duty(citizen)
    form = EntryForm()
    if request.method == "GET":
        form.applied_on.data = clock.today()
    if form.validate_on_submit():
        try:
            result = entries.add(db, citizen=citizen, values=form.values(), key=form.submission_key.data)
        except entries.JoblogError as error:
            _apply_service_error(form, error)
        else:
            flash(_("Your job search at %(employer)s is saved. Registered %(when)s.",
                    employer=form.employer.data.strip(), when=fmt_datetime_full(result.at)), "success")
            return redirect(url_for("joblog.index"))
    return _form_page(form, citizen, None)


def _form_page(form, citizen, entry):
    status = 400 if request.method == "POST" else 200
    # The period of the date on the form; not of one outside the field's window (the year 9999, say).
    field = form.applied_on
    applied = field.data if isinstance(field.data, date) and dates.within(field.data, field.back, field.ahead) else None
    period = period_for(citizen["target_group"], applied) if applied else None
    return render_template("joblog/form.html", form=form, entry=entry, period=period), status


@bp.route("/joblog/<int:entry_id>/ret", methods=["GET", "POST"])
@citizen_required
def edit(entry_id):
    db = get_db()
    citizen = _citizen()
    entry = _entry_or_404(citizen, entry_id)
    if entries.is_locked(citizen, entry):
        flash(_("This entry is locked because the deadline for its period has passed."), "info")
        return redirect(url_for("joblog.index"))
    form = EntryForm(data=_form_data(entry)) if request.method == "GET" else EntryForm()
    if form.validate_on_submit():
        try:
            result = entries.update(db, citizen=citizen, entry_id=entry_id, values=form.values(),
                                    key=form.submission_key.data)
        except entries.Locked:
            flash(_("This entry is locked because the deadline for its period has passed."), "info")
            return redirect(url_for("joblog.index"))
        except entries.NotFound:
            abort(404)
        except entries.JoblogError as error:
            _apply_service_error(form, error)
        else:
            if result.changed:
                flash(_("Your changes are saved. Registered %(when)s.", when=fmt_datetime_full(result.at)), "success")
            else:
                flash(_("You did not change anything."), "info")
            return redirect(url_for("joblog.index"))
    return _form_page(form, citizen, entry)


def _form_data(entry: dict) -> dict:
    data = {name: entry[name] for name in queries.ENTRY_FIELDS}
    data["applied_on"] = date.fromisoformat(entry["applied_on"])
    return data


@bp.route("/joblog/<int:entry_id>/slet", methods=["GET", "POST"])
@citizen_required
def delete(entry_id):
    db = get_db()
    citizen = _citizen()
    form = DeleteForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            result = entries.delete(db, citizen=citizen, entry_id=entry_id, key=form.submission_key.data)
        except entries.NotFound:
            abort(404)
        except entries.Locked:
            flash(_("This entry is locked because the deadline for its period has passed."), "info")
            return redirect(url_for("joblog.index"))
        flash(_("The entry is deleted. Registered %(when)s.", when=fmt_datetime_full(result.at)), "success")
        return redirect(url_for("joblog.index"))
    entry = _entry_or_404(citizen, entry_id)
    if entries.is_locked(citizen, entry):
        flash(_("This entry is locked because the deadline for its period has passed."), "info")
        return redirect(url_for("joblog.index"))
    return render_template("joblog/delete.html", form=form, entry=entry), 400 if request.method == "POST" else 200


@bp.route("/joblog/eksport.csv")
@citizen_required
def export_csv():
    citizen = _citizen()
    body = export.entries_csv(queries.all_entries(get_db(), citizen["id"]))
    filename = f"joblog-{clock.today().isoformat()}.csv"
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Content-Type": "text/csv; charset=utf-8"})


