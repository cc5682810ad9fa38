"""Demo data: one municipality with caseworkers and a citizen from every target group, plus a
small second municipality so the separation between municipalities can be seen."""
import importlib
import secrets
from datetime import datetime, timedelta

from . import clock
from .auth.service import hash_password
from .workdays import next_working_day
from .rules import GROUPS

DEMO_PASSWORD = "minplan-demo"

MUNICIPALITIES = [
    dict(code="901", name="Fjordby Kommune", jobcenter_name="Jobcenter Fjordby", phone="70 10 20 30",
         email="jobcenter@fjordby.example", address="Havnegade 12, 9999 Fjordby",
         opening_hours='[{"days": [0, 1, 2], "opens": "09:00", "closes": "15:00"},'
                       ' {"days": [3], "opens": "09:00", "closes": "17:00"}, {"days": [4], "opens": "09:00", "closes": "12:00"}]',
         directions="Indgang fra Havnegade, stueetagen. Bus 3 og 14 stopper ved Rådhuspladsen.", answer_days=2),
    dict(code="902", name="Skovlund Kommune", jobcenter_name="Jobcenter Skovlund", phone="70 40 50 60",
         email="jobcenter@skovlund.example", address="Skovvej 3, 9998 Skovlund",
         opening_hours='[{"days": [0, 1, 2, 3], "opens": "10:00", "closes": "14:00"}]',
         directions="I Borgerservice ved biblioteket, 1. sal. Der er elevator.", answer_days=3),
]

CASEWORKERS = [
    ("901", "Anne Sørensen", "anne@fjordby.example"),
    ("901", "Henrik Thomsen", "henrik@fjordby.example"),
    ("902", "Lise Skov", "lise@skovlund.example"),
]
# One administrator per municipality (app/staff): manages the staff accounts, a caseworker too.
ADMINISTRATORS = [
    ("901", "Karen Holm", "karen@fjordby.example"),
    ("902", "Ole Bech", "ole@skovlund.example"),
]

# (municipality, cpr, name, group, weeks in group, phone, email, language, extra)
CITIZENS = [
    ("901", "0101851234", "Mette Jensen", "dagpenge", 8, "12345678", "mette@example.com", "da", {}),
    ("901", "0203901235", "Ali Hassan", "kontanthjaelp_jobparat", 10, "23456789", "ali@example.com", "da", {}),
    ("901", "0304781236", "Sofie Nielsen", "kontanthjaelp_aktivitetsparat", 20, "34567890", None, "da", {}),
    ("901", "0405021237", "Jonas Madsen", "kontanthjaelp_uddannelsesparat", 6, "45678901", "jonas@example.com", "da", {}),
    ("901", "0506801238", "Hanne Larsen", "sygedagpenge", 5, "56789012", "hanne@example.com", "da",
     {"employment_status": "employed"}),
    ("901", "0607701239", "Peter Olsen", "ledighedsydelse", 12, "67890123", "peter@example.com", "da", {}),
    ("901", "0708751240", "Karin Poulsen", "ressourceforloeb", 30, "78901234", None, "da", {}),
    ("901", "0809821241", "Lars Christensen", "jobafklaringsforloeb", 14, "89012345", "lars@example.com", "da", {}),
    ("901", "0910881242", "Maria Andersen", "revalidering", 16, "90123456", "maria@example.com", "da", {}),
    ("901", "1011951243", "Yusuf Ahmadi", "integration", 9, "11223344", "yusuf@example.com", "en",
     {"self_booking_exempt_reason": "interpreter"}),
    ("901", "1112991244", "Emma Holm", "kontanthjaelp_jobparat", 0, "22334455", "emma@example.com", "da", {}),
    ("902", "1201871245", "Bo Berg", "dagpenge", 4, "33445566", "bo@example.com", "da", {}),
]

GOALS = {
    "Mette Jensen": [("job", "Lagermedarbejder", "Truckcertifikat giver flere muligheder."), ("job", "Chauffør", None)],
    "Ali Hassan": [("job", "Kok eller køkkenassistent", None)],
    "Sofie Nielsen": [("job", "Deltidsjob i detailhandel", "Først nogle timer om ugen.")],
    "Jonas Madsen": [("education", "Erhvervsuddannelse som elektriker", "Start på grundforløb i januar.")],
    "Hanne Larsen": [("job", "Tilbage til mit job som SOSU-assistent", "Gradvis tilbagevenden.")],
    "Peter Olsen": [("job", "Fleksjob som kontorassistent", None)],
    "Karin Poulsen": [("job", "Afklare arbejdsevne", None)],
    "Lars Christensen": [("job", "Afklaring af helbred og job", None)],
    "Maria Andersen": [("education", "Uddannelse som laborant", None)],
    "Yusuf Ahmadi": [("job", "Tømrer", "Danskundervisning sideløbende.")],
    "Bo Berg": [("job", "Maskinarbejder", None)],
}

ACTIVITIES = {
    "Mette Jensen": [("kursus", "Truckcertifikat B", "AMU Fjordby", "completed", -30, -25, 37),
                     ("virksomhedspraktik", "Praktik hos Fjordby Lager", "Fjordby Lager A/S", "planned", 10, 38, 30)],
    "Ali Hassan": [("virksomhedspraktik", "Praktik i kantine", "Kantinen på Rådhuset", "active", -7, 21, 25)],
    "Sofie Nielsen": [("mentor", "Mentor to timer om ugen", "Jobcenter Fjordby", "active", -60, 60, 2),
                      ("behandling", "Forløb hos psykolog", None, "active", -40, 40, None)],
    "Jonas Madsen": [("vejledning", "Brobygning til erhvervsuddannelse", "Fjordby Erhvervsskole", "planned", 21, 90, 30)],
    "Peter Olsen": [("loentilskud", "Løntilskud i kommunens administration", "Fjordby Kommune", "active", -14, 120, 20)],
    "Karin Poulsen": [("mentor", "Koordinerende sagsbehandler", "Jobcenter Fjordby", "active", -200, None, None)],
    "Lars Christensen": [("behandling", "Genoptræning", "Fjordby Sundhedscenter", "active", -30, 30, 4)],
    "Maria Andersen": [("kursus", "Forberedende kursus i kemi", "Fjordby VUC", "active", -20, 80, 15)],
    "Yusuf Ahmadi": [("kursus", "Danskuddannelse 2, modul 3", "Sprogcenter Fjordby", "active", -60, 100, 12),
                     ("virksomhedspraktik", "Praktik hos tømrerfirma", "Tømrer Hansen ApS", "planned", 14, 42, 25)],
}


def _is_empty(db) -> bool:
    return "citizens" not in db.table_names() or db["citizens"].count == 0


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    """A Copenhagen wall time `days` from today on a working day, as UTC."""
    day = next_working_day(clock.today() + timedelta(days=days))
    return clock.local_datetime(day, hour, minute)


def load(db, *, if_empty: bool = False) -> bool:
    """Fill the database with demo data. Returns False when it held data and if_empty was set."""
    if if_empty and not _is_empty(db):
        return False
    now_s = clock.to_db(clock.now())
    today = clock.today()
    mun_ids = {}
    for m in MUNICIPALITIES:
        mun_ids[m["code"]] = db["municipalities"].insert(m).last_pk
    password_hash = hash_password(DEMO_PASSWORD)
    worker_ids = {}
    for code, name, email, role in ([(*row, "caseworker") for row in CASEWORKERS]
                                     + [(*row, "administrator") for row in ADMINISTRATORS]):
        worker_ids[email] = db["caseworkers"].insert(dict(
            municipality_id=mun_ids[code], name=name, email=email, password_hash=password_hash,
            role=role, active=1, created_at=now_s)).last_pk
    anne = worker_ids["anne@fjordby.example"]
    henrik = worker_ids["henrik@fjordby.example"]
    lise = worker_ids["lise@skovlund.example"]

    citizen_ids = {}
    for code, cpr, name, group, weeks, phone, email, lang, extra in CITIZENS:
        since = today - timedelta(weeks=weeks)
        citizen_ids[name] = db["citizens"].insert(dict(
            municipality_id=mun_ids[code], cpr=cpr, name=name, target_group=group,
            group_since=since.isoformat(), email=email, phone=phone, preferred_language=lang,
            notify_email=1 if email else 0, notify_sms=1 if phone else 0,
            created_at=now_s, updated_at=now_s, **extra)).last_pk

    for name, goals in GOALS.items():
        plan_id = db["plans"].insert(dict(citizen_id=citizen_ids[name], updated_at=now_s,
                                          next_step=None)).last_pk
        for position, (kind, title, note) in enumerate(goals):
            db["goals"].insert(dict(plan_id=plan_id, kind=kind, title=title, note=note, position=position))
    db.execute("UPDATE plans SET next_step = ? WHERE citizen_id = ?",
               ["Søg mindst to lagerjob om ugen og tjek vikarbureauer.", citizen_ids["Mette Jensen"]])

    for name, items in ACTIVITIES.items():
        for kind, title, provider, status, start, end, hours in items:
            db["activities"].insert(dict(
                citizen_id=citizen_ids[name], kind=kind, title=title, provider=provider, status=status,
                starts_on=(today + timedelta(days=start)).isoformat(),
                ends_on=(today + timedelta(days=end)).isoformat() if end is not None else None,
                hours_per_week=hours, note=None))

    def conversation(name, worker, held_by, kind, starts, fmt, status, **extra):
        mun = mun_ids["902"] if name == "Bo Berg" else mun_ids["901"]
        row = dict(citizen_id=citizen_ids[name], municipality_id=mun, caseworker_id=worker,
                   held_by=held_by, kind=kind, starts_at=clock.to_db(starts),
                   ends_at=clock.to_db(starts + timedelta(minutes=45)), format=fmt, status=status,
                   location="Jobcenter Fjordby, Havnegade 12, 9999 Fjordby" if fmt == "in_person" else None,
                   video_url="https://video.fjordby.example/m/" + secrets.token_urlsafe(9) if fmt == "video" else None,
                   phone_number=None, summoned=0, sequence=0, created_at=now_s, updated_at=now_s,
                   uid=f"conversation-{secrets.token_hex(8)}@minplan")
        row.update(extra)
        return db["conversations"].insert(row).last_pk

    phone_of = {c[2]: c[5] for c in CITIZENS}
    # Past conversations, held, with the summary the citizen sees.
    conversation("Mette Jensen", None, "akasse", "cv", _at(-45, 10), "in_person", "held",
                 location="Din a-kasse, Storegade 4, 9999 Fjordby",
                 summary="Vi gennemgik dit CV og aftalte at fokusere på lager og transport.",
                 next_step="Tag truckcertifikat.")
    conversation("Mette Jensen", anne, "jobcenter", "job", _at(-10, 9, 30), "phone", "held",
                 phone_number=phone_of["Mette Jensen"],
                 summary="Truckcertifikatet er på plads. Vi aftalte praktik hos Fjordby Lager.",
                 next_step="Søg mindst to lagerjob om ugen.")
    conversation("Ali Hassan", anne, "jobcenter", "first", _at(-60, 11), "in_person", "held", summoned=1,
                 summary="Første samtale. Mål: job i et køkken.", next_step="Praktik i kantine.")
    conversation("Sofie Nielsen", henrik, "jobcenter", "job", _at(-20, 13), "video", "missed")
    conversation("Hanne Larsen", henrik, "jobcenter", "followup_first", _at(-3, 10), "phone", "cancelled_citizen",
                 phone_number=phone_of["Hanne Larsen"])
    # Upcoming conversations.
    conversation("Mette Jensen", anne, "jobcenter", "job", _at(3, 10), "video", "booked",
                 prepare="Tag din liste over jobansøgninger med.")
    conversation("Ali Hassan", anne, "jobcenter", "job", _at(1, 13, 30), "phone", "booked",
                 phone_number=phone_of["Ali Hassan"])
    conversation("Sofie Nielsen", henrik, "jobcenter", "job", _at(8, 9), "in_person", "booked")
    conversation("Jonas Madsen", henrik, "jobcenter", "first", _at(5, 14), "in_person", "booked", summoned=1,
                 prepare="Tænk over, hvilke uddannelser du er nysgerrig på.")
    conversation("Hanne Larsen", henrik, "jobcenter", "followup_first", _at(6, 10), "phone", "booked",
                 phone_number=phone_of["Hanne Larsen"])
    conversation("Peter Olsen", anne, "jobcenter", "job", _at(12, 11), "video", "booked")
    conversation("Karin Poulsen", henrik, "jobcenter", "job", _at(15, 10), "in_person", "booked")
    conversation("Lars Christensen", anne, "jobcenter", "job", _at(9, 12), "phone", "booked",
                 phone_number=phone_of["Lars Christensen"])
    conversation("Maria Andersen", anne, "jobcenter", "job", _at(20, 9), "video", "booked")
    conversation("Yusuf Ahmadi", henrik, "jobcenter", "job", _at(4, 10), "in_person", "booked", summoned=1,
                 prepare="Der er bestilt tolk (arabisk).")
    conversation("Bo Berg", lise, "jobcenter", "job", _at(7, 10), "phone", "booked",
                 phone_number=phone_of["Bo Berg"])

    # Published times for self-booking: the next three weeks, working days, 9-14.
    for code, worker in (("901", anne), ("901", henrik), ("902", lise)):
        place = next(m["address"] for m in MUNICIPALITIES if m["code"] == code)
        day = today + timedelta(days=1)
        end = today + timedelta(days=21)
        while day <= end:
            if next_working_day(day) == day:
                for hour in (9, 11, 13):
                    starts = clock.local_datetime(day, hour)
                    db["slots"].insert(dict(
                        municipality_id=mun_ids[code], caseworker_id=worker, starts_at=clock.to_db(starts),
                        ends_at=clock.to_db(starts + timedelta(minutes=45)),
                        formats="in_person,phone,video" if hour != 13 else "phone,video",
                        location=place, status="open", created_at=now_s))
            day += timedelta(days=1)

    # Joblog entries: this week and earlier weeks.
    entries = {
        "Mette Jensen": [(0, "Fjordby Lager A/S", "Lagermedarbejder", "interview"), (-7, "PostNord", "Pakkesorterer", "rejected"),
                         (-8, "Coop Logistik", "Truckfører", "sent"), (-15, "DSV", "Lagerassistent", "sent")],
        "Ali Hassan": [(-1, "Restaurant Havnen", "Køkkenassistent", "sent"), (-2, "Kantinen ISS", "Kok", "sent"),
                       (-9, "Hotel Fjordby", "Opvasker", "rejected")],
        "Jonas Madsen": [(-3, "Elektriker Jensen", "Elev", "sent")],
        "Peter Olsen": [(-12, "Fjordby Boligselskab", "Kontorassistent (fleksjob)", "sent")],
        "Bo Berg": [(-2, "Skovlund Metal", "Maskinarbejder", "sent")],
    }
    for name, rows in entries.items():
        for offset, employer, title, status in rows:
            applied = today + timedelta(days=offset)
            db["joblog_entries"].insert(dict(
                citizen_id=citizen_ids[name], kind="advertised", employer=employer, job_title=title,
                applied_on=applied.isoformat(), source="Jobnet", note=None, url=None, status=status,
                created_at=now_s, updated_at=now_s))
    _extend_by_areas(db, dict(citizen_ids=citizen_ids, worker_ids=worker_ids, municipality_ids=mun_ids,
                              today=today, now=clock.now()))
    # One caseworker-set requirement, so "Krav til jobsøgning" shows an agreed number.
    db["joblog_requirements"].insert(dict(
        citizen_id=citizen_ids["Ali Hassan"], count_per_period=3,
        note="Vi har aftalt tre ansøgninger om ugen, så længe praktikken kører.", set_by=anne, set_at=now_s))
    return True


# Areas that add their own demo data: app/<area>/demo.py with extend(db, ctx).
AREAS_WITH_DEMO_DATA = ("conversations", "joblog", "followup", "notify")


def _extend_by_areas(db, ctx: dict) -> None:
    for area in AREAS_WITH_DEMO_DATA:
        try:
            module = importlib.import_module(f"app.{area}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"app.{area}.demo" and error.name != f"app.{area}":
                raise
            continue
        module.extend(db, ctx)
