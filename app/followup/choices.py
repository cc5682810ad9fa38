"""The codes the follow-up area stores and the words a user reads for them (display only)."""
from flask_babel import lazy_gettext as _l

EMPLOYMENT = {
    "employed": _l("I have a job and am sick-listed from it"),
    "unemployed": _l("I am unemployed"),
    "self_employed": _l("I am self-employed"),
}

YES_NO = {"yes": _l("Yes"), "no": _l("No")}
YES_NO_DONT_KNOW = {"yes": _l("Yes"), "no": _l("No"), "dont_know": _l("I don't know yet")}

DURATION = {
    "under_4_weeks": _l("Less than 4 weeks"),
    "4_to_8_weeks": _l("4 to 8 weeks"),
    "2_to_6_months": _l("2 to 6 months"),
    "over_6_months": _l("More than 6 months"),
    "dont_know": _l("I don't know yet"),
}

EMPLOYER_KNOWS = {
    "talked_return": _l("We have talked about how I can come back"),
    "knows_sick": _l("My employer knows I am ill, but we have not talked about coming back"),
    "not_told": _l("I have not talked with my employer yet"),
}

RETENTION_ASKED = {
    "none": _l("No"),
    "citizen": _l("Yes, I would like one"),
    "employer": _l("Yes, my employer has asked for one"),
    "both": _l("Yes, both my employer and I"),
}

RETENTION_STATUS = {
    "requested": _l("Asked for"),
    "in_progress": _l("Being made"),
    "agreed": _l("Agreed"),
    "not_needed": _l("Not needed"),
}
RETENTION_STATUS_TAG = {"requested": "tag-info", "in_progress": "tag-warning", "agreed": "tag-success",
                        "not_needed": "tag-default"}

WELLBEING = {"better": _l("Better"), "same": _l("About the same"), "worse": _l("Worse")}

TREATMENT = {
    "in_treatment": _l("Yes, I am in treatment"),
    "waiting": _l("I am waiting for treatment"),
    "none": _l("No"),
}

RETURN_KIND = {
    "partial": _l("Partly: I work some of my hours again"),
    "full": _l("Fully: I am back at work (raskmelding)"),
}
