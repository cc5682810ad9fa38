"""Are all user-facing messages translated? Used by `flask translate check` and the tests."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
SOURCES = (("app", [("**.py", "python")]), ("templates", [("**.html", "jinja2")]))
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "lazy_ngettext": (1, 2)}


def extracted_ids() -> set[str]:
    ids = set()
    for folder, method_map in SOURCES:
        for _filename, _lineno, message, _comments, _context in extract_from_dir(
                str(ROOT / folder), method_map=method_map, keywords=KEYWORDS):
            ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def problems() -> list[str]:
    found = []
    wanted = extracted_ids()
    for po_path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        locale = po_path.parent.parent.name
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
        present = {}
        for message in catalog:
            if not message.id:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            present[key] = message
        for msgid in sorted(wanted):
            message = present.get(msgid)
            if message is None:
                found.append(f"{locale}: missing: {msgid!r}")
            elif message.fuzzy:
                found.append(f"{locale}: fuzzy: {msgid!r}")
            elif not (all(message.string) if isinstance(message.string, tuple) else message.string):
                found.append(f"{locale}: untranslated: {msgid!r}")
    if not list(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        found.append("no catalogues in translations/")
    return found
