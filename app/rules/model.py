"""The shapes of the rules: frozen dataclasses, so a rule set cannot be changed at run time."""
from dataclasses import dataclass, field
from datetime import date, timedelta

FORMATS = ("in_person", "phone", "video")

# Kinds of conversation a format policy is given for.
KIND_FIRST = "first"                    # the first conversation of a contact course
KIND_CV = "cv"                          # the a-kasse's CV conversation (dagpenge)
KIND_JOB = "job"                        # a later job conversation
KIND_JOINT = "joint"                    # joint conversation with the a-kasse
KIND_FOLLOWUP_FIRST = "followup_first"  # a sick-listed citizen's first follow-up
KIND_FOLLOWUP = "followup"              # later follow-ups
KINDS = (KIND_FIRST, KIND_CV, KIND_JOB, KIND_JOINT, KIND_FOLLOWUP_FIRST, KIND_FOLLOWUP)

FIXED, CHOICE, APPROVAL = "fixed", "choice", "approval"


@dataclass(frozen=True)
class FormatPolicy:
    """`fixed`: one format; `choice`: the citizen's pick takes effect at once;
    `approval`: a wish is a request a caseworker decides (DOMAIN.md, formats)."""
    mode: str
    formats: tuple[str, ...] = FORMATS
    default: str = "in_person"

    def allows(self, fmt: str) -> bool:
        return fmt in self.formats


@dataclass(frozen=True)
class ContactQuota:
    """`count` conversations held by `held_by` between week `from_week` and `to_week` of the course."""
    held_by: str
    count: int
    from_week: int
    to_week: int


@dataclass(frozen=True)
class JoblogRule:
    period: str            # "week" or "month"
    count: int             # default entries per period; a caseworker may set another per citizen
    reminder_days_before: int


@dataclass(frozen=True)
class SickRules:
    info_form_days: int
    first_followup_weeks: int
    followups_first_half_year: int
    # Employment statuses whose first follow-up may be by phone or video; "all" for everyone.
    digital_first_followup_for: frozenset
    # Employed citizens expected back within this many weeks have no required conversations.
    no_required_if_return_within_weeks: int | None
    benefit_limit_weeks: int
    benefit_limit_window_months: int
    akasse_pays_weeks: int
    late_form_gets_new_deadline: bool
    # Days the employer pays at the start of sick leave from a job (arbejdsgiverperioden), for
    # these employment statuses; they do not count towards benefit_limit_weeks.
    employer_period_days: int = 30
    employer_period_for: frozenset = frozenset({"employed"})
    # The caseworker's follow-up queue lists a citizen this many weeks before the limit.
    limit_warning_weeks: int = 4
    # The required follow-ups fall within this many weeks from the first day of absence.
    followup_period_weeks: int = 26
    # How follow-ups 2..n are placed between the first deadline and the period's end; only
    # "even" (spread evenly, rounded up to whole weeks) is known to app/followup/standing.py.
    followup_spacing: str = "even"
    # Employment statuses whose a-kasse pays the first akasse_pays_weeks of sickness benefit.
    akasse_pays_for: frozenset = frozenset({"unemployed"})
    # The count of follow-ups applies only to cases expected to last more than this many weeks;
    # in shorter ones the municipality decides how it follows up (it may be digital only).
    fixed_count_if_expected_over_weeks: int = 8
    # An employed citizen with a predictable course, expected fully back within this many weeks
    # of the first follow-up, needs only that first conversation (None: no such rule).
    first_only_if_back_within_weeks: int | None = None
    # The employment statuses the rule above is for.
    first_only_for: frozenset = frozenset({"employed"})


@dataclass(frozen=True)
class ExemptionRule:
    """What the municipality may exempt a citizen of this group from in the first weeks of the
    contact course, after a concrete assessment, and the largest share of the groups it may
    exempt (the municipality's figure, not one citizen's)."""
    covers: tuple[str, ...]          # "conversations", "offers"
    within_weeks: int                # the exemption lies within the first weeks of the course
    max_share: float                 # e.g. 0.25: up to one in four
    source: str = ""


@dataclass(frozen=True)
class ReportRules:
    """What a citizen of the group may report themselves on Min Plan (app/reports/): sick from a
    date, fit again, holiday. Each value names its source in app/rules/sets.py."""
    sick: bool = True
    # The first day of illness may lie this many days back (0: only from today) and ahead.
    sick_back_days: int = 0
    sick_ahead_days: int = 30
    # What reporting sick means for the benefit: a code app/reports/texts.py turns into words.
    sick_meaning: str = "municipality_decides"
    # "notice": the citizen reports the holiday at least holiday_notice_days before it starts;
    # "agree": the holiday is agreed with the municipality first (the report is a request);
    # None: no holiday report for the group.
    holiday: str | None = "agree"
    holiday_notice_days: int = 0
    holiday_ahead_days: int = 365       # the first day at most this many days ahead
    holiday_max_days: int = 42          # one report covers at most this many days
    holiday_meaning: str = "agree_first"
    # Report kinds during which a joblog period lying wholly inside requires nothing.
    joblog_paused_by: frozenset = frozenset({"sick", "holiday"})


@dataclass(frozen=True)
class RuleSet:
    key: str
    valid_from: date
    expected: bool  # True while the law behind it is not yet passed
    source: str


@dataclass(frozen=True)
class Rules:
    """Everything Min Plan knows about one target group under one rule set."""
    rule_set: RuleSet
    group: str
    track: str | None
    first_conversation_days: int
    first_conversation_kind: str
    first_conversation_held_by: str
    contact: tuple[ContactQuota, ...]
    formats: dict = field(hash=False)
    late_change_hours: int = 24
    self_booking: bool = False
    self_booking_min_days: int = 8
    self_booking_reminder_days: int = 2
    joblog: JoblogRule | None = None
    cv_within_days: int | None = None
    availability: bool = False
    offers: bool = True
    conversation_reminders: tuple[timedelta, ...] = (timedelta(days=1), timedelta(hours=2))
    cancellation_cutoff: timedelta = timedelta(0)
    sick: SickRules | None = None
    # The first offer within this many days, with a continuous right and duty to offers after it.
    first_offer_within_days: int | None = None
    # An offer within the first half-year (the municipality may exempt some, see `exemption`).
    offer_in_first_half_year: bool = False
    # The municipality may exempt a citizen of this group from conversations and/or offers.
    exemption: ExemptionRule | None = None
    # Nobody new can be placed in the group from this date (those already in it continue).
    closed_to_new_from: date | None = None
    # What the citizen must do when cancelling for illness: a code the conversations area turns
    # into plain language ("report_sick_jobnet"); None when nothing more is needed.
    sick_report: str | None = None
    # What not meeting the joblog requirement can mean, and missing a self-booking deadline:
    # codes app/plan/texts.py turns into plain language; None where no source gives one.
    joblog_consequence: str | None = None
    self_booking_consequence: str | None = None
    # What not taking part means once the first follow-up is held (sick-listed citizens get no
    # sanction text before it, 003 rec. 3.5); None: absence_consequence applies throughout.
    absence_consequence_after_first_followup: str | None = None
    rights: tuple[str, ...] = ()
    # What the citizen may report themselves (sick, fit again, holiday); None: no reports.
    reports: ReportRules | None = None
    notes: str = ""
    # SETTING: the least notice a summons (indkaldelse) gives; no source gives a general minimum, so
    # the citizen has at least two days to arrange transport, child care or time off.
    summons_notice: timedelta = timedelta(days=2)
    # Reminder types a citizen may switch off: "conversation", "joblog", "self_booking".
    reminder_opt_out: frozenset = frozenset()
    # A caseworker sees a joblog as at risk when the period is not met this many days before its deadline.
    joblog_at_risk_days: int = 2
    # What missing a conversation without cancelling means for the benefit: a code the
    # conversations area turns into plain language (DOMAIN.md, cancellations and absence).
    # "benefit_stops_until_contact", "deduction_per_day", "no_sanction_text", "contact_jobcenter".
    absence_consequence: str = "contact_jobcenter"
    # A citizen who may move a conversation can move it to a published time at most this many
    # days after its original date (so the contact course's deadlines still hold).
    reschedule_window_days: int = 7
    # Kinds the jobcenter always summons (indkaldelse), never self-booked: besides the group's
    # first conversation (first_conversation_kind, always summoned), e.g. joint conversations
    # with the a-kasse (DOMAIN.md, self-booking).
    summoned_kinds: frozenset = frozenset({KIND_FIRST, KIND_CV, KIND_JOINT})
    # Kinds a caseworker may ask this group to self-book before a deadline.
    self_bookable_kinds: tuple[str, ...] = (KIND_JOB,)
    # Reasons a citizen of this group may be exempted from self-booking (and then summoned).
    self_booking_exemptions: tuple[str, ...] = ("it_skills", "language", "disability", "interpreter",
                                                "special_place")
    # Grounds a caseworker may give for requiring attendance in person, after a concrete assessment.
    in_person_grounds: tuple[str, ...] = ("guidance_face_to_face", "planning_next_steps", "availability_doubt")
    # E-mail and SMS reminders go out only from the first to the second hour (Copenhagen time),
    # unless what they announce comes sooner (app/notify/timing.py quiet_until).
    notify_send_hours: tuple[int, int] = (9, 22)

    def open_to_new(self, on_date: date) -> bool:
        """May a citizen be placed in this group on `on_date`? Those already in it continue."""
        return self.closed_to_new_from is None or on_date < self.closed_to_new_from

    @property
    def conversations_first_half_year(self) -> int:
        return sum(q.count for q in self.contact)

    def is_summoned_kind(self, kind: str) -> bool:
        """True for kinds the jobcenter summons: never self-booked by the citizen."""
        return kind == self.first_conversation_kind or kind in self.summoned_kinds

    @property
    def invitation_kinds(self) -> tuple[str, ...]:
        """The kinds a booking invitation may have: self-bookable and never summoned."""
        return tuple(k for k in self.self_bookable_kinds if not self.is_summoned_kind(k))
