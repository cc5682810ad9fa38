"""Sending what is pending in the outbox.

What "exactly once" means here:
- Inside our database each row is settled exactly once: it goes from pending to sent, dropped
  or failed under its unique key, and nothing moves it back.
- In-app notices are exactly once: the notice is written and the row marked sent in ONE
  transaction. A crash before the commit leaves neither, and the next sweep writes it.
- E-mail and SMS leave our database, and no transaction covers the outside world. The row is
  first claimed (status 'sending', claimed_at = the attempt's stamp) and committed; the message
  is handed to the SMTP server or SMS gateway with no transaction open, so a slow server never
  holds SQLite's write lock; then the row is marked sent in a short transaction. If the process
  dies between the hand-over and that commit, the row stays 'sending' until its claim runs out
  (NOTIFY_CLAIM_SECONDS); the next sweep then hands it over again with the SAME Message-ID
  (e-mail) or gateway reference (SMS), both made from the row's key, so a receiver can spot the
  repeat. So e-mail and SMS are at-least-once with a stable id, and a repeat can only happen in
  that crash window. A process asked to stop (SIGTERM, SIGINT; app/scheduler.py) finishes the
  message in hand, marks it, and takes no further row, so an orderly stop repeats nothing; an
  exception that unwinds a hand-over (SystemExit, KeyboardInterrupt) gives its claim back at once.

For each due row: drop it if what it announces no longer holds (rebooked, cancelled, the joblog
requirement met, the invitation booked) or has passed; wait for the send hours (e-mail, SMS; a
rule, `notify_send_hours`); then send it as above. A failure is retried with exponential
back-off and recorded; a permanent one (a refused address) fails only that row. A row that
cannot be handled at all (a citizen with an unknown target group, say) is marked failed and
logged without the CPR number, and the sweep goes on with the others."""
import json
import logging
import sqlite3
from collections import Counter
from datetime import date, datetime, timedelta
from threading import Event

from flask_babel import force_locale

from .. import clock
from ..db import transaction
from ..joblog.service import status_for
from ..rules import rules_for
from . import content, queries
from .channels import Channel, Delivery, DeliveryError, chosen_channels
from .collect import FUTURE_CONVERSATION_KINDS, REMINDER_TYPES, describe, opted_out
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
    """(params to build the message from, None) while the occurrence still holds; else (None, why
    not). With how to reach the municipality as it is now (the reminders say whom to call)."""
    params, reason = _current_params(db, row, citizen)
    if params is not None:
        params = {**params, "jobcenter": params.get("jobcenter") or citizen.get("jobcenter_name"),
                  "jobcenter_phone": citizen.get("jobcenter_phone"), "jobcenter_hours": citizen.get("jobcenter_hours")}
    return params, reason


def _current_params(db, row: dict, citizen: dict) -> tuple[dict | None, str | None]:
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


def deliver(app, db, now: datetime, channels: dict[str, Channel], stop: Event | None = None) -> Counter:
    """Every due row, one at a time; when `stop` is set, no row after the one in hand."""
    counts = Counter()
    seen: set[int] = set()  # each row at most once per sweep, whatever happens to it
    for _batch in range(1000):
        rows = [row for row in queries.due_outbox(db, clock.to_db(now), BATCH) if row["id"] not in seen]
        if not rows:
            break
        for row in rows:
            if stop is not None and stop.is_set():
                return counts
            seen.add(row["id"])
            counts[deliver_one(app, db, row, now, channels)] += 1
    return counts


def _drop(db, row, reason: str) -> str:
    with transaction(db):
        queries.mark_dropped(db, row["id"], reason)
    return "dropped"


def deliver_one(app, db, row: dict, now: datetime, channels: dict[str, Channel]) -> str:
    """Send one row; returns what happened: sent, dropped, postponed, retry, failed or skipped."""
    try:
        prepared = _prepare(app, db, row, now, channels)
    except Exception as error:  # one row that cannot be handled must not stop the others
        return _broken(app.config, db, row, now, error)
    if isinstance(prepared, str):
        return prepared
    channel, delivery = prepared
    if channel.external:
        return _hand_over(app.config, db, row, now, channel, delivery)
    return _write_notice(app.config, db, row, now, channel, delivery)


def _prepare(app, db, row: dict, now: datetime, channels) -> str | tuple[Channel, Delivery]:
    """The channel and the delivery, or what became of the row instead (dropped, postponed)."""
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
    today = clock.local(now).date()
    reminder = REMINDER_TYPES.get(row["kind"])
    if reminder and opted_out(db, citizen, reminder, today):
        return _drop(db, row, "the citizen switched this reminder off")
    params, reason = current_params(db, row, citizen)
    if params is None:
        return _drop(db, row, reason)
    if channel.quiet_hours:
        hours = rules_for(citizen["target_group"], today).notify_send_hours
        opens = quiet_until(now, clock.from_db(row["event_at"]) if row["event_at"] else None, tuple(hours))
        if opens is not None:
            with transaction(db):
                queries.postpone(db, row["id"], clock.to_db(opens))
            return "postponed"
    recipient = channel.recipient(citizen)
    if not recipient:
        return _drop(db, row, "no address for this channel")
    language = citizen["preferred_language"] or config["BABEL_DEFAULT_LOCALE"]
    rendered = render(app, row["kind"], params, language) if channel.external else (None, None)
    return channel, Delivery(row, citizen, params, recipient, language,
                             render=lambda: rendered[0], footer=lambda: rendered[1])


def _write_notice(config, db, row, now, channel, delivery) -> str:
    """In-app: the notice and the mark 'sent' in one transaction, so exactly once."""
    try:
        with transaction(db):
            if not queries.mark_sent(db, row["id"], clock.to_db(clock.now()), delivery.recipient):
                return "skipped"  # another sweep got there first
            channel.send(db, delivery)
    except DeliveryError as error:
        return _failed(config, db, row, now, str(error), error.permanent)
    except Exception as error:  # an unexpected error in one message must not stop the others
        return _failed(config, db, row, now, describe(error), False)
    log.info("notify: sent %s", row["key"])
    return "sent"


def _hand_over(config, db, row, now, channel, delivery) -> str:
    """E-mail, SMS: claim and commit, hand over with no transaction open, then mark sent."""
    try:
        channel.open()  # connecting happens outside any transaction too
    except DeliveryError as error:
        return _failed(config, db, row, now, str(error), error.permanent)
    moment = clock.now()
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    until = clock.to_db(moment + timedelta(seconds=config["NOTIFY_CLAIM_SECONDS"]))
    with transaction(db):
        claimed = queries.claim(db, row["id"], now=clock.to_db(now), stamp=stamp, until=until,
                                recipient=delivery.recipient)
    if not claimed:
        return "skipped"  # another sweep has it
    try:
        channel.send(db, delivery)
    except DeliveryError as error:
        return _failed(config, db, row, now, str(error), error.permanent)
    except Exception as error:  # an unexpected error in one message must not stop the others
        return _failed(config, db, row, now, describe(error), False)
    except BaseException:
        # Stopped in an orderly way during the hand-over: give the claim back for the next sweep.
        with transaction(db):
            queries.release(db, row["id"], stamp, clock.to_db(now))
        raise
    with transaction(db):
        marked = queries.mark_handed_over(db, row["id"], stamp, clock.to_db(clock.now()))
    if not marked:
        log.warning("notify: %s was handed over after its claim ran out; it may arrive twice, with one id",
                    row["key"])
    log.info("notify: sent %s", row["key"])
    return "sent"


def _broken(config, db, row, now, error: Exception) -> str:
    """A row that could not be prepared: failed for good, unless the database was only busy."""
    transient = isinstance(error, sqlite3.OperationalError)
    log.error("notify: row %s (%s) could not be handled: %s", row["id"], row["kind"], describe(error))
    return _failed(config, db, row, now, describe(error), permanent=not transient)


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
