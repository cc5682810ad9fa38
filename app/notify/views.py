"""Routes: the citizen's messages (/beskeder) and settings (/indstillinger)."""
import json

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..auth.queries import citizen_by_id
from ..auth.users import citizen_required
from ..db import get_db
from ..i18n import fmt_time
from ..rules import rules_for
from ..urls import page_arg
from . import bp, service
from .channels import available_channels
from .forms import SettingsForm

# The choice of a channel that does not run: shown, not changeable, and kept as it was.
CHANNEL_FIELDS = {"email": "notify_email", "sms": "notify_sms"}


def _citizen() -> dict:
    return dict(citizen_by_id(get_db(), current_user.id))


@bp.route("/beskeder")
@citizen_required
def messages():
    page = page_arg()
    notices, pages = service.notices_page(get_db(), current_user.id, page)
    # One "Beskeder" place: the citizen's threads with the municipality (app/dialogue) on top.
    from ..contact import for_current_citizen
    from ..dialogue.queries import threads_for_citizen
    return render_template("notify/messages.html", notices=notices, page=min(max(page, 1), pages), pages=pages,
                           threads=threads_for_citizen(get_db(), current_user.id), contact=for_current_citizen())


@bp.route("/beskeder/<int:notice_id>")
@citizen_required
def message(notice_id):
    notice = service.open_notice(get_db(), current_user.id, notice_id)
    if notice is None:
        abort(404)
    return render_template("notify/message.html", notice=notice)


@bp.route("/indstillinger", methods=["GET", "POST"])
@citizen_required
def settings():
    db = get_db()
    citizen = _citizen()
    choices = service.reminder_choices(db, citizen)
    form = SettingsForm()
    form.channels_running = available_channels(current_app.config)
    unavailable = [field for channel, field in CHANNEL_FIELDS.items() if channel not in form.channels_running]
    for field in unavailable:
        getattr(form, field).data = bool(citizen[field])  # not offered, so not changed by a submit
    if request.method == "GET":
        form.language.data = citizen["preferred_language"]
        form.email.data = citizen["email"]
        form.phone.data = citizen["phone"]
        # Not shown ticked when it cannot be used: no address to send to (the stored choice stays).
        form.notify_email.data = bool(citizen["notify_email"] and citizen["email"])
        form.notify_sms.data = bool(citizen["notify_sms"] and citizen["phone"])
        for choice in choices:
            getattr(form, f"remind_{choice.reminder}").data = not choice.opted_out
    elif form.validate_on_submit():
        language = form.language.data
        service.save_settings(
            db, citizen, language=language, email=(form.email.data or "").strip() or None,
            phone=(form.phone.data or "").strip() or None, notify_email=form.notify_email.data,
            notify_sms=form.notify_sms.data,
            reminders_on={c.reminder: getattr(form, f"remind_{c.reminder}").data for c in choices})
        with force_locale(language):
            flash(_("Your settings are saved."), "success")
        if language != citizen["preferred_language"]:
            return redirect(url_for("auth.set_language", code=language, next=url_for("notify.settings")))
        return redirect(url_for("notify.settings"))
    for choice in choices:
        getattr(form, f"remind_{choice.reminder}").description = service.when_text(choice)
    form.notify_email.description = _("Not available: Min Plan does not send e-mail at the moment.") \
        if "notify_email" in unavailable else (
            None if (form.email.data or "").strip() else _("Fill in your e-mail address above to get messages by e-mail."))
    form.notify_sms.description = _("Not available: Min Plan does not send SMS at the moment.") \
        if "notify_sms" in unavailable else (
            None if (form.phone.data or "").strip() else _("Fill in your mobile number above to get messages by SMS."))
    status = 400 if request.method == "POST" else 200
    hours = [fmt_time(clock.local_datetime(clock.today(), hour))
             for hour in rules_for(citizen["target_group"]).notify_send_hours]
    # The private calendar address (app/feed) has its own form, posted to its own route.
    from ..feed import queries as feed_queries
    from ..feed.forms import CalendarForm
    return render_template("notify/settings.html", form=form, choices=choices, citizen=citizen,
                           when_text=service.when_text, send_hours=hours, unavailable=unavailable,
                           calendar_feed=feed_queries.feed_for(db, citizen["id"]),
                           calendar_form=CalendarForm(formdata=None)), status


@bp.route("/indstillinger/mine-data.json")
@citizen_required
def download():
    data = service.export(get_db(), _citizen())
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="min-plan-data.json"'})
