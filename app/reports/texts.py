"""What each report means for the benefit, keyed by codes from the rules (Rules.reports), never
by target group. Each text says no more than the law gives (app/rules/sets.py SOURCES)."""
from flask_babel import lazy_gettext as _l

# reports.sick_meaning -> what reporting sick means (sick_no_backdating, sick_no_jobsearch).
SICK_MEANINGS = {
    "akasse_decides": _l(
        "While you are ill, you do not have to look for jobs or come to conversations. Your a-kasse decides "
        "whether you get dagpenge while you are ill, and if you are ill for a longer time, you may need to "
        "apply for sickness benefit from the municipality instead. Report sick on your first day of illness: "
        "a sick report cannot be made back in time."),
    "municipality_decides": _l(
        "While you are ill, you do not have to look for jobs or come to conversations and offers. The "
        "municipality decides whether you keep your benefit while you are ill, and may ask you for a "
        "doctor's note. Report sick on your first day of illness."),
}

# reports.holiday_meaning -> what a holiday report means (holiday_14_days, holiday_kontanthjaelp).
HOLIDAY_MEANINGS = {
    "notice_akasse": _l(
        "Report your holiday at least %(days)s days before it starts. Then the municipality does not call you "
        "to conversations or offers in your holiday. A conversation you were called to before you reported "
        "the holiday still stands. Whether you get holiday dagpenge (feriedagpenge) is for your a-kasse to "
        "decide: apply to them."),
    "agree_first": _l(
        "A holiday must be agreed with the municipality before it starts. Your report is a request: until the "
        "municipality has agreed to it, you must be available and come to conversations and offers as usual. "
        "Whether you keep your benefit during the holiday depends on your situation, for example how long you "
        "have received it. The municipality tells you."),
}

# Rules.sick_report -> what else a citizen reporting sick here must do (report_sick, sick_no_backdating):
# dagpenge recipients report sick on Jobnet, which tells the a-kasse; this report tells the municipality.
SICK_ALSO = {
    "jobnet_first_day": _l(
        "This report tells the municipality. Report sick on Jobnet too, on your first day of illness, and "
        "fit again there when you are well: that is how your a-kasse is told."),
}

FIT_MEANING = _l(
    "From the day you are fit again, you must be available for work, look for jobs as agreed and come to "
    "your conversations again.")


def sick_meaning(code: str) -> str:
    return str(SICK_MEANINGS.get(code, SICK_MEANINGS["municipality_decides"]))


def holiday_meaning(code: str, days: int) -> str:
    text = HOLIDAY_MEANINGS.get(code, HOLIDAY_MEANINGS["agree_first"])
    return str(text) % {"days": days} if "%(days)s" in str(text) else str(text)


def sick_also(code: str | None) -> str:
    return str(SICK_ALSO[code]) if code in SICK_ALSO else ""
