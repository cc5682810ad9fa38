"""Routes: the feed a calendar app polls (/kalender/<token>.ics, no login: the token is the key,
and app/security.py masks it in every log), and making or renewing it from Indstillinger."""
from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.queries import citizen_by_id
from ..auth.users import citizen_required
from ..db import get_db
from . import bp, service
from .forms import CalendarForm


@bp.route("/kalender/<token>.ics")
def calendar(token):
    body = service.feed(get_db(), token, lambda c: url_for("conversations.detail", conversation_id=c["id"],
                                                           _external=True))
    if body is None:
        abort(404)
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": 'inline; filename="min-plan.ics"', "Cache-Control": "private, no-store",
        "X-Robots-Tag": "noindex"})


@bp.route("/indstillinger/kalender", methods=["POST"])
@citizen_required
def make():
    db = get_db()
    form = CalendarForm()
    if not form.validate_on_submit():
        abort(400)
    citizen = dict(citizen_by_id(db, current_user.id))
    had = service.queries.feed_for(db, citizen["id"]) is not None
    token = service.new_token(db, citizen, key=form.submission_key.data)
    if token is None:  # the same submit again: the address made then is not kept to be shown
        flash(_("Your calendar address was made a moment ago, and it is shown only once. To see an address, make a new one."), "info")
        return redirect(url_for("notify.settings") + "#kalender")
    https = url_for("feed.calendar", token=token, _external=True)
    webcal = "webcal://" + https.split("://", 1)[1]
    feed = service.queries.feed_for(db, citizen["id"])
    return render_template("feed/created.html", https=https, webcal=webcal, renewed=had, feed=feed)
