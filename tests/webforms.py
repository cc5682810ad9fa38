"""Filling in the app's real forms as a browser would: the fields of a <form> (hidden ones with the
CSRF token and submission key, a text field's value, the checked or first radio button, a select's
chosen option, a text area's text), parsed with BeautifulSoup."""
from bs4 import BeautifulSoup

SKIPPED_FORMS = ("/log-af", "/sprog/")  # in every page's frame: logout and the language switcher


def page_forms(html: str, method: str = "post") -> list[tuple[str | None, dict, object]]:
    """(action, default values, the <form> tag) of each form of the page's own (not the frame's)."""
    found = []
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        action = form.get("action")
        if (form.get("method") or "get").lower() != method or (action and action.startswith(SKIPPED_FORMS)):
            continue
        found.append((action, defaults(form), form))
    return found


def defaults(form) -> dict:
    values: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        kind = (field.get("type") or "text").lower() if field.name == "input" else field.name
        if kind in ("submit", "button", "image", "reset", "file"):
            continue
        if kind in ("radio", "checkbox"):
            if field.has_attr("checked"):
                values.setdefault(name, field.get("value", "on"))
            elif kind == "radio" and name not in values:
                values[name] = None  # filled with the first choice below if none is checked
            continue
        if kind == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            values[name] = chosen.get("value", chosen.text) if chosen else ""
        elif kind == "textarea":
            values[name] = field.text
        else:
            values[name] = field.get("value", "")
    for name, value in list(values.items()):
        if value is None:
            first = form.find("input", attrs={"type": "radio", "name": name})
            values[name] = first.get("value", "on")
    return values


def choices(form, name: str) -> list[str]:
    """The values a radio group, checkbox group or select offers."""
    values = [f.get("value", "on") for f in form.find_all("input", attrs={"name": name})
              if (f.get("type") or "").lower() in ("radio", "checkbox")]
    select = form.find("select", attrs={"name": name})
    if select is not None:
        values += [o.get("value", o.text) for o in select.find_all("option")]
    return values
