"""The citizen's duties and rights in plain language, generated from the rules.

No number is written here: each sentence takes its figures from the citizen's Rules, so a
new rule set changes the text by itself (DOMAIN.md: tone; SCREENS.md: "Dine pligter")."""
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext

from ..i18n import fmt_date
from ..rules import Rules


@dataclass(frozen=True)
class Item:
    key: str
    title: str
    text: str


@dataclass(frozen=True)
class FollowupSchedule:
    """One citizen's own follow-up schedule, from the area that keeps it (registered with
    @followup_source), so the duties do not promise conversations the citizen does not have."""
    required: bool                # False: no required follow-ups (back at work, or expected back in time)
    count: int                    # required follow-ups in the first half-year
    held: int
    next_deadline: date | None


FOLLOWUP_SOURCES = []


def followup_source(fn):
    """Register fn(db, citizen, rules, now) -> FollowupSchedule | None."""
    FOLLOWUP_SOURCES.append(fn)
    return fn


def followup_schedule(db, citizen: dict, rules: Rules, now) -> FollowupSchedule | None:
    for fn in FOLLOWUP_SOURCES:
        found = fn(db, citizen, rules, now)
        if found is not None:
            return found
    return None


def _period_word(period: str) -> str:
    return _("per week") if period == "week" else _("per month")


def _followup_item(rules: Rules, followup: FollowupSchedule | None) -> Item:
    if followup is not None and not followup.required:
        return Item("followup", _("Follow-up conversations"), _(
            "You have no required follow-up conversations. You can always ask for one."))
    if followup is not None and followup.held and followup.next_deadline:
        return Item("followup", _("Take part in follow-up"), _(
            "Your next follow-up conversation must be held no later than %(date)s.",
            date=fmt_date(followup.next_deadline, "weekday_date")))
    if followup is not None and followup.held and followup.next_deadline is None:
        return Item("followup", _("Take part in follow-up"), _(
            "You have had the follow-up conversations of your first half-year. From now on you and your caseworker agree when to talk."))
    return Item("followup", _("Take part in follow-up"), _(
        "The jobcenter follows up on your sick leave. Your first follow-up conversation is before the end of week %(weeks)s of your sick leave.",
        weeks=rules.sick.first_followup_weeks))


def duties(rules: Rules, *, joblog_status=None, followup: FollowupSchedule | None = None) -> list[Item]:
    items = []
    if rules.sick is not None:
        items.append(Item("info_form", _("Fill in the information form"), ngettext(
            "Send the information form about your sick leave within %(num)s day of receiving it.",
            "Send the information form about your sick leave within %(num)s days of receiving it.",
            rules.sick.info_form_days)))
        items.append(_followup_item(rules, followup))
    if joblog_status is not None:
        req = joblog_status.requirement
        items.append(Item("joblog", _("Register your job search"), ngettext(
            "Register at least %(num)s job application %(period)s in your joblog. The next deadline is %(deadline)s.",
            "Register at least %(num)s job applications %(period)s in your joblog. The next deadline is %(deadline)s.",
            req.count, period=_period_word(req.period), deadline=fmt_date(joblog_status.period.deadline, "day"))))
    if rules.cv_within_days:
        items.append(Item("cv", _("Keep your CV up to date"), ngettext(
            "Your CV must be ready on Jobnet within %(num)s day of registering as unemployed, and kept up to date.",
            "Your CV must be ready on Jobnet within %(num)s days of registering as unemployed, and kept up to date.",
            rules.cv_within_days)))
    if rules.availability:
        items.append(Item("availability", _("Be available for work"), _(
            "You must be able to take a job or start an offer at short notice. Tell us if you go on holiday or cannot work for a while.")))
    items.append(Item("conversations", _("Attend your conversations"), _(
        "Come to your conversations, by phone, video or in person. If you cannot come, cancel before the conversation starts. Then your absence is lawful.")))
    if rules.self_booking:
        items.append(Item("self_booking", _("Book your conversations yourself"), ngettext(
            "When the jobcenter asks you to book a conversation, choose a time before the deadline. You always get at least %(num)s day.",
            "When the jobcenter asks you to book a conversation, choose a time before the deadline. You always get at least %(num)s days.",
            rules.self_booking_min_days)))
    if rules.offers:
        items.append(Item("offers", _("Take part in agreed activities"), _(
            "Take part in the activities and offers in your plan. If something gets in the way, contact your jobcenter.")))
    items.append(Item("changes", _("Tell us about changes"), _(
        "Tell the jobcenter if your situation changes, for example a new job, illness or a move.")))
    return items


RIGHT_TEXTS = {
    "conversation_on_request": (lambda r: _("Ask for a conversation"), lambda r: _(
        "You can always ask for a conversation with your jobcenter, also outside the planned ones.")),
    "companion": (lambda r: _("Bring a companion"), lambda r: _(
        "You may bring a companion (bisidder) to every conversation, also by phone or video.")),
    "choose_format": (lambda r: _("Choose how you meet"), lambda r: _(
        "After your first conversation you choose whether a conversation is in person, by phone or by video.")),
    "basic_skills_test": (lambda r: _("Reading, writing and maths test"), lambda r: _(
        "You can ask to be tested in reading, writing and maths, and get teaching if you need it.")),
    "offers_guidance": (lambda r: _("Guidance and upskilling"), lambda r: _(
        "You can ask for guidance and short courses that bring you closer to a job.")),
    "job_training_6_weeks": (lambda r: _("Six weeks of job-oriented training"), lambda r: _(
        "After 5 weeks of unemployment you can ask for up to 6 weeks of job-oriented training.")),
    "retention_plan": (lambda r: _("A retention plan"), lambda r: _(
        "You or your employer can ask for a retention plan (fastholdelsesplan) that helps you stay in your job.")),
    "digital_followup": (lambda r: _("Follow-up by phone or video"), lambda r: (
        _("You can choose to have all your follow-up conversations by phone or video.")
        if "all" in r.sick.digital_first_followup_for else
        _("If you are sick-listed from a job, even your first follow-up can be by phone or video. After the first, you choose."))),
}


def _applies(key: str, rules: Rules, employment_status: str | None) -> bool:
    """A retention plan is about staying in a job: only for those the sick rules give an employer."""
    if key == "retention_plan" and rules.sick is not None:
        return employment_status in rules.sick.employer_period_for
    return True


def rights(rules: Rules, *, employment_status: str | None = None) -> list[Item]:
    return [Item(key, RIGHT_TEXTS[key][0](rules), RIGHT_TEXTS[key][1](rules))
            for key in rules.rights if key in RIGHT_TEXTS and _applies(key, rules, employment_status)]


def contact_summary(rules: Rules, followup: FollowupSchedule | None = None) -> str:
    """'In your first 6 months you have at least 4 conversations: 2 with your a-kasse and 2 with the jobcenter.'
    With the citizen's own follow-up schedule, its number (or that none are required)."""
    if followup is not None:
        if not followup.required:
            return _("You have no required conversations in your first 6 months. You can always ask for one.")
        return ngettext("In your first 6 months you have at least %(num)s conversation with the jobcenter.",
                        "In your first 6 months you have at least %(num)s conversations with the jobcenter.",
                        followup.count)
    total = rules.conversations_first_half_year
    by = {q.held_by: q.count for q in rules.contact}
    if "akasse" in by:
        return _("In your first 6 months you have at least %(total)s conversations: %(akasse)s with your a-kasse and %(jobcenter)s with the jobcenter.",
                 total=total, akasse=by["akasse"], jobcenter=by.get("jobcenter", 0))
    return ngettext("In your first 6 months you have at least %(num)s conversation with the jobcenter.",
                    "In your first 6 months you have at least %(num)s conversations with the jobcenter.", total)
