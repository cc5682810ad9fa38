-- Sick-leave follow-up (sygedagpenge): the case, the information form, the status answers
-- before each follow-up conversation, and the citizen's requests for a conversation.
-- Dates are 'YYYY-MM-DD'; instants UTC text as elsewhere.

CREATE TABLE sick_cases (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL UNIQUE REFERENCES citizens(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    first_sick_day TEXT NOT NULL,             -- first day of absence
    employment_status TEXT CHECK (employment_status IN ('employed', 'unemployed', 'self_employed')),
    partial INTEGER NOT NULL DEFAULT 0,       -- works part of the hours (delvis sygemelding)
    partial_hours INTEGER,                    -- hours a week worked while partly sick-listed
    partial_from TEXT,                        -- date a partial return was registered from
    expected_duration TEXT,                   -- code, see app/followup/choices.py
    expected_return_on TEXT,
    return_within TEXT CHECK (return_within IN ('yes', 'no', 'dont_know')),  -- citizen and employer expect
    employer_knows TEXT,
    wants_help INTEGER,
    note TEXT,
    retention_plan_requested_by TEXT CHECK (retention_plan_requested_by IN ('citizen', 'employer', 'both')),
    retention_plan_status TEXT CHECK (retention_plan_status IN ('requested', 'in_progress', 'agreed', 'not_needed')),
    retention_plan_note TEXT,
    full_return_on TEXT,                      -- raskmelding: the first day back in full
    return_registered_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX sick_cases_municipality ON sick_cases(municipality_id);

-- The information form (oplysningsskema): sent, saved step by step, submitted once.
CREATE TABLE sick_info_forms (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL UNIQUE REFERENCES sick_cases(id) ON DELETE CASCADE,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    sent_at TEXT NOT NULL,
    sent_by INTEGER REFERENCES caseworkers(id),
    answers TEXT NOT NULL DEFAULT '{}',       -- JSON, the draft and then the submitted answers
    saved_at TEXT,
    submitted_at TEXT
);

-- The short status questionnaire before a follow-up conversation.
CREATE TABLE followup_status_answers (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL UNIQUE REFERENCES conversations(id) ON DELETE CASCADE,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    wellbeing TEXT NOT NULL CHECK (wellbeing IN ('better', 'same', 'worse')),
    treatment TEXT NOT NULL CHECK (treatment IN ('in_treatment', 'waiting', 'none')),
    treatment_note TEXT,
    expected_return_on TEXT,
    partial_possible TEXT NOT NULL CHECK (partial_possible IN ('yes', 'no', 'dont_know')),
    what_would_help TEXT,
    answered_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX followup_status_answers_municipality ON followup_status_answers(municipality_id, answered_at);

-- "I would like a conversation": the citizen can always ask; the caseworker handles it.
CREATE TABLE followup_requests (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    topic TEXT,
    preferred_format TEXT CHECK (preferred_format IN ('in_person', 'phone', 'video')),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
    created_at TEXT NOT NULL,
    handled_at TEXT,
    handled_by INTEGER REFERENCES caseworkers(id)
);
CREATE INDEX followup_requests_queue ON followup_requests(municipality_id, status, created_at);
CREATE UNIQUE INDEX followup_requests_one_open ON followup_requests(citizen_id) WHERE status = 'open';

-- The caseworker's follow-up queue reads a municipality's follow-up conversations at once.
CREATE INDEX conversations_followup_queue ON conversations(municipality_id, kind, status, starts_at);
