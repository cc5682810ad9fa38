"""What a page reads once per request, however many of its sections ask (Min Plan's sections,
the case page's tabs, the template globals they call).

`per_request(db, key, build)` returns the value built for `key` earlier in this request, or
builds and keeps it. A request is one instant for the pages it builds: the memo holds for the
request only, and any write transaction that commits (app/db.py `transaction`) empties it, so a
page built after a change shows the change. Outside a request (the sweep, the CLI, tests calling
services directly) nothing is kept."""
from flask import g, has_app_context, has_request_context

_ATTR = "_minplan_memo"


def per_request(db, key: tuple, build):
    if not has_request_context():
        return build()
    memo = g.get(_ATTR)
    if memo is None:
        memo = {}
        setattr(g, _ATTR, memo)
    full_key = (id(db), *key)
    if full_key not in memo:
        memo[full_key] = build()
    return memo[full_key]


def forget() -> None:
    """Called when a write commits: what was read before may have changed."""
    if has_app_context():
        g.pop(_ATTR, None)
