-- Pages whose cost must not grow with the municipality (bench/README.md).
-- Min Plan and the case page read a plan's goals: without an index every goal of the
-- municipality was scanned.
CREATE INDEX goals_plan ON goals(plan_id, kind, position);
-- A citizen's format requests (the conversations page, the case page): scanned before.
CREATE INDEX format_requests_citizen ON format_requests(citizen_id, created_at);
-- A citizen's open booking invitations in deadline order (Min Plan, conversations).
CREATE INDEX booking_invitations_citizen_deadline ON booking_invitations(citizen_id, status, deadline);
-- I dag's open invitations waiting for an interpreter: the few, not every invitation.
CREATE INDEX booking_invitations_interpreter_open ON booking_invitations(municipality_id, deadline)
    WHERE status = 'open' AND interpreter IS NOT NULL;

-- How many citizens each municipality has in each target group, kept up to date on write by the
-- triggers below, so the case page's "exempted of all in these groups" reads a handful of rows
-- instead of counting the municipality's citizens on every view. (No upsert or OR clause in the
-- triggers: a trigger's conflict handling gives way to the outer statement's.)
CREATE TABLE citizen_group_counts (
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    target_group TEXT NOT NULL,
    citizens INTEGER NOT NULL,
    PRIMARY KEY (municipality_id, target_group)
) WITHOUT ROWID;

INSERT INTO citizen_group_counts (municipality_id, target_group, citizens)
    SELECT municipality_id, target_group, COUNT(*) FROM citizens GROUP BY municipality_id, target_group;

CREATE TRIGGER citizen_group_counts_insert AFTER INSERT ON citizens
BEGIN
    UPDATE citizen_group_counts SET citizens = citizens + 1
        WHERE municipality_id = NEW.municipality_id AND target_group = NEW.target_group;
    INSERT INTO citizen_group_counts (municipality_id, target_group, citizens)
        SELECT NEW.municipality_id, NEW.target_group, 1 WHERE NOT EXISTS (SELECT 1 FROM citizen_group_counts
            WHERE municipality_id = NEW.municipality_id AND target_group = NEW.target_group);
END;

CREATE TRIGGER citizen_group_counts_delete AFTER DELETE ON citizens
BEGIN
    UPDATE citizen_group_counts SET citizens = citizens - 1
        WHERE municipality_id = OLD.municipality_id AND target_group = OLD.target_group;
END;

CREATE TRIGGER citizen_group_counts_update AFTER UPDATE OF municipality_id, target_group ON citizens
    WHEN OLD.municipality_id IS NOT NEW.municipality_id OR OLD.target_group IS NOT NEW.target_group
BEGIN
    UPDATE citizen_group_counts SET citizens = citizens - 1
        WHERE municipality_id = OLD.municipality_id AND target_group = OLD.target_group;
    UPDATE citizen_group_counts SET citizens = citizens + 1
        WHERE municipality_id = NEW.municipality_id AND target_group = NEW.target_group;
    INSERT INTO citizen_group_counts (municipality_id, target_group, citizens)
        SELECT NEW.municipality_id, NEW.target_group, 1 WHERE NOT EXISTS (SELECT 1 FROM citizen_group_counts
            WHERE municipality_id = NEW.municipality_id AND target_group = NEW.target_group);
END;
