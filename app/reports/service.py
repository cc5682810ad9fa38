"""The citizen's reports: checked against the rules of the citizen's group on the day, written
in one transaction with the audit entry and the form's one-time key, so a double submit acts once."""
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from .. import audit, clock, idempotency
from ..errors import UserError
from ..i18n import fmt_date
from ..rules import rules_for
from . import queries

KINDS = ("sick", "holiday")


class ReportError(UserError):
    """A refusal the citizen should read; `field` names the form field it belongs to, if any."""


class NotAllowed(ReportError):
    def __init__(self):
        super().__init__(_l("You cannot make this report on Min Plan. Contact the municipality."))


@dataclass(frozen=True)
class Result:
    report_id: int
    at: str            # when it was registered (UTC text)
    repeated: bool = False


def report_rules(citizen: dict, today: date | None = None):
    """The citizen's ReportRules on `today`, or None when their group reports nothing here."""
    return rules_for(citizen["target_group"], today or clock.today()).reports


def allowed(citizen: dict, kind: str, today: date | None = None) -> bool:
    rules = report_rules(citizen, today)
    if rules is None:
        return False
    return rules.sick if kind in ("sick", "fit") else rules.holiday is not None


def _actor(citizen) -> str:
    return f"citizen:{citizen['id']}"


def _end(report: dict) -> date:
    return date.fromisoformat(report["to_date"]) if report["to_date"] else date.max


def _describe(report: dict) -> str:
    start = fmt_date(report["from_date"], "weekday_date")
    if report["kind"] == "sick":
        if report["to_date"]:
            return str(_l("sick from %(start)s to %(end)s", start=start, end=fmt_date(report["to_date"], "weekday_date")))
        return str(_l("sick from %(start)s", start=start))
    return str(_l("holiday from %(start)s to %(end)s", start=start, end=fmt_date(report["to_date"], "weekday_date")))


def _check_overlap(db, citizen: dict, start: date, end: date, field: str) -> None:
    for report in queries.active_for_citizen(db, citizen["id"]):
        if date.fromisoformat(report["from_date"]) <= end and start <= _end(report):
            raise ReportError(_l("You have already reported %(report)s. The periods cannot overlap.",
                                 report=_describe(report)), field)


def _audit(db, citizen, action, report_id, before=None, after=None):
    audit.record(db, actor_type="citizen", actor_id=citizen["id"], action=action, entity="absence_report",
                 entity_id=report_id, citizen_id=citizen["id"], municipality_id=citizen["municipality_id"],
                 before=before, after=after)


def _result(done: idempotency.Done) -> Result:
    """The report's receipt; a repeated submission gets the first one's (older keys stored none)."""
    result = done.result or {}
    return Result(result.get("report_id", 0), result.get("at", ""), done.repeated)


def check_sick(db, citizen: dict, from_date: date, today: date) -> None:
    rules = report_rules(citizen, today)
    if rules is None or not rules.sick:
        raise NotAllowed()
    first = today - timedelta(days=rules.sick_back_days)
    last = today + timedelta(days=rules.sick_ahead_days)
    if from_date < first:
        raise ReportError(_l("A sick report cannot be made back in time. Enter %(first)s or later. If you were "
                             "ill earlier, call the municipality.", first=fmt_date(first, "weekday_date")), "from_date")
    if from_date > last:
        raise ReportError(_l("You can report sick at most %(num)s days ahead, so no later than %(last)s.",
                             num=rules.sick_ahead_days, last=fmt_date(last, "weekday_date")), "from_date")
    if queries.open_sick(db, citizen["id"]) is not None:
        raise ReportError(_l("You are already reported sick. Report that you are fit again first."), "from_date")
    # A sick report runs until the citizen is fit again: it may not begin inside another report.
    _check_overlap(db, citizen, from_date, from_date, "from_date")


def report_sick(db, *, citizen: dict, from_date: date, key: str, today: date | None = None) -> Result:
    today = today or clock.today()
    at = clock.to_db(clock.now())
    rule_set = rules_for(citizen["target_group"], today).rule_set.key

    def work():
        check_sick(db, citizen, from_date, today)
        report_id = queries.insert(db, citizen_id=citizen["id"], municipality_id=citizen["municipality_id"],
                                   kind="sick", from_date=from_date.isoformat(), to_date=None,
                                   status="registered", rule_set=rule_set, at=at)
        _audit(db, citizen, "report_sick", report_id, after={"from_date": from_date.isoformat(),
                                                            "registered_at": at})
        return {"report_id": report_id, "at": at}
    return _result(idempotency.once(db, key, _actor(citizen), "report_sick", work))


def check_fit(db, citizen: dict, fit_on: date, today: date) -> dict:
    rules = report_rules(citizen, today)
    if rules is None or not rules.sick:
        raise NotAllowed()
    sick = queries.open_sick(db, citizen["id"])
    if sick is None:
        raise ReportError(_l("You are not reported sick, so there is nothing to report fit from."), "fit_on")
    first = date.fromisoformat(sick["from_date"]) + timedelta(days=1)
    if fit_on < first:
        raise ReportError(_l("The first day you are fit must be after your first day of illness, so %(first)s or later.",
                             first=fmt_date(first, "weekday_date")), "fit_on")
    if fit_on > today:
        raise ReportError(_l("Report that you are fit on the day you are well again, not ahead of time."), "fit_on")
    return sick


def report_fit(db, *, citizen: dict, fit_on: date, key: str, today: date | None = None) -> Result:
    today = today or clock.today()
    at = clock.to_db(clock.now())

    def work():
        sick = check_fit(db, citizen, fit_on, today)
        to_date = (fit_on - timedelta(days=1)).isoformat()
        queries.close_sick(db, sick["id"], to_date, at)
        _audit(db, citizen, "report_fit", sick["id"], before={"to_date": None},
               after={"to_date": to_date, "fit_on": fit_on.isoformat(), "fit_reported_at": at})
        return {"report_id": sick["id"], "at": at}
    return _result(idempotency.once(db, key, _actor(citizen), "report_fit", work))


def earliest_holiday(citizen: dict, today: date | None = None) -> date | None:
    """The first day a holiday reported today may start (the rules' notice), None without holiday reports."""
    today = today or clock.today()
    rules = report_rules(citizen, today)
    if rules is None or rules.holiday is None:
        return None
    return today + timedelta(days=rules.holiday_notice_days)


def check_holiday(db, citizen: dict, from_date: date, to_date: date, today: date) -> None:
    rules = report_rules(citizen, today)
    if rules is None or rules.holiday is None:
        raise NotAllowed()
    if to_date < from_date:
        raise ReportError(_l("The last day of your holiday cannot be before the first day."), "to_date")
    earliest = today + timedelta(days=rules.holiday_notice_days)
    if from_date < earliest:
        if rules.holiday_notice_days:
            raise ReportError(_l("A holiday must be reported at least %(num)s days before it starts, so the first "
                                 "day can be %(earliest)s at the earliest. If you need a holiday sooner, contact "
                                 "the municipality and your a-kasse.", num=rules.holiday_notice_days,
                                 earliest=fmt_date(earliest, "weekday_date")), "from_date")
        raise ReportError(_l("The first day of your holiday cannot be in the past."), "from_date")
    last = today + timedelta(days=rules.holiday_ahead_days)
    if from_date > last:
        raise ReportError(_l("You can report a holiday at most %(num)s days ahead, so starting no later than %(last)s.",
                             num=rules.holiday_ahead_days, last=fmt_date(last, "weekday_date")), "from_date")
    if (to_date - from_date).days + 1 > rules.holiday_max_days:
        raise ReportError(_l("One report can cover at most %(num)s days. For a longer holiday, contact the municipality.",
                             num=rules.holiday_max_days), "to_date")
    _check_overlap(db, citizen, from_date, to_date, "from_date")


def report_holiday(db, *, citizen: dict, from_date: date, to_date: date, key: str,
                   today: date | None = None) -> Result:
    today = today or clock.today()
    at = clock.to_db(clock.now())
    rules = rules_for(citizen["target_group"], today)

    def work():
        check_holiday(db, citizen, from_date, to_date, today)
        status = "registered" if rules.reports.holiday == "notice" else "requested"
        report_id = queries.insert(db, citizen_id=citizen["id"], municipality_id=citizen["municipality_id"],
                                   kind="holiday", from_date=from_date.isoformat(), to_date=to_date.isoformat(),
                                   status=status, rule_set=rules.rule_set.key, at=at)
        _audit(db, citizen, "report_holiday", report_id,
               after={"from_date": from_date.isoformat(), "to_date": to_date.isoformat(), "status": status,
                      "registered_at": at})
        return {"report_id": report_id, "at": at}
    return _result(idempotency.once(db, key, _actor(citizen), "report_holiday", work))


def decide_holiday(db, *, caseworker, report: dict, agreed: bool, note: str | None, key: str) -> Result:
    """The municipality's answer to a holiday request; the citizen reads it on Min Plan."""
    at = clock.to_db(clock.now())
    status = "agreed" if agreed else "not_agreed"

    def work():
        if queries.decide(db, report["id"], status, caseworker.id, note or None, at) == 0:
            raise ReportError(_l("This holiday has already been answered."))
        audit.record(db, actor_type="caseworker", actor_id=caseworker.id, action="decide_holiday",
                     entity="absence_report", entity_id=report["id"], citizen_id=report["citizen_id"],
                     municipality_id=report["municipality_id"], before={"status": "requested"},
                     after={"status": status, "note": note or None})
        return {"report_id": report["id"], "at": at}
    return _result(idempotency.once(db, key, f"caseworker:{caseworker.id}", f"decide_holiday:{report['id']}", work))


def conversations_during(db, report: dict) -> list[dict]:
    """Booked conversations inside the report's period (Copenhagen days)."""
    start = clock.to_db(clock.local_datetime(date.fromisoformat(report["from_date"]), 0, 0))
    end = None
    if report["to_date"]:
        after = date.fromisoformat(report["to_date"]) + timedelta(days=1)
        end = clock.to_db(clock.local_datetime(after, 0, 0))
    return queries.booked_conversations_between(db, report["citizen_id"], start, end)


def current_reports(db, citizen: dict, today: date | None = None) -> list[dict]:
    """Reports that stand and have not ended before today, oldest first."""
    today = today or clock.today()
    return [r for r in queries.active_for_citizen(db, citizen["id"]) if _end(r) >= today]


def joblog_pauses(db, citizen: dict, first: date, last: date):
    """A function (start, end) -> bool for the periods within [first, last]: True when the period
    lies wholly inside one report in force whose kind the rules of the period's last day let pause
    the joblog (Rules.reports.joblog_paused_by). One query for all the periods."""
    reports = queries.covering(db, citizen["id"], KINDS, first.isoformat(), last.isoformat())

    def paused(start: date, end: date) -> bool:
        if not reports:
            return False
        rules = rules_for(citizen["target_group"], end).reports
        if rules is None:
            return False
        return any(r["kind"] in rules.joblog_paused_by and date.fromisoformat(r["from_date"]) <= start
                   and _end(r) >= end for r in reports)
    return paused


def joblog_paused(db, citizen: dict, start: date, end: date) -> bool:
    return joblog_pauses(db, citizen, start, end)(start, end)
