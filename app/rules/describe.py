"""The rules described for people: each aspect of a target group's rules as a value that can be
compared between rule sets, a plain-language description of it, and where it comes from.

One list (ASPECTS) serves three pages, so no text is written per group: what changes for a
citizen on a rule set's date (app/changes/), the caseworker's table of every group x rule x set
(/sagsbehandler/regler), and the "Læs mere" of each duty and right on Min Plan."""
from dataclasses import dataclass
from typing import Callable

from flask_babel import gettext as _
from flask_babel import ngettext

from . import format_policy
from .model import FIXED, KIND_FIRST, KIND_FOLLOWUP, KIND_FOLLOWUP_FIRST, KIND_JOB, Rules
from .sets import SOURCES


@dataclass(frozen=True)
class Source:
    text: str             # the legal or documentary source, as written in app/rules/sets.py
    setting: bool = False  # the municipality's (our) own choice where the sources are silent
    keys: tuple = ()       # the SOURCES keys and seed references it names

    def names(self) -> list[str]:
        """The sources in plain words, in the reader's language, for citizens."""
        found = []
        for key in self.keys:
            name = source_name(key)
            if name and name not in found:
                found.append(name)
        return found


# Plain names of the sources, for citizens (the caseworker's table shows the full reference).
SOURCE_NAMES = {
    "law_1655": lambda: _("Law no. 1655 of 30 December 2024 on the new kontanthjælp system"),
    "law_1750": lambda: _("Law no. 1750 of 29 December 2025, the reform of the employment effort"),
    "star_webinar_2026": lambda: _("The Danish Agency for Labour Market and Recruitment (STAR), on law no. 1750"),
    "star_reform_qa": lambda: _("The Danish Agency for Labour Market and Recruitment (STAR), on law no. 1750"),
    "sdp_13b": lambda: _("The Sickness Benefit Act (sygedagpengeloven), section 13 b"),
    "star_sdp_followup": lambda: _("The Danish Agency for Labour Market and Recruitment (STAR), on follow-up"),
    "sdp_13f": lambda: _("The Sickness Benefit Act (sygedagpengeloven), section 13 f"),
    "sdp_11": lambda: _("The Sickness Benefit Act (sygedagpengeloven), section 11"),
    "six_weeks": lambda: _("The Danish Agency for Labour Market and Recruitment (STAR), on six weeks' job-oriented training"),
    "dagpenge_absence": lambda: _("The a-kasser's guidance on absence"),
    "report_sick": lambda: _("The a-kasser's and Jobnet's guidance on reporting sick"),
    "sick_no_backdating": lambda: _("The a-kasser's guidance on reporting sick"),
    "sick_no_jobsearch": lambda: _("The a-kasser's guidance on reporting sick"),
    "holiday_14_days": lambda: _("The a-kasser's guidance on holiday"),
    "holiday_kontanthjaelp": lambda: _("The Active Social Policy Act (aktivloven), section 13"),
    "001": lambda: _("KL's proposal for a simpler employment law (2017)"),
    "002": lambda: _("Law no. 295 of 20 March 2023 on conversations by phone and video"),
    "003": lambda: _("The expert group's report on the future employment effort (2024)"),
    "LAB": lambda: _("The Active Employment Act (lov om en aktiv beskæftigelsesindsats)"),
    "DOMAIN.md": lambda: _("The municipality's own rules for Min Plan"),
}


def source_name(key: str) -> str | None:
    head = key.split(" ")[0].split(":")[0]
    name = SOURCE_NAMES.get(key) or SOURCE_NAMES.get(head)
    return name() if name else None


@dataclass(frozen=True)
class Aspect:
    key: str
    label: Callable[[], str]
    value: Callable[[Rules], object]          # comparable; None: the aspect does not apply
    describe: Callable[[Rules], str]
    source: Callable[[Rules], Source]


def _src(*keys: str, setting: bool = False, extra: str = "") -> Source:
    """Sources by their keys in SOURCES (the key itself when it is a seed reference)."""
    parts = [f"{key}: {SOURCES[key]}" if key in SOURCES else key for key in keys]
    return Source("; ".join(p for p in [*parts, extra] if p), setting, tuple(k for k in keys if k))


def _held_by(who: str) -> str:
    return _("your a-kasse") if who == "akasse" else _("the municipality")


def _weeks_or_days(days: int) -> str:
    if days % 7 == 0 and days >= 14:
        return ngettext("%(num)s week", "%(num)s weeks", days // 7)
    return ngettext("%(num)s day", "%(num)s days", days)


# ------------------------------------------------------------------ values and descriptions
def _contact_value(r: Rules):
    return tuple((q.held_by, q.count) for q in r.contact)


def _contact_text(r: Rules) -> str:
    total = r.conversations_first_half_year
    by = [ngettext("%(num)s with %(who)s", "%(num)s with %(who)s", q.count, who=_held_by(q.held_by)) for q in r.contact]
    text = ngettext("At least %(num)s conversation in the first 6 months", "At least %(num)s conversations in the first 6 months",
                    total)
    return f"{text}: {', '.join(by)}." if len(by) > 1 else _("%(text)s, with %(who)s.", text=text,
                                                                  who=_held_by(r.contact[0].held_by))


def _first_text(r: Rules) -> str:
    return _("Within %(time)s, held by %(who)s.", time=_weeks_or_days(r.first_conversation_days),
             who=_held_by(r.first_conversation_held_by))


MODE_TEXT = {"fixed": lambda: _("in person"), "choice": lambda: _("you choose: in person, phone or video"),
             "approval": lambda: _("in person; phone or video if the municipality agrees")}
KIND_TEXT = {KIND_FIRST: lambda: _("First conversation"), KIND_JOB: lambda: _("Later conversations"),
             KIND_FOLLOWUP_FIRST: lambda: _("First follow-up"), KIND_FOLLOWUP: lambda: _("Later follow-ups")}


def _format_kinds(r: Rules):
    return (KIND_FOLLOWUP_FIRST, KIND_FOLLOWUP) if r.sick is not None else (KIND_FIRST, KIND_JOB)


def _formats_value(r: Rules):
    # For the first follow-up: as it is for someone not sick-listed from a job (the stricter case).
    return tuple((kind, format_policy(r, kind, "unemployed").mode) for kind in _format_kinds(r))


def _formats_text(r: Rules) -> str:
    return " ".join(_("%(kind)s: %(how)s.", kind=KIND_TEXT[kind](), how=MODE_TEXT[mode]())
                    for kind, mode in _formats_value(r))


def _joblog_value(r: Rules):
    return None if r.joblog is None else (r.joblog.period, r.joblog.count)


def _joblog_text(r: Rules) -> str:
    if r.joblog is None:
        return _("No job-search requirement in the joblog.")
    if r.joblog.period == "week":
        return ngettext("%(num)s job application a week.", "%(num)s job applications a week.", r.joblog.count)
    return ngettext("%(num)s job application a month.", "%(num)s job applications a month.", r.joblog.count)


def _joblog_reminder_value(r: Rules):
    return None if r.joblog is None else (r.joblog.reminder_days_before, "joblog" in r.reminder_opt_out)


def _joblog_reminder_text(r: Rules) -> str:
    if r.joblog is None:
        return _("No joblog reminder.")
    text = ngettext("A reminder %(num)s day before the joblog deadline.",
                    "A reminder %(num)s days before the joblog deadline.", r.joblog.reminder_days_before)
    off = _("You can turn it off.")
    return f"{text} {off}" if "joblog" in r.reminder_opt_out else text


def _reminders_text(r: Rules) -> str:
    parts = []
    for delta in r.conversation_reminders:
        hours = int(delta.total_seconds() // 3600)
        parts.append(ngettext("%(num)s day", "%(num)s days", hours // 24) if hours % 24 == 0
                     else ngettext("%(num)s hour", "%(num)s hours", hours))
    return _("A reminder %(times)s before each conversation.", times=_(" and ").join(parts))


def _self_booking_value(r: Rules):
    return (r.self_booking, r.self_booking_min_days if r.self_booking else None)


def _self_booking_text(r: Rules) -> str:
    if not r.self_booking:
        return _("The municipality calls you to your conversations.")
    return ngettext("You book later conversations yourself, with at least %(num)s day to do it.",
                    "You book later conversations yourself, with at least %(num)s days to do it.", r.self_booking_min_days)


def _cv_text(r: Rules) -> str:
    if not r.cv_within_days:
        return _("No deadline for a CV.")
    return _("Your CV must be ready within %(time)s.", time=_weeks_or_days(r.cv_within_days))


def _offers_value(r: Rules):
    return (r.offers, r.first_offer_within_days, r.offer_in_first_half_year)


def _offers_text(r: Rules) -> str:
    if not r.offers:
        return _("No offers as part of the rules.")
    if r.offer_in_first_half_year:
        return _("As a rule an offer within the first 6 months.")
    if r.first_offer_within_days:
        return _("A right and duty to offers; the first within %(time)s.", time=_weeks_or_days(r.first_offer_within_days))
    return _("Offers as agreed in your plan.")


def _exemption_value(r: Rules):
    return None if r.exemption is None else (r.exemption.covers, r.exemption.max_share)


def _exemption_text(r: Rules) -> str:
    if r.exemption is None:
        return _("The municipality cannot exempt you from the required conversations or offers.")
    covers = " " + _("and") + " "
    what = covers.join(_("conversations") if c == "conversations" else _("offers") for c in r.exemption.covers)
    return _("The municipality may exempt up to %(share)s %% from %(what)s in the first 6 months.",
             share=round(r.exemption.max_share * 100), what=what)


def _sick_value(attr):
    return lambda r: None if r.sick is None else getattr(r.sick, attr)


def _info_form_text(r: Rules) -> str:
    return ngettext("Send the information form within %(num)s day.", "Send the information form within %(num)s days.",
                    r.sick.info_form_days) if r.sick else "–"


def _followups_value(r: Rules):
    return None if r.sick is None else (r.sick.first_followup_weeks, r.sick.followups_first_half_year)


def _followups_text(r: Rules) -> str:
    if r.sick is None:
        return "–"
    return ngettext("First follow-up before the end of week %(weeks)s; at least %(num)s follow-up in the first 6 months.",
                    "First follow-up before the end of week %(weeks)s; at least %(num)s follow-ups in the first 6 months.",
                    r.sick.followups_first_half_year, weeks=r.sick.first_followup_weeks)


def _late_form_text(r: Rules) -> str:
    if r.sick is None:
        return "–"
    if r.sick.late_form_gets_new_deadline:
        return _("A late information form gives you a new deadline.")
    return _("A late information form can stop sickness benefit from the deadline until the form arrives.")


def _return_text(r: Rules) -> str:
    if r.sick is None:
        return "–"
    if r.sick.no_required_if_return_within_weeks is None:
        return _("Employed: follow-up conversations whatever the expected return.")
    return _("Employed, and both you and your employer expect your return within %(num)s weeks: no required conversations.",
             num=r.sick.no_required_if_return_within_weeks)


def _reports_value(r: Rules):
    rep = r.reports
    return None if rep is None else (rep.sick, rep.holiday, rep.holiday_notice_days)


def _reports_text(r: Rules) -> str:
    rep = r.reports
    if rep is None:
        return _("No sick or holiday reports on Min Plan.")
    if rep.holiday == "notice":
        return ngettext("Report sick from the first day; report holiday at least %(num)s day before.",
                        "Report sick from the first day; report holiday at least %(num)s days before.",
                        rep.holiday_notice_days)
    return _("Report sick from the first day; agree a holiday with the municipality first.")


def _open_text(r: Rules) -> str:
    if r.closed_to_new_from is None:
        return _("Open to new citizens.")
    from ..i18n import fmt_date
    return _("Closed to new citizens from %(date)s; those already in it continue.", date=fmt_date(r.closed_to_new_from))


# ------------------------------------------------------------------ sources
def _contact_source(r: Rules) -> Source:
    if r.sick is not None:
        return _src("sdp_13b", "003 [L113]") if not r.rule_set.expected else _src("003 rec. 2.1-2.3, 5.1 [L1315-1523] (expected)")
    if r.rule_set.expected and r.track == "jobhjaelp":
        return _src("003 rec. 2.1-2.3 [L1315-1523] (expected)")
    if r.rule_set.key != "2024" and r.group == "dagpenge":
        return _src("law_1750", "star_reform_qa")
    return _src("003 [L62-161]")


def _first_source(r: Rules) -> Source:
    if r.group == "dagpenge":
        return _src("003 [L62-161]")
    if r.sick is not None:
        return _src("sdp_13b")
    if r.first_conversation_days == 7:
        return _src("003 [L62-161], [L410]")
    return _src("DOMAIN.md: within 2 weeks", setting=True)


def _joblog_source(r: Rules) -> Source:
    if r.joblog is None:
        return _src("003 [L793-800]; DOMAIN.md (groups further away have no joblog duty)", setting=True)
    if r.joblog.period == "month":
        return _src("003 rec. 3.2 [L3744-3777] (expected): monthly", setting=True,
                    extra="the count of 6 a month near STAR's benchmark of about 1.5 a week")
    return _src("DOMAIN.md joblog (pub): no national minimum; weekly, 2 by default", "LAB", setting=True)


def _joblog_reminder_source(r: Rules) -> Source:
    if r.joblog is not None and r.joblog.period == "month":
        return _src("003 rec. 3.2 [L3744-3777] (expected): a reminder a week before")
    return _src("DOMAIN.md: no national joblog reminder exists; ours, 2 days before", setting=True)


ASPECTS = (
    Aspect("open", lambda: _("Who can be placed in the group"), lambda r: r.closed_to_new_from, _open_text,
           lambda r: _src("law_1750") if r.closed_to_new_from and r.group in ("ressourceforloeb", "revalidering")
           else _src("law_1655") if r.group == "uddannelseshjaelp" else _src("003 rec. 2.1 (expected)")
           if r.closed_to_new_from else _src("LAB")),
    Aspect("first_conversation", lambda: _("First conversation"),
           lambda r: (r.first_conversation_days, r.first_conversation_held_by), _first_text, _first_source),
    Aspect("contact", lambda: _("Conversations in the first 6 months"), _contact_value, _contact_text, _contact_source),
    Aspect("formats", lambda: _("How conversations are held"), _formats_value, _formats_text,
           lambda r: _src("002 [L446-491, L613-677]", "003 rec. 2.9 [L1902-1928]" if r.sick else "")),
    Aspect("self_booking", lambda: _("Booking conversations"), _self_booking_value, _self_booking_text,
           lambda r: _src("DOMAIN.md self-booking (pub: STAR, at least 8 days)")),
    Aspect("conversation_reminders", lambda: _("Reminders before conversations"),
           lambda r: r.conversation_reminders, _reminders_text,
           lambda r: _src("003 rec. 3.3 [L3782-3822]", extra="the times 1 day and 2 hours before", setting=True)),
    Aspect("joblog", lambda: _("Job search in the joblog"), _joblog_value, _joblog_text, _joblog_source),
    Aspect("joblog_reminder", lambda: _("Joblog reminder"), _joblog_reminder_value, _joblog_reminder_text,
           _joblog_reminder_source),
    Aspect("cv", lambda: _("CV deadline"), lambda r: r.cv_within_days, _cv_text, lambda r: _src("003 [L2129]")),
    Aspect("offers", lambda: _("Offers"), _offers_value, _offers_text,
           lambda r: _src("law_1750", "star_webinar_2026") if r.offer_in_first_half_year else _src("003 [L266-342], [L410]")),
    Aspect("exemption", lambda: _("Exemption from conversations and offers"), _exemption_value, _exemption_text,
           lambda r: _src("law_1750", "star_webinar_2026", "star_reform_qa")),
    Aspect("info_form", lambda: _("Information form"), _sick_value("info_form_days"), _info_form_text,
           lambda r: _src("sdp_11")),
    Aspect("followups", lambda: _("Follow-up on sick leave"), _followups_value, _followups_text,
           lambda r: _src("sdp_13b", "star_sdp_followup") if not r.rule_set.expected
           else _src("003 rec. 2.1-2.3, 5.1 (expected)")),
    Aspect("late_form", lambda: _("A late information form"), _sick_value("late_form_gets_new_deadline"), _late_form_text,
           lambda r: _src("003 [L3031-3057]") if not (r.sick and r.sick.late_form_gets_new_deadline)
           else _src("003 rec. 3.4 [L3031-3057] (expected)")),
    Aspect("return_within", lambda: _("Expected back at work"), _sick_value("no_required_if_return_within_weeks"),
           _return_text, lambda r: _src("law_1750", "003 rec. 2.8 [L1834-1896]")),
    Aspect("reports", lambda: _("Sick and holiday reports"), _reports_value, _reports_text,
           lambda r: _src("holiday_14_days", "sick_no_backdating") if r.reports and r.reports.holiday == "notice"
           else _src("holiday_kontanthjaelp", "sick_no_backdating", setting=r.group not in (
               "kontanthjaelp_jobparat", "kontanthjaelp_aktivitetsparat", "kontanthjaelp_uddannelsesparat",
               "kontanthjaelp_aabenlyst_uddannelsesparat"))),
)
BY_KEY = {a.key: a for a in ASPECTS}


def applies(aspect: Aspect, *rules: Rules) -> bool:
    return any(aspect.value(r) is not None for r in rules)


def differences(before: Rules, after: Rules) -> list[Aspect]:
    """The aspects whose value differs between two rule sets of one group, in the list's order."""
    return [a for a in ASPECTS if a.value(before) != a.value(after)]


# Which aspect each duty and right on Min Plan comes from (app/plan/duties.py item keys).
ITEM_ASPECTS = {
    "info_form": "info_form", "followup": "followups", "joblog": "joblog", "cv": "cv",
    "conversations": "contact", "self_booking": "self_booking", "offers": "offers",
    "choose_format": "formats", "digital_followup": "formats",
}
# Items with a source of their own (rights, mostly), not one of the aspects above.
ITEM_SOURCES = {
    "availability": lambda r: _src("003 [L793-800], [L6185-6197]"),
    "changes": lambda r: _src("LAB (the citizen's duty to tell about changes)"),
    "conversation_on_request": lambda r: _src("003 [L117-133]"),
    "companion": lambda r: _src("002 [L580]"),
    "basic_skills_test": lambda r: _src("003 [L404-480]"),
    "offers_guidance": lambda r: _src("003 [L266-342]"),
    "job_training_6_weeks": lambda r: _src("six_weeks"),
    "retention_plan": lambda r: _src("003 rec. 5.4 [L7977-8023]"),
}


def item_source(key: str, rules: Rules) -> tuple[str | None, Source]:
    """(the label of the rule it comes from or None, its source) for a duty or right."""
    if key in ITEM_SOURCES:
        return (BY_KEY[ITEM_ASPECTS[key]].label() if key in ITEM_ASPECTS else None), ITEM_SOURCES[key](rules)
    aspect = BY_KEY.get(ITEM_ASPECTS.get(key, ""))
    if aspect is None:
        return None, Source("")
    return aspect.label(), aspect.source(rules)
