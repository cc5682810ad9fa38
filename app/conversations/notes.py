"""Another area's word on one of the citizen's conversations, shown with it wherever the
conversation is (Min Plan, the conversations pages): an area registers a provider with
`@conversation_note`, taking (db, citizen, conversation) and returning a text or None. The
follow-up area says so when a booked follow-up is no longer required (app/followup/notes.py)."""
PROVIDERS: list = []


def conversation_note(fn):
    PROVIDERS.append(fn)
    return fn


def note_for(db, citizen: dict, conv: dict) -> str | None:
    for provider in PROVIDERS:
        text = provider(db, citizen, conv)
        if text:
            return text
    return None
