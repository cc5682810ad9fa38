"""Where a sick-listed citizen stands: the form's deadline, weeks on sickness benefit against the
limit, and the follow-up deadlines. Plain date arithmetic on the rules' numbers, no database.

Weeks are calendar weeks counted from a date, so public holidays and summer time do not move
them; a deadline the citizen must meet moves from a weekend or public holiday to the next
working day (DOMAIN.md), and a conversation the jobcenter must hold "before the end of week N"
moves back to the last working day on or before that week's end."""
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from math import ceil

from ..rules import SickRules
from ..workdays import next_working_day, working_day_on_or_before


def has_employer(employment_status: str | None, sick: SickRules) -> bool:
    """Someone sick-listed from a job: the statuses the rules give an employer period."""
    return employment_status in sick.employer_period_for


# ------------------------------------------------------------------ the information form
@dataclass(frozen=True)
class FormDeadline:
    sent_on: date
    original: date           # sent + info_form_days, on a working day
    deadline: date           # the deadline that applies now (a new one for a late form, where given)
    late: bool               # not sent back by the original deadline
    new_deadline: bool       # late, and the rules give a new deadline instead (expected 2027)

    @property
    def benefit_may_stop(self) -> bool:
        """Late under the law in force: sickness benefit may stop from the deadline until the
        form arrives (003 [L3031-3057]); the citizen is told so calmly, with the date."""
        return self.late and not self.new_deadline


def form_deadline(sent_on: date, today: date, sent_rules: SickRules, today_rules: SickRules,
                  submitted: bool = False) -> FormDeadline:
    """The deadline counts from the day the form was sent, by the rules in force that day
    (sygedagpengeloven § 11, stk. 3). A late form gets a new deadline (today's number of days at
    a time) only where today's rules say so: the expert group's rec. 3.4, expected in 2027."""
    original = next_working_day(sent_on + timedelta(days=sent_rules.info_form_days))
    late = not submitted and today > original
    deadline = original
    new = late and today_rules.late_form_gets_new_deadline
    if new:
        while deadline < today:
            deadline = next_working_day(deadline + timedelta(days=today_rules.info_form_days))
    return FormDeadline(sent_on, original, deadline, late, new)


# ------------------------------------------------------------------ weeks on sickness benefit
@dataclass(frozen=True)
class Standing:
    first_sick_day: date
    employer_days: int        # days the employer pays first; they do not count
    benefit_start: date       # the first day that counts
    counted_days: int         # days on sickness benefit so far
    limit_weeks: int
    limit_date: date          # the last day of the last week before the reassessment
    stopped_on: date | None   # full return to work: the count stopped the day before
    partial: bool             # partly back at work: the weeks still count
    warning_weeks: int
    akasse_weeks: int         # weeks the a-kasse pays an unemployed member first

    @property
    def started(self) -> bool:
        return self.counted_days > 0

    @property
    def week(self) -> int:
        """Which week on benefit the citizen is in: days 1-7 are week 1."""
        return ceil(self.counted_days / 7)

    @property
    def weeks_left(self) -> int:
        return max(self.limit_weeks - self.week, 0)

    @property
    def at_limit(self) -> bool:
        return self.counted_days >= self.limit_weeks * 7

    @property
    def near_limit(self) -> bool:
        return self.stopped_on is None and self.week >= self.limit_weeks - self.warning_weeks


def standing(first_sick_day: date, employment_status: str | None, today: date, sick: SickRules, *,
             full_return_on: date | None = None, partial: bool = False) -> Standing:
    """Partial sick-listing still counts whole weeks; a full return stops the count the day before."""
    employer_days = sick.employer_period_days if has_employer(employment_status, sick) else 0
    benefit_start = first_sick_day + timedelta(days=employer_days)
    last = today
    stopped = None
    if full_return_on is not None and full_return_on <= today:
        last = min(today, full_return_on - timedelta(days=1))
        stopped = full_return_on
    counted = max(0, (last - benefit_start).days + 1)
    limit_date = benefit_start + timedelta(weeks=sick.benefit_limit_weeks) - timedelta(days=1)
    akasse = sick.akasse_pays_weeks if employment_status in sick.akasse_pays_for else 0
    return Standing(first_sick_day, employer_days, benefit_start, counted, sick.benefit_limit_weeks,
                    limit_date, stopped, partial and stopped is None, sick.limit_warning_weeks, akasse)


# ------------------------------------------------------------------ follow-up deadlines
def followup_deadline(first_sick_day: date, number: int, count: int, sick: SickRules) -> date:
    """The deadline for the `number`th required follow-up: the first before the end of week
    `first_followup_weeks`, the rest placed by the rules' spacing up to `followup_period_weeks`."""
    if sick.followup_spacing != "even":
        raise ValueError(f"unknown follow-up spacing {sick.followup_spacing!r}")
    weeks = sick.first_followup_weeks
    if number > 1 and count > 1:
        weeks += ceil((sick.followup_period_weeks - sick.first_followup_weeks) * (number - 1) / (count - 1))
    return working_day_on_or_before(first_sick_day + timedelta(weeks=weeks) - timedelta(days=1))


@lru_cache(maxsize=4096)
def _deadlines(first_sick_day: date, sick: SickRules) -> tuple:
    count = sick.followups_first_half_year
    return tuple(followup_deadline(first_sick_day, n, count, sick) for n in range(1, count + 1))


# How long each answer to "How long do you expect to be ill?" lasts at most, in weeks (None:
# longer than the half-year, or not known). The rules' fixed_count_if_expected_over_weeks is
# compared with it: only a case expected to last longer has the fixed count of follow-ups.
EXPECTED_WEEKS = {"under_4_weeks": 4, "4_to_8_weeks": 8, "2_to_6_months": 26, "over_6_months": None,
                  "dont_know": None}


def expected_short(expected_duration: str | None, sick: SickRules) -> bool:
    """The citizen expects to be back within the weeks below which the municipality decides."""
    weeks = EXPECTED_WEEKS.get(expected_duration or "")
    return weeks is not None and weeks <= sick.fixed_count_if_expected_over_weeks


@dataclass(frozen=True)
class Schedule:
    required: bool
    # Why none are required: "returned" (back at work), "return_within" (both citizen and
    # employer expect a return in time), "municipality_decides" (a short case).
    reason: str | None
    count: int                # required in the first half-year
    held: int
    first_deadline: date
    deadlines: tuple
    first_only: bool = False  # a predictable course: only the first conversation is required

    @property
    def next_deadline(self) -> date | None:
        if not self.required or self.held >= self.count:
            return None
        return self.deadlines[self.held]

    @property
    def next_number(self) -> int | None:
        return self.held + 1 if self.next_deadline else None

    def overdue(self, today: date, booked_before_deadline: bool) -> bool:
        return self.next_deadline is not None and self.next_deadline < today and not booked_before_deadline


def schedule(first_sick_day: date, employment_status: str | None, today: date, sick: SickRules, *,
             held: int, return_within: str | None = None, employer_return_within: str | None = None,
             full_return_on: date | None = None, expected_duration: str | None = None,
             predictable: bool = False) -> Schedule:
    """The required follow-ups (sygedagpengeloven § 13 b, § 13 f). None after a full return; none
    for someone with a job when both they and the employer expect a return within the rules'
    weeks (from 1 July 2026; if either does not, the follow-up applies); none fixed in a case
    expected to be short (the municipality decides, and may follow up digitally only); only the
    first for an employed citizen with a predictable course the caseworker has recorded."""
    count = sick.followups_first_half_year
    deadlines = _deadlines(first_sick_day, sick)
    reason = None
    first_only = False
    if full_return_on is not None and full_return_on <= today:
        reason = "returned"
    elif (sick.no_required_if_return_within_weeks is not None and has_employer(employment_status, sick)
          and return_within == "yes" and employer_return_within == "yes"):
        reason = "return_within"
    elif expected_short(expected_duration, sick):
        reason = "municipality_decides"
    elif predictable and sick.first_only_if_back_within_weeks is not None and employment_status in sick.first_only_for:
        first_only = True
        count, deadlines = 1, deadlines[:1]
    return Schedule(reason is None, reason, count, held, deadlines[0], deadlines, first_only)


def after_return(starts_on: date, full_return_on: date | None) -> bool:
    """A follow-up booked for the day of a registered full return or later: no longer required,
    so the caseworker decides whether to cancel or keep it."""
    return full_return_on is not None and starts_on >= full_return_on
