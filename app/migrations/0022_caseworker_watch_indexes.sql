-- The caseworker's "joblogs that need attention" (I dag, /sagsbehandler/joblog) as a compact
-- index kept up to date on write, instead of judging every citizen of the municipality on every
-- view (app/joblog/watch.py).
--
-- joblog_watch: one row per citizen whose joblog needs attention on `computed_on` (the period
-- at risk has its deadline in at_risk_deadline; missed = the latest closed period was not met).
-- joblog_watch_days: the day each municipality's rows were judged for; a new day (periods move
-- on, deadlines come closer) judges the whole municipality again, once.
-- joblog_watch_dirty: citizens whose joblog changed since: entries, the caseworker's number
-- (the requirement and its log), the target group or its start. Triggers fill it, whatever
-- writes; the next read judges those few again. (INSERT ... WHERE NOT EXISTS, not INSERT OR
-- IGNORE: a trigger's conflict clause gives way to the outer statement's.)
CREATE TABLE joblog_watch (
    citizen_id INTEGER PRIMARY KEY REFERENCES citizens(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    name TEXT NOT NULL,
    at_risk_deadline TEXT,
    missed INTEGER NOT NULL DEFAULT 0
);
-- The lists' order: at risk first by deadline, then missed; by name within each.
CREATE INDEX joblog_watch_order ON joblog_watch(municipality_id, at_risk_deadline IS NULL, at_risk_deadline, name, citizen_id);

CREATE TABLE joblog_watch_days (
    municipality_id INTEGER PRIMARY KEY REFERENCES municipalities(id),
    computed_on TEXT NOT NULL
);

CREATE TABLE joblog_watch_dirty (
    citizen_id INTEGER PRIMARY KEY
);

CREATE TRIGGER joblog_watch_entry_insert AFTER INSERT ON joblog_entries
BEGIN INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER joblog_watch_entry_update AFTER UPDATE ON joblog_entries
BEGIN
    INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT OLD.citizen_id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = OLD.citizen_id);
    INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = NEW.citizen_id);
END;
CREATE TRIGGER joblog_watch_entry_delete AFTER DELETE ON joblog_entries
BEGIN INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT OLD.citizen_id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = OLD.citizen_id); END;

CREATE TRIGGER joblog_watch_requirement_insert AFTER INSERT ON joblog_requirements
BEGIN INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER joblog_watch_requirement_update AFTER UPDATE ON joblog_requirements
BEGIN INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER joblog_watch_requirement_delete AFTER DELETE ON joblog_requirements
BEGIN INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT OLD.citizen_id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = OLD.citizen_id); END;
-- The requirement's history is read from the audit log (app/joblog/queries.py).
CREATE TRIGGER joblog_watch_requirement_logged AFTER INSERT ON audit_log
    WHEN NEW.action = 'set_joblog_requirement' AND NEW.citizen_id IS NOT NULL
BEGIN INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = NEW.citizen_id); END;

CREATE TRIGGER joblog_watch_citizen_insert AFTER INSERT ON citizens
BEGIN INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = NEW.id); END;
CREATE TRIGGER joblog_watch_citizen_update
    AFTER UPDATE OF target_group, group_since, municipality_id, name ON citizens
BEGIN INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = NEW.id); END;

-- The same for the follow-up panel on I dag (app/followup/watch.py): every sick-listed citizen
-- judged once a day, with what the panel counts and lists: the deadline of a follow-up due within
-- a week or overdue (soon_deadline), the information form in, status answers in, near the
-- benefit limit, booked after a full return. The panel counts these and builds the overviews of
-- the ten it lists only.
CREATE TABLE followup_watch (
    citizen_id INTEGER PRIMARY KEY REFERENCES citizens(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    name TEXT NOT NULL,
    soon_deadline TEXT,
    forms_in INTEGER NOT NULL DEFAULT 0,
    status_in INTEGER NOT NULL DEFAULT 0,
    near_limit INTEGER NOT NULL DEFAULT 0,
    after_return INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX followup_watch_soon ON followup_watch(municipality_id, soon_deadline, name, citizen_id)
    WHERE soon_deadline IS NOT NULL;
-- The panel's counts read only the citizens with something to count (a covering partial index).
CREATE INDEX followup_watch_counted
    ON followup_watch(municipality_id, soon_deadline, forms_in, status_in, near_limit, after_return)
    WHERE soon_deadline IS NOT NULL OR forms_in OR status_in OR near_limit OR after_return;

CREATE TABLE followup_watch_days (
    municipality_id INTEGER PRIMARY KEY REFERENCES municipalities(id),
    computed_on TEXT NOT NULL
);

CREATE TABLE followup_watch_dirty (
    citizen_id INTEGER PRIMARY KEY
);

-- What changes a citizen's follow-up overview marks them dirty (whatever code writes).
CREATE TRIGGER followup_watch_sick_cases_insert AFTER INSERT ON sick_cases
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER followup_watch_sick_cases_update AFTER UPDATE ON sick_cases
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER followup_watch_sick_cases_delete AFTER DELETE ON sick_cases
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT OLD.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = OLD.citizen_id); END;
CREATE TRIGGER followup_watch_sick_info_forms_insert AFTER INSERT ON sick_info_forms
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER followup_watch_sick_info_forms_update AFTER UPDATE ON sick_info_forms
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER followup_watch_sick_info_forms_delete AFTER DELETE ON sick_info_forms
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT OLD.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = OLD.citizen_id); END;
CREATE TRIGGER followup_watch_conversations_insert AFTER INSERT ON conversations
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER followup_watch_conversations_update AFTER UPDATE ON conversations
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER followup_watch_conversations_delete AFTER DELETE ON conversations
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT OLD.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = OLD.citizen_id); END;
CREATE TRIGGER followup_watch_followup_status_answers_insert AFTER INSERT ON followup_status_answers
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER followup_watch_followup_status_answers_update AFTER UPDATE ON followup_status_answers
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER followup_watch_followup_status_answers_delete AFTER DELETE ON followup_status_answers
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT OLD.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = OLD.citizen_id); END;
CREATE TRIGGER followup_watch_followup_requests_insert AFTER INSERT ON followup_requests
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER followup_watch_followup_requests_update AFTER UPDATE ON followup_requests
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER followup_watch_followup_requests_delete AFTER DELETE ON followup_requests
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT OLD.citizen_id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = OLD.citizen_id); END;
CREATE TRIGGER followup_watch_citizen_insert AFTER INSERT ON citizens
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = NEW.id); END;
CREATE TRIGGER followup_watch_citizen_update AFTER UPDATE ON citizens
BEGIN INSERT INTO followup_watch_dirty (citizen_id)
    SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM followup_watch_dirty WHERE citizen_id = NEW.id); END;
