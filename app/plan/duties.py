"""The citizen's duties and rights in plain language, generated from the rules.

No number is written here: each sentence takes its figures from the citizen's Rules, so a
new rule set changes the text by itself (DOMAIN.md: tone; SCREENS.md: "Dine pligter")."""
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext

from ..conversations.texts import ONLY_HOW_TO_CANCEL, absence_consequence
from ..i18n import fmt_date
from ..labels import CONTACT_EXEMPTION_REASONS, label
from ..rules import Rules
from .texts import joblog_consequence, self_booking_consequence


@dataclass(frozen=True)
class Item:
    key: str
    title: str
    text: str


@dataclass(frozen=True)
class FollowupSchedule:
    """One citizen's own follow-up schedule, from the area that keeps it (registered with
    @followup_source), so the duties do not promise conversations the citizen does not have."""
    required: bool                # False: no fixed follow-ups (back at work, expected back in time, a short case)
    count: int                    # required follow-ups in the first half-year
    held: int
    next_deadline: date | None
    reason: str | None = None     # why none are fixed: "returned", "return_within", "municipality_decides"
    first_only: bool = False      # a predictable course: only the first conversation is required


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
    if followup is not None and followup.reason == "municipality_decides":
        return Item("followup", _("Follow-up on your sick leave"), _(
            "You expect to be back at work within %(num)s weeks. Then the municipality decides how it follows up with you, and it may be digital only. You can always ask for a conversation.",
            num=rules.sick.fixed_count_if_expected_over_weeks))
    if followup is not None and not followup.required:
        return Item("followup", _("Follow-up conversations"), _(
            "You have no required follow-up conversations. You can always ask for one."))
    if followup is not None and followup.first_only and followup.held and followup.next_deadline is None:
        return Item("followup", _("Take part in follow-up"), _(
            "Only your first follow-up conversation was required, because you are expected back at work soon. The municipality follows up on your return."))
    if followup is not None and followup.held and followup.next_deadline:
        return Item("followup", _("Take part in follow-up"), _(
            "Your next follow-up conversation must be held no later than %(date)s.",
            date=fmt_date(followup.next_deadline, "weekday_date")))
    if followup is not None and followup.held and followup.next_deadline is None:
        return Item("followup", _("Take part in follow-up"), _(
            "You have had the follow-up conversations of your first half-year. From now on you and your caseworker agree when to talk."))
    return Item("followup", _("Take part in follow-up"), _(
        "The municipality follows up on your sick leave. If you are expected to be ill for more than %(over)s weeks, your first follow-up conversation is before the end of week %(weeks)s of your sick leave.",
        over=rules.sick.fixed_count_if_expected_over_weeks, weeks=rules.sick.first_followup_weeks))


def _consequence(rules: Rules, followup: FollowupSchedule | None) -> str:
    """What staying away means, by the rules' code: for a sick-listed citizen nothing of the kind
    before the first follow-up is held (003 rec. 3.5), plain guidance after it."""
    code = rules.absence_consequence
    if rules.absence_consequence_after_first_followup and followup is not None and followup.held:
        code = rules.absence_consequence_after_first_followup
    return "" if code in ONLY_HOW_TO_CANCEL else absence_consequence(code)


def _reason_of(exemption) -> str:
    """The reason the citizen reads: the caseworker's note stands for "another reason"."""
    if exemption.reason == "other" and exemption.note:
        return exemption.note
    return label(CONTACT_EXEMPTION_REASONS, exemption.reason)


def _conversations_item(rules: Rules, followup, exemption) -> Item:
    if exemption is not None and exemption.covers_kind("conversations"):
        text = _("The municipality has decided that you do not need the planned conversations with the municipality from %(start)s to %(end)s. Reason: %(reason)s. You can still ask for a conversation, and if you are called to one, you must come.",
                 start=fmt_date(exemption.from_date), end=fmt_date(exemption.to_date),
                 reason=_reason_of(exemption))
        if any(q.held_by == "akasse" for q in rules.contact):
            text += " " + _("Your a-kasse decides about its own conversations.")
        return Item("conversations", _("Conversations with the municipality"), text)
    # The reason, not the timing of a cancellation, makes absence lawful (DOMAIN.md).
    text = _("Come to your conversations, by phone, video or in person. If you cannot come, tell us as soon as you know, and tell us why. A valid reason, such as illness, work or a job interview, makes your absence lawful.")
    consequence = _consequence(rules, followup)
    return Item("conversations", _("Attend your conversations"), f"{text} {consequence}" if consequence else text)


def _offers_item(rules: Rules, exemption) -> Item:
    if exemption is not None and exemption.covers_kind("offers"):
        return Item("offers", _("Offers"), _(
            "The municipality has decided that you do not need an offer from %(start)s to %(end)s. Reason: %(reason)s. If you would like one anyway, tell the municipality.",
            start=fmt_date(exemption.from_date), end=fmt_date(exemption.to_date),
            reason=_reason_of(exemption)))
    text = _("Take part in the activities and offers in your plan. If something gets in the way, contact the municipality.")
    if rules.offer_in_first_half_year:
        # law no. 1750: an offer within the first 6 months, for at least three in four.
        text = _("In your first 6 months the municipality will as a rule give you an offer, for example a course or a work placement. The municipality may decide that you do not need one.") + " " + text
    elif rules.first_offer_within_days:
        text = ngettext("You have a right and a duty to take part in offers, for example a course or a work placement. The first one starts within %(num)s day.",
                        "You have a right and a duty to take part in offers, for example a course or a work placement. The first one starts within %(num)s days.",
                        rules.first_offer_within_days) + " " + text
    return Item("offers", _("Take part in agreed activities"), text)


def duties(rules: Rules, *, joblog_status=None, followup: FollowupSchedule | None = None,
           exemption=None) -> list[Item]:
    """The duties of the citizen's rules, with their own follow-up schedule and any exemption
    from the contact course (app/plan/exemptions.py)."""
    items = []
    if rules.sick is not None:
        items.append(Item("info_form", _("Fill in the information form"), ngettext(
            "Send the information form about your sick leave within %(num)s day of when it was sent to you.",
            "Send the information form about your sick leave within %(num)s days of when it was sent to you.",
            rules.sick.info_form_days)))
        items.append(_followup_item(rules, followup))
    if joblog_status is not None:
        req = joblog_status.requirement
        text = ngettext(
            "Register at least %(num)s job application %(period)s in your joblog. The next deadline is %(deadline)s.",
            "Register at least %(num)s job applications %(period)s in your joblog. The next deadline is %(deadline)s.",
            req.count, period=_period_word(req.period), deadline=fmt_date(joblog_status.period.deadline, "day"))
        if rules.joblog_consequence:
            text += " " + joblog_consequence(rules.joblog_consequence)
        items.append(Item("joblog", _("Register your job search"), text))
    if rules.cv_within_days:
        items.append(Item("cv", _("Keep your CV up to date"), ngettext(
            "Your CV must be ready within %(num)s day of registering as unemployed, and kept up to date.",
            "Your CV must be ready within %(num)s days of registering as unemployed, and kept up to date.",
            rules.cv_within_days)))
    if rules.availability:
        items.append(Item("availability", _("Be available for work"), _(
            "You must be able to take a job or start an offer at short notice. Tell us if you go on holiday or cannot work for a while.")))
    items.append(_conversations_item(rules, followup, exemption))
    if rules.self_booking:
        text = ngettext(
            "When the municipality asks you to book a conversation, choose a time before the deadline. You always get at least %(num)s day.",
            "When the municipality asks you to book a conversation, choose a time before the deadline. You always get at least %(num)s days.",
            rules.self_booking_min_days)
        if rules.self_booking_consequence:
            text += " " + self_booking_consequence(rules.self_booking_consequence)
        items.append(Item("self_booking", _("Book your conversations yourself"), text))
    if rules.offers:
        items.append(_offers_item(rules, exemption))
    items.append(Item("changes", _("Tell us about changes"), _(
        "Tell the municipality if your situation changes, for example a new job, illness or a move.")))
    return items


RIGHT_TEXTS = {
    "conversation_on_request": (lambda r: _("Ask for a conversation"), lambda r: _(
        "You can always ask for a conversation with the municipality, also outside the planned ones.")),
    "companion": (lambda r: _("Bring a companion"), lambda r: _(
        "You may bring a companion (bisidder) to every conversation, also by phone or video.")),
    "choose_format": (lambda r: _("Choose how you meet"), lambda r: _(
        "After your first conversation you choose whether a conversation is in person, by phone or by video.")),
    "basic_skills_test": (lambda r: _("Reading, writing and maths test"), lambda r: _(
        "You can ask to be tested in reading, writing and maths, and get teaching if you need it.")),
    "offers_guidance": (lambda r: _("Guidance and upskilling"), lambda r: _(
        "You can ask for guidance and short courses that bring you closer to a job.")),
    # six_weeks (app/rules/sets.py SOURCES): who, which courses, and who grants it.
    "job_training_6_weeks": (lambda r: _("Six weeks of job-oriented training"), lambda r: _(
        "If you are unskilled or skilled, or have a short higher education as well as a vocational one, you can ask your a-kasse for up to 6 weeks of job-oriented training. The courses must be on the national positive list. Your a-kasse decides whether you have the right and when you can start.")),
    "retention_plan": (lambda r: _("A retention plan"), lambda r: _(
        "You or your employer can ask for a retention plan (fastholdelsesplan) that helps you stay in your job.")),
    "digital_followup": (lambda r: _("Follow-up by phone or video"), lambda r: (
        _("You can choose to have all your follow-up conversations by phone or video.")
        if "all" in r.sick.digital_first_followup_for else
        _("If you are sick-listed from a job, even your first follow-up can be by phone or video. After the first, you choose."))),
}


def _applies(key: str, rules: Rules, employment_status: str | None, returned: bool = False) -> bool:
    """A retention plan is about staying in a job while ill: only for those the sick rules give an
    employer, and not once they are fully back at work."""
    if key == "retention_plan" and rules.sick is not None:
        return employment_status in rules.sick.employer_period_for and not returned
    return True


def rights(rules: Rules, *, employment_status: str | None = None, returned: bool = False) -> list[Item]:
    return [Item(key, RIGHT_TEXTS[key][0](rules), RIGHT_TEXTS[key][1](rules))
            for key in rules.rights if key in RIGHT_TEXTS and _applies(key, rules, employment_status, returned)]


def contact_summary(rules: Rules, followup: FollowupSchedule | None = None, exemption=None) -> str:
    """'In your first 6 months you have at least 4 conversations: 2 with your a-kasse and 2 with the municipality.'
    With the citizen's own follow-up schedule, its number (or that none are fixed); with an
    exemption, that; where the rules let the municipality exempt, that it may need fewer."""
    if followup is not None:
        if followup.reason == "municipality_decides":
            return _("The municipality decides how it follows up on your sick leave. You can always ask for a conversation.")
        if not followup.required:
            return _("You have no required conversations in your first 6 months. You can always ask for one.")
        return ngettext("In your first 6 months you have at least %(num)s conversation with the municipality.",
                        "In your first 6 months you have at least %(num)s conversations with the municipality.",
                        followup.count)
    if exemption is not None and exemption.covers_kind("conversations"):
        return _("The municipality has decided that you do not need the planned conversations from %(start)s to %(end)s.",
                 start=fmt_date(exemption.from_date), end=fmt_date(exemption.to_date))
    total = rules.conversations_first_half_year
    by = {q.held_by: q.count for q in rules.contact}
    if "akasse" in by:
        text = _("In your first 6 months you have at least %(total)s conversations: %(akasse)s with your a-kasse and %(jobcenter)s with the municipality.",
                 total=total, akasse=by["akasse"], jobcenter=by.get("jobcenter", 0))
    else:
        text = ngettext("In your first 6 months you have at least %(num)s conversation with the municipality.",
                        "In your first 6 months you have at least %(num)s conversations with the municipality.", total)
    if rules.exemption is not None and "conversations" in rules.exemption.covers:
        # law no. 1750: up to one in four may be exempted, so "at least" is not a promise to each.
        text += " " + (_("Your a-kasse and the municipality may decide that you need fewer.") if "akasse" in by
                       else _("The municipality may decide that you need fewer."))
    return text
