"""What a notice says, in the active locale (the sweep forces the citizen's language; the
/beskeder page uses the reader's). Plain language: what, when, where, how to cancel; no threats.

`build(kind, params, external)` turns a snapshot (params) into a Message. Links are absolute in
e-mail and SMS (`external=True`, inside a request context whose base URL is PUBLIC_URL)."""
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app, has_request_context, request, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_babel import ngettext

from .. import labels
from ..i18n import fmt_date, fmt_datetime

# Where a message points; (endpoint, path used while the endpoint does not exist yet).
LINKS = {
    "conversations": ("conversations.index", "/samtaler"),
    "joblog": ("joblog.index", "/joblog"),
    "settings": ("notify.settings", "/indstillinger"),
    "messages": ("notify.messages", "/beskeder"),
    "plan": ("plan.index", "/min-plan"),
}

CONVERSATION_KINDS = ("conversation_reminder", "conversation_booked", "conversation_rebooked",
                      "conversation_cancelled", "conversation_cancelled_by_jobcenter", "conversation_summoned",
                      "format_request_approved", "format_request_refused", "conversation_in_person_required")
KINDS = CONVERSATION_KINDS + ("booking_invitation_created", "self_booking_reminder", "joblog_reminder",
                              "dialogue_answered", "plan_updated")


@dataclass
class Message:
    subject: str
    paragraphs: list[str] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    link_text: str | None = None
    link: str | None = None
    sms_detail: str | None = None

    def text(self, footer: str | None = None) -> str:
        """The plain-text e-mail body."""
        parts = list(self.paragraphs)
        if self.details:
            parts.append("\n".join(f"{label}: {value}" for label, value in self.details))
        parts.extend(self.after)
        if self.link:
            parts.append(f"{self.link_text}:\n{self.link}")
        if footer:
            parts.append("-- \n" + footer)
        return "\n\n".join(parts) + "\n"

    def sms(self) -> str:
        parts = ["Min Plan: " + self.subject + "."]
        if self.sms_detail:
            parts.append(self.sms_detail)
        if self.link:
            parts.append(self.link)
        return " ".join(parts)


def link(name: str, external: bool) -> str:
    endpoint, path = LINKS[name]
    if endpoint in current_app.view_functions:
        return url_for(endpoint, _external=external)
    if external and has_request_context():
        return request.host_url.rstrip("/") + path
    return path


def _day(value) -> str:
    return fmt_date(value if isinstance(value, date) else date.fromisoformat(value), "day")


def lead_text(lead: timedelta) -> str:
    """'1 day', '2 hours' in the active locale."""
    return format_timedelta(lead, threshold=1, granularity="minute")


def _place_line(p: dict) -> tuple[str, str] | None:
    fmt = p.get("format")
    if fmt == "in_person":
        return _("Place"), p.get("location") or p.get("jobcenter_address") or p.get("jobcenter") or "–"
    if fmt == "video":
        return _("Video link"), p.get("video_url") or _("You will get the link before the conversation.")
    if fmt == "phone":
        number = p.get("phone_number")
        return _("Phone"), (_("We will call you on %(number)s.", number=number) if number
                            else _("We will call you on the number you have given us."))
    return None


def _conversation_details(p: dict) -> list[tuple[str, str]]:
    rows = [(_("When"), fmt_datetime(p["starts_at"])),
            (_("Conversation"), labels.label(labels.CONVERSATION_KINDS, p.get("conversation_kind"))),
            (_("With"), p.get("jobcenter") if p.get("held_by") != "akasse"
             else labels.label(labels.HELD_BY, "akasse")),
            (_("Format"), labels.label(labels.FORMATS, p.get("format")))]
    place = _place_line(p)
    if place:
        rows.append(place)
    if p.get("prepare"):
        rows.append((_("Prepare"), p["prepare"]))
    return [row for row in rows if row[1]]


def _sms_place(p: dict) -> str | None:
    place = _place_line(p)
    return f"{place[0]}: {place[1]}" if place else None


def _cancel_hint() -> str:
    # The reason, not the timing, makes absence lawful (DOMAIN.md, cancellations and absence).
    return _("If you cannot come, tell us in Min Plan, and tell us why. A valid reason, such as illness, work or a job interview, makes your absence lawful.")


def _conversation(kind: str, p: dict, external: bool) -> Message:
    when = fmt_datetime(p["starts_at"])
    msg = Message(subject="", details=_conversation_details(p), link_text=_("See your conversation, or tell us you can't come"),
                  link=link("conversations", external), sms_detail=_sms_place(p))
    if kind == "conversation_reminder":
        msg.subject = _("Reminder: conversation %(when)s", when=when)
        msg.paragraphs = [_("This is a reminder of your conversation %(when)s.", when=when)]
        msg.after = [_cancel_hint()]
    elif kind == "conversation_booked":
        msg.subject = _("Your conversation is booked: %(when)s", when=when)
        msg.paragraphs = [_("You have booked a conversation. Here are the details.")]
        msg.after = [_cancel_hint()]
    elif kind == "conversation_rebooked":
        msg.subject = _("Your conversation has moved to %(when)s", when=when)
        old = p.get("old_starts_at")
        msg.paragraphs = [_("Your conversation %(old)s has moved. The new time is %(when)s.",
                            old=fmt_datetime(old), when=when) if old else
                          _("Your conversation has moved. The new time is %(when)s.", when=when)]
        msg.after = [_cancel_hint()]
    elif kind == "conversation_summoned":
        msg.subject = _("New conversation with the municipality %(when)s", when=when)
        msg.paragraphs = [_("The municipality has booked a conversation with you. Here are the details.")]
        msg.after = [_cancel_hint()]
    elif kind == "conversation_in_person_required":
        msg.subject = _("Please come in person to your conversation %(when)s", when=when)
        msg.paragraphs = [_("The municipality has asked you to attend this conversation in person.")]
        msg.after = [_cancel_hint()]
    elif kind == "conversation_cancelled":
        msg.subject = _("We have registered that you cannot come")
        msg.paragraphs = [_("You have told us you cannot come to your conversation %(when)s.", when=when)]
        if p.get("cancelled_at"):
            msg.paragraphs.append(_("You told us %(at)s that you cannot come.", at=fmt_datetime(p["cancelled_at"])))
        msg.details = msg.details[:3]
        msg.link_text, msg.sms_detail = _("See your conversations"), None
    elif kind == "conversation_cancelled_by_jobcenter":
        msg.subject = _("The municipality has cancelled your conversation %(when)s", when=when)
        msg.paragraphs = [_("You do not need to come to this conversation."),
                          _("If you have questions, contact the municipality.")]
        msg.details = msg.details[:3]
        msg.link_text, msg.sms_detail = _("See your conversations"), None
    elif kind == "format_request_approved":
        to = labels.label(labels.FORMATS, p.get("to_format"))
        msg.subject = _("Your request is approved: %(format)s", format=to)
        msg.paragraphs = [_("The municipality has approved your request. Your conversation %(when)s will be: %(format)s.",
                            when=when, format=to)]
        msg.after = [_cancel_hint()]
    elif kind == "format_request_refused":
        to = labels.label(labels.FORMATS, p.get("to_format"))
        msg.subject = _("Your request about your conversation %(when)s", when=when)
        msg.paragraphs = [_("The municipality could not approve your wish for this format: %(format)s.", format=to),
                          _("The conversation stays as it is.")]
        if p.get("decision_reason"):
            msg.paragraphs.append(_("The municipality's reason: %(reason)s", reason=p["decision_reason"]))
        msg.after = [_cancel_hint()]
    return msg


def _invitation(kind: str, p: dict, external: bool) -> Message:
    deadline = _day(p["deadline"])
    msg = Message(subject="", link_text=_("Book a time"), link=link("conversations", external))
    if kind == "booking_invitation_created":
        msg.subject = _("Please book a conversation by %(deadline)s", deadline=deadline)
        msg.paragraphs = [_("The municipality asks you to book a conversation. Choose a time that suits you.")]
        if p.get("window_start") and p.get("window_end"):
            msg.paragraphs.append(_("You can choose a time between %(start)s and %(end)s.",
                                    start=_day(p["window_start"]), end=_day(p["window_end"])))
        msg.paragraphs.append(_("Book it no later than %(deadline)s.", deadline=deadline))
    else:
        msg.subject = _("Remember to book your conversation by %(deadline)s", deadline=deadline)
        msg.paragraphs = [_("You have not booked a time yet. Book a conversation no later than %(deadline)s.",
                            deadline=deadline)]
    return msg


def _joblog(p: dict, external: bool) -> Message:
    deadline, remaining = _day(p["deadline"]), int(p["remaining"])
    subject = ngettext("Register %(num)s more job application by %(deadline)s",
                       "Register %(num)s more job applications by %(deadline)s", remaining, deadline=deadline)
    return Message(
        subject=subject,
        paragraphs=[_("This is a reminder about your joblog."),
                    _("You have registered %(registered)s of %(count)s for this period.",
                      registered=p.get("registered", 0), count=p.get("count", remaining))],
        after=[_("Have you applied for jobs you have not registered yet? Add them to your joblog.")],
        link_text=_("Go to your joblog"), link=link("joblog", external))


def _dialogue(p: dict, external: bool) -> Message:
    """A new answer: only that there is one (the text stays in Min Plan, behind the login)."""
    endpoint = "dialogue.thread"
    if endpoint in current_app.view_functions and p.get("thread_id"):
        target = url_for(endpoint, thread_id=p["thread_id"], _external=external)
    else:
        target = link("messages", external)
    who = p.get("jobcenter") or _("the municipality")
    return Message(subject=_("You have an answer from %(who)s", who=who),
                   paragraphs=[_("%(who)s has answered your message in Min Plan.", who=who),
                               _("Log in to Min Plan to read the answer.")],
                   link_text=_("Read the answer"), link=target)


def contact_line(p: dict) -> str | None:
    """'Questions? Call Jobcenter Fjordby on 70 10 20 30 (Monday to Wednesday 9.00-15.00; ...).'"""
    from ..contact import of_params
    contact = of_params(p)
    if contact is None or not contact.phone:
        return None
    if contact.hours:
        return _("Questions? Call %(service)s on %(phone)s (%(hours)s).", service=contact.service,
                 phone=contact.phone, hours=contact.hours_text())
    return _("Questions? Call %(service)s on %(phone)s.", service=contact.service, phone=contact.phone)


def _with_contact(msg: Message, p: dict) -> Message:
    line = contact_line(p)
    if line:
        msg.after.append(line)
    return msg


def build(kind: str, params: dict, external: bool = False) -> Message:
    if kind == "dialogue_answered":
        return _dialogue(params, external)
    if kind in ("conversation_reminder", "self_booking_reminder", "joblog_reminder"):
        return _with_contact(_build(kind, params, external), params)
    return _build(kind, params, external)


def _build(kind: str, params: dict, external: bool = False) -> Message:
    if kind in CONVERSATION_KINDS:
        return _conversation(kind, params, external)
    if kind in ("booking_invitation_created", "self_booking_reminder"):
        return _invitation(kind, params, external)
    if kind == "joblog_reminder":
        return _joblog(params, external)
    if kind == "plan_updated" and params.get("joblog"):
        count = params.get("joblog_count")
        first = [_("Your job-search requirement has changed from %(date)s.", date=_day(params["applies_from"]))
                 if params.get("applies_from") else _("Your job-search requirement has changed.")]
        first.append(ngettext("From then on: %(num)s job application per period.",
                              "From then on: %(num)s job applications per period.", count) if count is not None
                     else _("From then on the usual number for your group applies."))
        return Message(subject=_("Your plan has been updated"), paragraphs=first,
                       link_text=_("Go to your plan"), link=link("plan", external))
    if kind == "plan_updated" and params.get("target_group"):
        return Message(subject=_("Your plan has been updated"),
                       paragraphs=[_("From %(date)s you are registered as: %(group)s.", date=_day(params["group_since"]),
                                     group=labels.label(labels.TARGET_GROUPS, params["target_group"])),
                                   _("The duties and rights in Min Plan are now those of this group.")],
                       after=[params["reason"]] if params.get("reason") else [],
                       link_text=_("Go to your plan"), link=link("plan", external))
    if kind == "plan_updated":
        return Message(subject=_("Your plan has been updated"),
                       paragraphs=[_("The municipality has changed your plan. What is new is marked in Min Plan.")],
                       after=[_("Read the plan and confirm that you have read it.")],
                       link_text=_("Go to your plan"), link=link("plan", external))
    raise ValueError(f"unknown notice kind {kind!r}")


def email_footer(external: bool = True) -> str:
    return _("You get this e-mail because you chose e-mail from Min Plan. Change how you are reminded: %(url)s",
             url=link("settings", external))
