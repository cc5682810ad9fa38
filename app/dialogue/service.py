"""What the citizen and the caseworkers do in the dialogue: start a thread, write, answer, close,
reopen, read, download an attachment. Each change is audited in the same transaction, and each
submit claims its idempotency key there first, so a double click posts once.

A caseworker's answer is audited as `dialogue_answered`; the notify sweep turns that entry into
the citizen's notice (in-app always, e-mail and SMS as they chose) without the message text."""
from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import gettext as _

from .. import audit, clock, idempotency, labels
from ..db import transaction
from ..i18n import fmt_date, fmt_datetime
from ..joblog.labels import period_name
from ..joblog.periods import period_for, previous_period
from ..rules import rules_for
from . import files, queries

# SETTING: a thread can be about a conversation from this far back (and any to come).
ABOUT_CONVERSATIONS_BACK = timedelta(days=60)

ACTIONS = {"start": "dialogue_start", "write": "dialogue_write", "answer": "dialogue_answer",
           "close": "dialogue_close", "reopen": "dialogue_reopen"}


def _citizen_actor(citizen) -> str:
    return f"citizen:{citizen['id']}"


def _caseworker_actor(caseworker) -> str:
    return f"caseworker:{caseworker.id}"


# ---------------------------------------------------------------- what a thread is about
def about_choices(db, citizen: dict) -> list[tuple[str, str]]:
    """(value, label) for the select: the citizen's own conversations, activities, joblog periods
    and follow-up, as far as they have them."""
    today = clock.today()
    since = clock.to_db(clock.now() - ABOUT_CONVERSATIONS_BACK)
    found = []
    for conv in queries.conversations_for(db, citizen["id"], since):
        found.append((f"conversation:{conv['id']}", _conversation_label(conv)))
    for act in queries.activities_for(db, citizen["id"]):
        found.append((f"activity:{act['id']}", _("Activity: %(title)s", title=act["title"])))
    rules = rules_for(citizen["target_group"], today)
    if rules.joblog is not None:
        current = period_for(citizen["target_group"], today)
        periods = [current, previous_period(citizen["target_group"], current) if current else None]
        for period in periods:
            if period is not None:
                found.append((f"joblog_period:{period.start.isoformat()}",
                               _("Joblog: %(period)s", period=period_name(period))))
    if rules.sick is not None:
        found.append(("followup", _("My follow-up while I am sick")))
    return found


def _conversation_label(conv: dict) -> str:
    return _("Conversation: %(kind)s, %(when)s", kind=labels.label(labels.CONVERSATION_KINDS, conv["kind"]),
             when=fmt_datetime(conv["starts_at"]))


def parse_about(value: str | None) -> tuple[str | None, int | None, str | None]:
    if not value:
        return None, None, None
    kind, _sep, ref = value.partition(":")
    if kind in ("conversation", "activity"):
        return kind, int(ref), None
    if kind == "joblog_period":
        return kind, None, ref
    return "followup", None, None


def about_label(db, thread: dict) -> str | None:
    kind = thread["about_kind"]
    if kind == "conversation":
        conv = queries.conversation(db, thread["about_id"], thread["citizen_id"])
        return _conversation_label(conv) if conv else None
    if kind == "activity":
        act = queries.activity(db, thread["about_id"], thread["citizen_id"])
        return _("Activity: %(title)s", title=act["title"]) if act else None
    if kind == "joblog_period":
        return _("Joblog: the period from %(day)s", day=fmt_date(thread["about_ref"]))
    if kind == "followup":
        return _("The follow-up on sickness")
    return None


# ---------------------------------------------------------------- reading
@dataclass
class Message:
    id: int
    author_type: str
    author_name: str
    body: str
    created_at: str
    read_by_other_side: bool
    attachments: list = field(default_factory=list)


@dataclass
class ThreadView:
    thread: dict
    about: str | None
    messages: list[Message]


def _view(db, thread: dict) -> ThreadView:
    by_message = {}
    for att in queries.attachments(db, thread["id"]):
        by_message.setdefault(att["message_id"], []).append(att)
    msgs = []
    for row in queries.messages(db, thread["id"]):
        other_upto = thread["municipality_read_upto"] if row["author_type"] == "citizen" else thread["citizen_read_upto"]
        msgs.append(Message(row["id"], row["author_type"], row["author_name"] or "", row["body"], row["created_at"],
                            row["id"] <= other_upto, by_message.get(row["id"], [])))
    return ThreadView(thread, about_label(db, thread), msgs)


def open_thread(db, thread: dict, side: str) -> ThreadView:
    """The thread as its reader sees it; the other side's messages are marked read by this side."""
    view = _view(db, thread)
    others = [m.id for m in view.messages if (m.author_type == "caseworker") == (side == "citizen")]
    upto_column = "citizen_read_upto" if side == "citizen" else "municipality_read_upto"
    if others and max(others) > thread[upto_column]:
        with transaction(db):
            queries.mark_read(db, thread["id"], side, max(others))
    return view


# ---------------------------------------------------------------- writing
def _add_message(db, thread_id: int, *, author_type: str, author_id: int, body: str,
                 checked: list, stored: list, at: str) -> tuple[int, list[str]]:
    message_id = queries.insert_message(db, thread_id=thread_id, author_type=author_type, author_id=author_id,
                                        body=body, at=at)
    names = []
    for item, stored_name in zip(checked, stored):
        queries.insert_attachment(db, message_id=message_id, thread_id=thread_id, filename=item.filename,
                                  content_type=item.content_type, size=item.size, sha256=item.sha256,
                                  stored_name=stored_name, at=at)
        names.append(item.filename)
    return message_id, names


def _stored(checked: list) -> list[str]:
    return [files.store(item) for item in checked]


def _run(db, checked: list, key: str, actor: str, action: str, work):
    """Store the files, then do the work in one transaction, once per key (app/idempotency.once);
    the files go again if it does not commit, or if the key was used before (the stored result
    is returned then)."""
    stored = _stored(checked)
    try:
        done = idempotency.once(db, key, actor, action, lambda: work(stored))
    except BaseException:
        for name in stored:
            files.discard(name)
        raise
    if done.repeated:
        for name in stored:
            files.discard(name)
    return done.result


def start_thread(db, citizen: dict, *, subject: str, about: str | None, body: str, checked: list, key: str) -> dict:
    kind, about_id, about_ref = parse_about(about)

    def work(stored):
        at = clock.to_db(clock.now())
        thread_id = queries.insert_thread(db, citizen_id=citizen["id"], municipality_id=citizen["municipality_id"],
                                          subject=subject, about_kind=kind, about_id=about_id, about_ref=about_ref,
                                          at=at)
        message_id, names = _add_message(db, thread_id, author_type="citizen", author_id=citizen["id"], body=body,
                                         checked=checked, stored=stored, at=at)
        queries.mark_read(db, thread_id, "citizen", message_id)
        audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="dialogue_thread_started",
                     entity="dialogue_thread", entity_id=thread_id, citizen_id=citizen["id"],
                     municipality_id=citizen["municipality_id"],
                     after={"message_id": message_id, "about_kind": kind, "about_id": about_id,
                            "about_ref": about_ref, "length": len(body), "attachments": names})
        return {"thread_id": thread_id, "message_id": message_id, "at": at}
    return _run(db, checked, key, _citizen_actor(citizen), ACTIONS["start"], work)


def write(db, citizen: dict, thread: dict, *, body: str, checked: list, key: str) -> dict:
    """The citizen writes; a closed thread opens again."""
    def work(stored):
        at = clock.to_db(clock.now())
        reopened = queries.set_status(db, thread["id"], "open", at=at, by=None) == 1
        message_id, names = _add_message(db, thread["id"], author_type="citizen", author_id=citizen["id"],
                                         body=body, checked=checked, stored=stored, at=at)
        queries.touch_thread(db, thread["id"], at=at, waiting_since=at, keep_waiting=True)
        queries.mark_read(db, thread["id"], "citizen", message_id)
        audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="dialogue_message_written",
                     entity="dialogue_thread", entity_id=thread["id"], citizen_id=citizen["id"],
                     municipality_id=thread["municipality_id"],
                     after={"message_id": message_id, "length": len(body), "attachments": names,
                            "reopened": reopened})
        return {"thread_id": thread["id"], "message_id": message_id, "at": at}
    return _run(db, checked, key, _citizen_actor(citizen), f"{ACTIONS['write']}:{thread['id']}", work)


def answer(db, caseworker, thread: dict, *, body: str, checked: list, key: str, close: bool = False) -> dict:
    def work(stored):
        at = clock.to_db(clock.now())
        message_id, names = _add_message(db, thread["id"], author_type="caseworker", author_id=caseworker.id,
                                         body=body, checked=checked, stored=stored, at=at)
        queries.touch_thread(db, thread["id"], at=at, waiting_since=None, keep_waiting=False)
        queries.mark_read(db, thread["id"], "municipality", message_id)
        audit.record(db, actor_type="caseworker", actor_id=caseworker.id, action="dialogue_answered",
                     entity="dialogue_thread", entity_id=thread["id"], citizen_id=thread["citizen_id"],
                     municipality_id=thread["municipality_id"],
                     after={"message_id": message_id, "length": len(body), "attachments": names})
        if close and queries.set_status(db, thread["id"], "closed", at=at, by=caseworker.id):
            audit.record(db, actor_type="caseworker", actor_id=caseworker.id, action="dialogue_thread_closed",
                         entity="dialogue_thread", entity_id=thread["id"], citizen_id=thread["citizen_id"],
                         municipality_id=thread["municipality_id"], before={"status": "open"},
                         after={"status": "closed"})
        return {"thread_id": thread["id"], "message_id": message_id, "at": at}
    return _run(db, checked, key, _caseworker_actor(caseworker), f"{ACTIONS['answer']}:{thread['id']}", work)


def close(db, caseworker, thread: dict, *, key: str) -> dict:
    def work(_stored):
        at = clock.to_db(clock.now())
        if queries.set_status(db, thread["id"], "closed", at=at, by=caseworker.id):
            audit.record(db, actor_type="caseworker", actor_id=caseworker.id, action="dialogue_thread_closed",
                         entity="dialogue_thread", entity_id=thread["id"], citizen_id=thread["citizen_id"],
                         municipality_id=thread["municipality_id"], before={"status": "open"},
                         after={"status": "closed"})
        return {"thread_id": thread["id"], "at": at}
    return _run(db, [], key, _caseworker_actor(caseworker), f"{ACTIONS['close']}:{thread['id']}", work)


def reopen(db, citizen: dict, thread: dict, *, key: str) -> dict:
    def work(_stored):
        at = clock.to_db(clock.now())
        if queries.set_status(db, thread["id"], "open", at=at, by=None):
            audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="dialogue_thread_reopened",
                         entity="dialogue_thread", entity_id=thread["id"], citizen_id=citizen["id"],
                         municipality_id=thread["municipality_id"], before={"status": "closed"},
                         after={"status": "open"})
        return {"thread_id": thread["id"], "at": at}
    return _run(db, [], key, _citizen_actor(citizen), f"{ACTIONS['reopen']}:{thread['id']}", work)


def downloaded(db, *, actor_type: str, actor_id: int, thread: dict, attachment: dict) -> None:
    """Who opened which file: personal data leaving Min Plan, so it is in the audit log."""
    with transaction(db):
        audit.record(db, actor_type=actor_type, actor_id=actor_id, action="dialogue_attachment_downloaded",
                     entity="dialogue_attachment", entity_id=attachment["id"], citizen_id=thread["citizen_id"],
                     municipality_id=thread["municipality_id"], after={"thread_id": thread["id"]})
