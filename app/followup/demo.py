"""Demo data for the sick-leave follow-up: Hanne Larsen (sick-listed from a job) has the
information form waiting; Niels Bak (sick-listed while unemployed) sent it back and has his
first follow-up booked, so the caseworker's follow-up queue has content."""
import json
import secrets
from datetime import timedelta

from .. import clock
from ..workdays import next_working_day

NIELS = dict(cpr="1503921246", name="Niels Bak", target_group="sygedagpenge", phone="44556677",
             email="niels@example.com", preferred_language="da", employment_status="unemployed")
NIELS_WEEKS = 7

NIELS_ANSWERS = {
    "employment_status": "unemployed", "partial": "no", "partial_hours": None,
    "expected_duration": "2_to_6_months", "expected_return_on": None, "wants_help": "yes",
    "note": "Jeg er opereret i knæet og går til genoptræning to gange om ugen.",
}


def extend(db, ctx: dict) -> None:
    today = ctx["today"]
    now = ctx["now"]
    now_s = clock.to_db(now)
    fjordby = ctx["municipality_ids"]["901"]
    henrik = ctx["worker_ids"]["henrik@fjordby.example"]
    anne = ctx["worker_ids"]["anne@fjordby.example"]

    # Hanne Larsen: the form was sent two days ago and is not filled in yet.
    hanne = ctx["citizen_ids"]["Hanne Larsen"]
    since = db.execute("SELECT group_since FROM citizens WHERE id = ?", [hanne]).fetchone()[0]
    case_id = db["sick_cases"].insert(dict(
        citizen_id=hanne, municipality_id=fjordby, first_sick_day=since, employment_status="employed",
        partial=0, created_at=now_s, updated_at=now_s)).last_pk
    sent = clock.local_datetime(today - timedelta(days=2), 9, 0)
    db["sick_info_forms"].insert(dict(case_id=case_id, citizen_id=hanne, sent_at=clock.to_db(sent),
                                      sent_by=henrik, answers="{}"))

    # Niels Bak: sick-listed while unemployed, 7 weeks; the form is back and the first follow-up booked.
    first_day = (today - timedelta(weeks=NIELS_WEEKS)).isoformat()
    niels = db["citizens"].insert(dict(
        NIELS, municipality_id=fjordby, group_since=first_day, notify_email=1, notify_sms=1,
        created_at=now_s, updated_at=now_s)).last_pk
    ctx["citizen_ids"]["Niels Bak"] = niels
    plan_id = db["plans"].insert(dict(citizen_id=niels, updated_at=now_s, next_step=None)).last_pk
    db["goals"].insert(dict(plan_id=plan_id, kind="job", title="Tilbage til arbejdet som tømrer",
                            note="Når knæet kan holde til det.", position=0))
    answers = dict(NIELS_ANSWERS, first_sick_day=first_day)
    case_id = db["sick_cases"].insert(dict(
        citizen_id=niels, municipality_id=fjordby, first_sick_day=first_day, employment_status="unemployed",
        partial=0, expected_duration="2_to_6_months", wants_help=1, note=NIELS_ANSWERS["note"],
        created_at=now_s, updated_at=now_s)).last_pk
    sent = clock.local_datetime(today - timedelta(weeks=NIELS_WEEKS - 1), 9, 0)
    back = clock.local_datetime(today - timedelta(weeks=NIELS_WEEKS - 1) + timedelta(days=2), 19, 12)
    db["sick_info_forms"].insert(dict(case_id=case_id, citizen_id=niels, sent_at=clock.to_db(sent), sent_by=anne,
                                      answers=json.dumps(answers, ensure_ascii=False), saved_at=clock.to_db(back),
                                      submitted_at=clock.to_db(back)))
    starts = clock.local_datetime(next_working_day(today + timedelta(days=3)), 10, 0)
    db["conversations"].insert(dict(
        citizen_id=niels, municipality_id=fjordby, caseworker_id=anne, held_by="jobcenter", kind="followup_first",
        starts_at=clock.to_db(starts), ends_at=clock.to_db(starts + timedelta(minutes=45)), format="in_person",
        location="Jobcenter Fjordby, Havnegade 12, 9999 Fjordby", status="booked", summoned=1, sequence=0,
        prepare="Tag gerne din genoptræningsplan med.", created_at=now_s, updated_at=now_s,
        uid=f"conversation-{secrets.token_hex(8)}@minplan"))
