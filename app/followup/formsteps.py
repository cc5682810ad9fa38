"""The information form's pages: which questions each holds, which apply to whom, and which
are still unanswered. Answers are kept as JSON with dates as ISO text."""
from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ..i18n import fmt_date
from ..rules import SickRules
from . import forms
from .standing import has_employer


@dataclass(frozen=True)
class Step:
    key: str
    slug: str          # the page's address under /opfoelgning/oplysningsskema/
    title: object      # short, for the step indicator
    heading: object    # the page's h1
    form: type
    fields: tuple

    def applies(self, answers: dict, sick: SickRules) -> bool:
        if self.key == "employer":
            # Counted in until the first page is answered, so the step count never grows on the
            # way ("Trin 1 af 6" then "Trin 2 af 7"): an answer can only take a page away.
            status = answers.get("employment_status")
            return status in (None, "") or has_employer(status, sick)
        return True


STEPS = (
    Step("employment", "arbejde", _l("Work"), _l("Your work"), forms.EmploymentForm, ("employment_status",)),
    Step("absence", "fravaer", _l("First day"), _l("Your first day of absence"), forms.AbsenceForm,
         ("first_sick_day",)),
    Step("partial", "delvis", _l("Hours"), _l("Your working hours"), forms.PartialForm, ("partial", "partial_hours")),
    Step("duration", "varighed", _l("Duration"), _l("How long you expect to be ill"), forms.DurationForm,
         ("expected_duration", "expected_return_on")),
    Step("employer", "arbejdsgiver", _l("Employer"), _l("Your employer"), forms.EmployerForm,
         ("employer_knows", "return_within", "employer_return_within")),
    Step("help", "hjaelp", _l("Help"), _l("Help to return to work"), forms.HelpForm,
         ("wants_help", "retention_plan", "note")),
)
BY_SLUG = {step.slug: step for step in STEPS}
DATE_FIELDS = {"first_sick_day", "expected_return_on"}
# Answers only someone with an employer is asked; dropped when the answer to "work" changes.
EMPLOYER_ONLY = ("employer_knows", "return_within", "employer_return_within", "retention_plan")
# The 26-week rule needs the expectation of both the citizen and the employer (law no. 1750):
# two questions, asked only where the rules have the rule.
RETURN_WITHIN = ("return_within", "employer_return_within")


def fields_for(step: Step, answers: dict, sick: SickRules) -> tuple:
    """The questions of a page that apply to this citizen under these rules."""
    fields = list(step.fields)
    employed = has_employer(answers.get("employment_status"), sick)
    if sick.no_required_if_return_within_weeks is None:
        fields = [f for f in fields if f not in RETURN_WITHIN]
    if "retention_plan" in fields and not employed:
        fields.remove("retention_plan")
    return tuple(fields)


def required_fields(step: Step, answers: dict, sick: SickRules) -> tuple:
    optional = {"partial_hours", "expected_return_on", "note"}
    required = [f for f in fields_for(step, answers, sick) if f not in optional]
    if step.key == "partial" and answers.get("partial") == "yes":
        required.append("partial_hours")
    return tuple(required)


def steps_for(answers: dict, sick: SickRules) -> list[Step]:
    return [step for step in STEPS if step.applies(answers, sick)]


def is_answered(step: Step, answers: dict, sick: SickRules) -> bool:
    return all(answers.get(name) not in (None, "") for name in required_fields(step, answers, sick))


def first_unanswered(answers: dict, sick: SickRules) -> Step | None:
    return next((s for s in steps_for(answers, sick) if not is_answered(s, answers, sick)), None)


def make_form(step: Step, answers: dict, sick: SickRules, *, posted: bool = False):
    """The page's form: what was posted, or the saved answers; questions that do not apply removed."""
    data = {}
    for name in step.fields:
        value = answers.get(name)
        data[name] = date.fromisoformat(value) if name in DATE_FIELDS and value else value
    form = step.form() if posted else step.form(data=data)
    keep = fields_for(step, answers, sick)
    for name in step.fields:
        if name not in keep:
            # Gone from the form's fields (so it is neither validated nor iterated); WTForms leaves
            # the attribute as None, so templates go through the form's fields, not its names.
            delattr(form, name)
    if "return_within" in keep:
        form.return_within.label.text = _(
            "Do you expect to be back at work within %(num)s weeks of your first day of absence?",
            num=sick.no_required_if_return_within_weeks)
    if "employer_return_within" in keep:
        form.employer_return_within.label.text = _(
            "Does your employer expect you back at work within %(num)s weeks of your first day of absence?",
            num=sick.no_required_if_return_within_weeks)
    return form


def values_from(form, step: Step, *, valid_only: bool = False) -> dict:
    """The page's answers; with `valid_only`, those of a failed form that passed their own checks."""
    values = {}
    for name in step.fields:
        if name not in form._fields:  # a question that does not apply was removed
            continue
        if valid_only and form[name].errors:
            continue
        value = form[name].data
        if isinstance(value, date):
            value = value.isoformat()
        if isinstance(value, str):
            value = value.strip() or None
        values[name] = value
    if step.key == "partial" and "partial" in values and values["partial"] != "yes":
        values["partial_hours"] = None
    return values


def merge(answers: dict, values: dict, sick: SickRules) -> dict:
    merged = {**answers, **values}
    if not has_employer(merged.get("employment_status"), sick):
        for name in EMPLOYER_ONLY:
            merged.pop(name, None)
    return merged


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _shown(field, value) -> str:
    if value in (None, ""):
        return _("Not answered")
    if field.name in DATE_FIELDS:
        return fmt_date(value, "date")
    if field.name == "partial_hours":
        return ngettext("%(num)s hour a week", "%(num)s hours a week", int(value))
    if getattr(field, "choices", None):
        return str(dict(field.choices).get(value, value))
    return str(value)


def answer_rows(answers: dict, sick: SickRules, *, change: bool) -> list[dict]:
    """The answers as (question, answer, change link) rows for the check page and the receipt."""
    rows = []
    for step in steps_for(answers, sick):
        form = make_form(step, answers, sick)
        for name in fields_for(step, answers, sick):
            if name == "partial_hours" and answers.get("partial") != "yes":
                continue
            field = getattr(form, name)
            rows.append({"id": name, "question": field.label.text, "answer": _shown(field, answers.get(name)),
                         "href": url_for("followup.form_step", slug=step.slug, til="tjek") if change else None})
    return rows
