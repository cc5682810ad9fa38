"""Sending what is pending in the outbox, each row exactly once.

For each due row: drop it if what it announces no longer holds (rebooked, cancelled, the joblog
requirement met, the invitation booked) or has passed; wait for the send hours (e-mail, SMS);
then mark it sent and hand it to its channel in ONE transaction. If the channel raises (or the
process is stopped) the transaction rolls back and the row is still pending for the next sweep;
once the transaction commits it is never picked again. A failure is retried with exponential
back-off and recorded; a permanent one (a refused address) fails only that row."""
import json
import logging
from collections import Counter
from datetime import date, datetime

from flask_babel import force_locale

from .. import clock
from ..db import transaction
from ..joblog.service import status_for
from . import content, queries
from .channels import Channel, Delivery, DeliveryError, chosen_channels
from .collect import FUTURE_CONVERSATION_KINDS, REMINDER_TYPES, opted_out
from .timing import backoff, quiet_until

log = logging.getLogger("minplan.notify")
BATCH = 200


def conversation_snapshot(conversation: dict, citizen: dict) -> dict:
    """What a message about this conversation shows, as it is now."""
    return {"conversation_id": conversation["id"], "starts_at": conversation["starts_at"],
            "format": conversation["format"], "location": conversation["location"],
            "video_url": conversation["video_url"],
            "phone_number": conversation["phone_number"] or citizen.get("phone"),
            "conversation_kind": conversation["kind"], "held_by": conversation["held_by"],
            "prepare": conversation["prepare"], "jobcenter": citizen.get("jobcenter_name"),
            "jobcenter_address": citizen.get("jobcenter_address")}


def current_params(db, row: dict, citizen: dict) -> tuple[dict | None, str | None]:
    """(params to build the message from, None) while the occurrence still holds; else (None, why not)."""
    params = json.loads(row["params"] or "{}")
    kind = row["kind"]
    if row["entity"] == "conversation":
        conversation = queries.conversation(db, row["entity_id"])
        if conversation is None:
            return None, "the conversation is gone"
        if kind in FUTURE_CONVERSATION_KINDS:
            if conversation["status"] != "booked":
                return None, "the conversation is no longer booked"
            if kind not in ("format_request_approved", "format_request_refused") and \
                    conversation["starts_at"] != row["occurrence"]:
                return None, "the conversation has moved to another time"
            return {**params, **conversation_snapshot(conversation, citizen)}, None
        return {**conversation_snapshot(conversation, citizen), **params}, None  # a cancellation: as it was
    if row["entity"] == "booking_invitation":
        invitation = queries.invitation(db, row["entity_id"])
        if invitation is None or invitation["status"] != "open":
            return None, "the invitation is no longer open"
        if kind == "self_booking_reminder" and invitation["deadline"] != row["occurrence"]:
            return None, "the deadline has changed"
        return {**params, "deadline": invitation["deadline"], "window_start": invitation["window_start"],
                "window_end": invitation["window_end"]}, None
    if kind == "joblog_reminder":
        status = status_for(db, citizen, date.fromisoformat(params["period_start"]))
        if status is None or status.remaining <= 0:
            return None, "the job-search requirement is met"
        return {**params, "remaining": status.remaining, "registered": status.registered,
                "count": status.requirement.count, "deadline": status.period.deadline.isoformat()}, None
    return params, None


def render(app, kind: str, params: dict, language: str) -> tuple[content.Message, str]:
    """The message and the e-mail footer in the citizen's language, with absolute links."""
    with app.test_request_context("/", base_url=app.config["PUBLIC_URL"]), force_locale(language):
        return content.build(kind, params, external=True), content.email_footer()


def deliver(app, db, now: datetime, channels: dict[str, Channel]) -> Counter:
    counts = Counter()
    for _batch in range(1000):
        rows = queries.due_outbox(db, clock.to_db(now), BATCH)
        if not rows:
            break
        for row in rows:
            counts[deliver_one(app, db, row, now, channels)] += 1
    return counts


def _drop(db, row, reason: str) -> str:
    with transaction(db):
        queries.mark_dropped(db, row["id"], reason)
    return "dropped"


def deliver_one(app, db, row: dict, now: datetime, channels: dict[str, Channel]) -> str:
    config = app.config
    citizen = queries.citizen(db, row["citizen_id"])
    if citizen is None:
        return _drop(db, row, "the citizen is gone")
    if row["expires_at"] and now >= clock.from_db(row["expires_at"]):
        return _drop(db, row, "too late: what it announces has begun or passed")
    channel = channels.get(row["channel"])
    if channel is None:
        return _drop(db, row, "the channel is not running")
    if row["channel"] not in chosen_channels(config, citizen):
        return _drop(db, row, "the citizen no longer uses this channel")
    reminder = REMINDER_TYPES.get(row["kind"])
    if reminder and opted_out(db, citizen, reminder, clock.local(now).date()):
        return _drop(db, row, "the citizen switched this reminder off")
    params, reason = current_params(db, row, citizen)
    if params is None:
        return _drop(db, row, reason)
    if channel.quiet_hours:
        opens = quiet_until(now, clock.from_db(row["event_at"]), tuple(config["NOTIFY_SEND_HOURS"]))
        if opens is not None:
            with transaction(db):
                queries.postpone(db, row["id"], clock.to_db(opens))
            return "postponed"
    recipient = channel.recipient(citizen)
    if not recipient:
        return _drop(db, row, "no address for this channel")
    language = citizen["preferred_language"] or config["BABEL_DEFAULT_LOCALE"]
    try:
        rendered = render(app, row["kind"], params, language) if row["channel"] != "inapp" else (None, None)
        delivery = Delivery(row, citizen, params, recipient, language,
                            render=lambda: rendered[0], footer=lambda: rendered[1])
        channel.open()
        with transaction(db):
            if not queries.mark_sent(db, row["id"], clock.to_db(clock.now()), recipient):
                return "skipped"  # another sweep got there first
            channel.send(db, delivery)
    except DeliveryError as error:
        return _failed(config, db, row, now, str(error), error.permanent)
    except Exception as error:  # an unexpected error in one message must not stop the others
        log.exception("notify: sending %s failed", row["key"])
        return _failed(config, db, row, now, f"{type(error).__name__}: {error}", False)
    log.info("notify: sent %s", row["key"])
    return "sent"


def _failed(config, db, row, now, error: str, permanent: bool) -> str:
    attempts = row["attempts"] + 1
    with transaction(db):
        if permanent or attempts >= config["NOTIFY_MAX_ATTEMPTS"]:
            queries.mark_failed(db, row["id"], attempts, error)
            outcome = "failed"
        else:
            retry_at = now + backoff(attempts, config["NOTIFY_RETRY_SECONDS"], config["NOTIFY_RETRY_MAX_SECONDS"])
            queries.mark_retry(db, row["id"], attempts, clock.to_db(retry_at), error)
            outcome = "retry"
    log.warning("notify: %s %s: %s", row["key"], outcome, error)
    return outcome
