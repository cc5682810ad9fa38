-- Joblog: find the logged changes of job-search requirements without scanning the whole
-- audit log (the history of a citizen's requirement is read back from it).
CREATE INDEX audit_action_citizen ON audit_log(action, citizen_id, at);
