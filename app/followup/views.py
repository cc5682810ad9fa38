"""Routes for the sick-listed citizen: the follow-up page, the information form, the status
questions before a follow-up conversation, return to work and asking for a conversation."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..auth.queries import citizen_by_id
from ..auth.users import citizen_required
from ..db import get_db
from ..errors import show_on_form
from ..i18n import fmt_date, fmt_datetime_full
from . import bp, choices, formsteps, overview, queries, service
from .forms import RequestForm, RetentionAskForm, ReturnForm, StatusForm, SubmitInfoForm
from .service import FollowupError

CHECK = "tjek"


def _citizen():
    """The logged-in citizen, when their rules have sick-leave follow-up; anyone else: 404."""
    db = get_db()
    citizen = dict(citizen_by_id(db, current_user.id))
    if service.sick_rules(citizen) is None:
        abort(404)
    return db, citizen


@bp.route("/opfoelgning")
@citizen_required
def index():
    db, citizen = _citizen()
    return render_template("followup/index.html", ov=overview.build(db, citizen),
                           ask_form=RetentionAskForm())


# ------------------------------------------------------------------ the information form
def _open_form(db, citizen):
    ov = overview.build(db, citizen)
    if ov.form_state == "not_sent":
        flash(_("The municipality has not sent you the information form yet. You will find it here when it has."), "info")
        return ov, redirect(url_for("followup.index"))
    if ov.form_state == "submitted":
        return ov, redirect(url_for("followup.form_receipt"))
    return ov, None


def _indicator(ov, current: str):
    steps = formsteps.steps_for(ov.answers, ov.rules.sick)
    items = []
    for step in steps:
        state = "current" if step.slug == current else (
            "done" if formsteps.is_answered(step, ov.answers, ov.rules.sick) else "todo")
        items.append({"text": step.title, "href": url_for("followup.form_step", slug=step.slug), "state": state})
    items.append({"text": _("Check and send"), "href": url_for("followup.form_check"),
                  "state": "current" if current == CHECK else "todo"})
    return items


@bp.route("/opfoelgning/oplysningsskema")
@citizen_required
def form_start():
    db, citizen = _citizen()
    ov, away = _open_form(db, citizen)
    if away:
        return away
    target = url_for("followup.form_step", slug=ov.next_step.slug) if ov.next_step else url_for("followup.form_check")
    if ov.answers:
        # Saved to continue later: back where they left off, not to the introduction again.
        return redirect(target)
    return render_template("followup/form_start.html", ov=ov, target=target)


@bp.route("/opfoelgning/oplysningsskema/<slug>", methods=["GET", "POST"])
@citizen_required
def form_step(slug):
    step = formsteps.BY_SLUG.get(slug)
    if step is None:
        abort(404)
    db, citizen = _citizen()
    ov, away = _open_form(db, citizen)
    if away:
        return away
    sick = ov.rules.sick
    steps = formsteps.steps_for(ov.answers, sick)
    if step not in steps:
        return redirect(url_for("followup.form_start"))
    form = formsteps.make_form(step, ov.answers, sick, posted=request.method == "POST")
    if request.method == "POST":
        if form.validate_on_submit():
            answers = service.save_step(db, citizen=citizen, step=step, values=formsteps.values_from(form, step))
            if form.save_later.data:
                flash(_("Your answers are saved. You can continue where you left off until %(date)s.",
                        date=fmt_date(ov.deadline.deadline, "weekday_date")), "success")
                return redirect(url_for("followup.index"))
            return redirect(_after(step, answers, sick))
        if form.save_later.data and "csrf_token" not in form.errors:
            # Leaving half-way: keep what is valid, drop the rest, and go.
            values = formsteps.values_from(form, step, valid_only=True)
            if values:
                service.save_step(db, citizen=citizen, step=step, values=values)
            flash(_("The answers that were filled in correctly are saved. You can continue where you left off until %(date)s.",
                    date=fmt_date(ov.deadline.deadline, "weekday_date")), "success")
            return redirect(url_for("followup.index"))
        status = 400
    else:
        status = 200
    index = steps.index(step)
    back = url_for("followup.form_step", slug=steps[index - 1].slug) if index else url_for("followup.form_start")
    return render_template("followup/form_step.html", ov=ov, step=step, form=form, back=back,
                           number=index + 1, total=len(steps) + 1, indicator=_indicator(ov, step.slug),
                           returning=request.args.get("til") == CHECK), status


def _after(step, answers, sick) -> str:
    if request.args.get("til") == CHECK:
        missing = formsteps.first_unanswered(answers, sick)
        return url_for("followup.form_step", slug=missing.slug, til=CHECK) if missing else url_for("followup.form_check")
    steps = formsteps.steps_for(answers, sick)
    later = steps[steps.index(step) + 1:]
    return url_for("followup.form_step", slug=later[0].slug) if later else url_for("followup.form_check")


@bp.route(f"/opfoelgning/oplysningsskema/{CHECK}", methods=["GET", "POST"])
@citizen_required
def form_check():
    db, citizen = _citizen()
    ov, away = _open_form(db, citizen)
    if away:
        return away
    form = SubmitInfoForm()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                service.submit_form(db, citizen=citizen, key=form.submission_key.data)
            except FollowupError as error:
                flash(str(error.message), "error")
                return redirect(url_for("followup.form_step", slug=error.field, til=CHECK))
            return redirect(url_for("followup.form_receipt"))
        status = 400
    return render_template("followup/form_check.html", ov=ov, form=form, indicator=_indicator(ov, CHECK),
                           rows=formsteps.answer_rows(ov.answers, ov.rules.sick, change=True),
                           missing=formsteps.first_unanswered(ov.answers, ov.rules.sick)), status


@bp.route("/opfoelgning/oplysningsskema/kvittering")
@citizen_required
def form_receipt():
    db, citizen = _citizen()
    ov = overview.build(db, citizen)
    if ov.form_state != "submitted":
        return redirect(url_for("followup.form_start" if ov.form else "followup.index"))
    return render_template("followup/form_receipt.html", ov=ov,
                           rows=formsteps.answer_rows(ov.answers, ov.rules.sick, change=False))


# ------------------------------------------------------------------ before a follow-up conversation
def _followup_or_404(db, citizen, conversation_id):
    conv = queries.followup_for_citizen(db, conversation_id, citizen["id"])
    if conv is None:
        abort(404)
    return conv


def _still_open(conv) -> bool:
    return conv["status"] == "booked" and clock.from_db(conv["starts_at"]) > clock.now()


@bp.route("/opfoelgning/samtale/<int:conversation_id>/status", methods=["GET", "POST"])
@citizen_required
def status_form(conversation_id):
    db, citizen = _citizen()
    conv = _followup_or_404(db, citizen, conversation_id)
    if not _still_open(conv):
        flash(_("This conversation has started or is over, so the questions are closed."), "info")
        return redirect(url_for("followup.index"))
    previous = queries.answers_for(db, conversation_id)
    status = 200
    if request.method == "POST":
        form = StatusForm()
        if form.validate_on_submit():
            values = {name: getattr(form, name).data for name in
                      ("wellbeing", "treatment", "treatment_note", "expected_return_on", "partial_possible",
                       "what_would_help")}
            values["expected_return_on"] = values["expected_return_on"].isoformat() if values["expected_return_on"] else None
            for name in ("treatment_note", "what_would_help"):
                values[name] = (values[name] or "").strip() or None
            try:
                service.answer_status(db, citizen=citizen, conversation_id=conversation_id, values=values,
                                      key=form.submission_key.data)
            except FollowupError as error:
                flash(str(error.message), "error")
                return redirect(url_for("followup.index"))
            return redirect(url_for("followup.status_receipt", conversation_id=conversation_id))
        status = 400
    else:
        data = dict(previous) if previous else {}
        if data.get("expected_return_on"):
            data["expected_return_on"] = formsteps.to_date(data["expected_return_on"])
        form = StatusForm(data=data)
    if _is_first_followup(db, citizen, conv):
        # Nothing was said before a first follow-up, so there is no "since we last talked".
        form.wellbeing.label.text = _("How are you now, compared with when you became ill?")
    return render_template("followup/status.html", conv=conv, form=form, previous=previous), status


def _is_first_followup(db, citizen, conv) -> bool:
    return conv["kind"] == "followup_first" or not any(
        held["starts_at"] < conv["starts_at"] for held in queries.held_followups(db, citizen["id"]))


@bp.route("/opfoelgning/samtale/<int:conversation_id>/status/kvittering")
@citizen_required
def status_receipt(conversation_id):
    db, citizen = _citizen()
    conv = _followup_or_404(db, citizen, conversation_id)
    answers = queries.answers_for(db, conversation_id)
    if answers is None:
        return redirect(url_for("followup.status_form", conversation_id=conversation_id))
    ov = overview.build(db, citizen)
    return render_template("followup/status_receipt.html", conv=conv, answers=answers, ov=ov,
                           can_change=_still_open(conv))


# ------------------------------------------------------------------ the citizen's other actions
@bp.route("/opfoelgning/bed-om-samtale", methods=["GET", "POST"])
@citizen_required
def request_conversation():
    db, citizen = _citizen()
    existing = queries.open_request(db, citizen["id"])
    form = RequestForm()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            service.request_conversation(db, citizen=citizen, topic=form.topic.data,
                                         preferred_format=form.preferred_format.data,
                                         key=form.submission_key.data)
            return redirect(url_for("followup.request_receipt"))
        status = 400
    return render_template("followup/request.html", form=form, existing=existing), status


@bp.route("/opfoelgning/bed-om-samtale/kvittering")
@citizen_required
def request_receipt():
    db, citizen = _citizen()
    existing = queries.open_request(db, citizen["id"])
    if existing is None:
        return redirect(url_for("followup.index"))
    return render_template("followup/request_receipt.html", req=existing)


@bp.route("/opfoelgning/raskmelding", methods=["GET", "POST"])
@citizen_required
def register_return():
    db, citizen = _citizen()
    form = ReturnForm()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                registered = service.register_return(
                    db, citizen=citizen, kind=form.kind.data, on_date=form.on_date.data,
                    hours=form.hours.data if form.kind.data == "partial" else None, key=form.submission_key.data)
            except FollowupError as error:
                show_on_form(form, error, default="on_date")
            else:
                flash(_("Your return to work is registered. Registered %(when)s.",
                        when=fmt_datetime_full(registered)), "success")
                return redirect(url_for("followup.index"))
        status = 400
    return render_template("followup/return.html", form=form, ov=overview.build(db, citizen)), status


@bp.route("/opfoelgning/fastholdelsesplan", methods=["POST"])
@citizen_required
def ask_retention_plan():
    db, citizen = _citizen()
    form = RetentionAskForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        registered = service.ask_retention_plan(db, citizen=citizen, key=form.submission_key.data)
    except FollowupError as error:
        flash(str(error.message), "error")
        return redirect(url_for("followup.index"))
    flash(_("You have asked for a retention plan. Registered %(when)s. Your caseworker contacts you and your employer.",
            when=fmt_datetime_full(registered)), "success")
    return redirect(url_for("followup.index") + "#retention")


bp.add_app_template_global(choices, "followup_choices")
