"""Each area's caseworker pages, nested in the house's blueprint. Registered once, at import:
Flask registers a parent's nested blueprints every time the parent joins an app."""
from ..changes import caseworker as changes
from ..conversations import caseworker as conversations
from ..dialogue import caseworker as dialogue
from ..followup import caseworker as followup
from ..joblog import caseworker as joblog
from ..plan import caseworker as plan
from ..reports import caseworker as reports
from ..staff import caseworker as staff
from . import bp

AREAS = (conversations, joblog, followup, plan, reports, dialogue, changes, staff)

for _area in AREAS:
    bp.register_blueprint(_area.bp)
