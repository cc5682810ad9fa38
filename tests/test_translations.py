"""`make test` fails if a message is missing, untranslated or fuzzy in any catalogue."""
from app.i18n_check import problems


def test_every_message_is_translated_in_every_catalogue():
    found = problems()
    assert found == [], "\n".join(found[:40])
