"""Widgets that wrap a WTForms input in DKFDS form-group markup.

Markup follows the dkfds package's own templates (src/components/form/controls/*.njk):
label, hint (`<id>-hint`), error (`<id>-error`) and aria-describedby tying them to the input.
"""
from flask_babel import gettext as _
from markupsafe import Markup, escape
from wtforms import widgets


def _describedby(field, has_hint: bool) -> str:
    ids = []
    if has_hint:
        ids.append(f"{field.id}-hint")
    if field.errors:
        ids.append(f"{field.id}-error")
    return " ".join(ids)


def _hint(field) -> Markup:
    if not field.description:
        return Markup("")
    return Markup('<span class="form-hint" id="{}-hint">{}</span>').format(field.id, field.description)


def _error(field) -> Markup:
    if not field.errors:
        return Markup("")
    return Markup('<span class="form-error-message" id="{}-error"><span class="sr-only">{} </span>{}</span>').format(
        field.id, _("Error:"), field.errors[0])


def _optional_suffix(field) -> Markup:
    """'(optional)' beside a field that may be left empty; beside one required only in some case,
    when it is (fields.RequiredWhen); nothing beside a required one."""
    if field.flags.required:
        return Markup("")
    when = field.flags.required_when
    return Markup('<span class="weight-normal"> ({})</span>').format(when or _("optional"))


def _label(field) -> Markup:
    return Markup('<label class="form-label" for="{}">{}{}</label>').format(
        field.id, field.label.text, _optional_suffix(field))


class _Grouped:
    """Mixin: render the inner widget inside a DKFDS form group."""
    input_class = "form-input"

    def __call__(self, field, **kwargs):
        css = kwargs.pop("class_", "") or kwargs.pop("class", "")
        kwargs["class"] = f"{self.input_class} {css}".strip()
        describedby = _describedby(field, bool(field.description))
        if describedby:
            kwargs["aria-describedby"] = describedby
        if field.errors:
            kwargs["aria-invalid"] = "true"
        inner = super().__call__(field, **kwargs)
        group_class = "form-group" + (" form-error" if field.errors else "")
        return Markup('<div class="{}">{}{}{}{}</div>').format(
            group_class, _label(field), _hint(field), _error(field), inner)


class DKTextInput(_Grouped, widgets.TextInput):
    pass


class DKEmailInput(_Grouped, widgets.EmailInput):
    pass


class DKPasswordInput(_Grouped, widgets.PasswordInput):
    pass


class DKDateInput(_Grouped, widgets.DateInput):
    pass


class DKNumberInput(_Grouped, widgets.NumberInput):
    pass


class DKTextArea(_Grouped, widgets.TextArea):
    input_class = "form-input"


class DKSelect(_Grouped, widgets.Select):
    input_class = "form-select"


class DKRadioGroup:
    """A fieldset with a legend; each choice a DKFDS radio button."""

    def __call__(self, field, **kwargs):
        describedby = _describedby(field, bool(field.description))
        items = []
        for index, (value, label, checked, _render_kw) in enumerate(field.iter_choices()):
            choice_id = f"{field.id}-{index}"
            items.append(Markup(
                '<li><div class="form-group-radio"><input class="form-radio" type="radio" id="{id}" name="{name}"'
                ' value="{value}"{checked}{req}><label class="form-label" for="{id}">{label}</label></div></li>').format(
                    id=choice_id, name=field.name, value=value, label=label,
                    checked=Markup(" checked") if checked else "",
                    req=Markup(" required") if field.flags.required else ""))
        group_class = "form-group" + (" form-error" if field.errors else "")
        legend = Markup('<legend class="form-label">{}{}</legend>').format(field.label.text, _optional_suffix(field))
        return Markup(
            '<div class="{gc}"><fieldset id="{fid}"{db}>{legend}{hint}{error}'
            '<ul class="nobullet-list">{items}</ul></fieldset></div>').format(
                gc=group_class, fid=field.id,
                db=Markup(' aria-describedby="{}"').format(describedby) if describedby else "",
                legend=legend, hint=_hint(field), error=_error(field), items=Markup("").join(items))


class DKCheckbox:
    def __call__(self, field, **kwargs):
        checked = Markup(" checked") if field.data else ""
        group_class = "form-group" + (" form-error" if field.errors else "")
        describedby = _describedby(field, bool(field.description))
        return Markup(
            '<div class="{gc}">{error}<div class="form-group-checkbox"><input class="form-checkbox" type="checkbox"'
            ' id="{id}" name="{name}" value="y"{checked}{db}><label class="form-label" for="{id}">{label}</label>{hint}</div></div>').format(
                gc=group_class, error=_error(field), id=field.id, name=field.name, checked=checked,
                db=Markup(' aria-describedby="{}"').format(describedby) if describedby else "",
                label=field.label.text, hint=_hint(field))


class DKSubmit:
    def __call__(self, field, **kwargs):
        # WTForms turns a template's class_= into class= before the widget sees it.
        css = kwargs.pop("class_", None) or kwargs.pop("class", None) or "button-primary"
        return Markup('<button type="submit" class="button {}" id="{}" name="{}" value="1">{}</button>').format(
            css, field.id, field.name, escape(field.label.text))
