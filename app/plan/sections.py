"""The one way an area adds data to Min Plan (the citizen's page, its print view and the
caseworker's view of the plan): it registers a builder with `@plan_section(name)`, and
plan.service.build runs every builder once, so the section's template reads
`view.sections[name]` and runs no query of its own.

A builder takes (db, citizen, view, viewer, now): `view` is the PlanView built so far, `viewer`
'citizen' when the citizen looks at their own plan, 'caseworker' otherwise."""
BUILDERS: dict = {}


def plan_section(name: str):
    def register(fn):
        BUILDERS[name] = fn
        return fn
    return register


def build_all(db, citizen: dict, view, viewer: str, now) -> dict:
    return {name: fn(db, citizen, view, viewer, now) for name, fn in BUILDERS.items()}
