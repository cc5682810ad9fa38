-- A citizen's own sick or holiday report (app/reports) pauses the joblog periods inside it, so
-- the joblog watch (0022) judges that citizen again when a report is made, changed or removed.
CREATE TRIGGER joblog_watch_report_insert AFTER INSERT ON absence_reports
BEGIN INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER joblog_watch_report_update AFTER UPDATE ON absence_reports
BEGIN INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT NEW.citizen_id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = NEW.citizen_id); END;
CREATE TRIGGER joblog_watch_report_delete AFTER DELETE ON absence_reports
BEGIN INSERT INTO joblog_watch_dirty (citizen_id)
        SELECT OLD.citizen_id WHERE NOT EXISTS (SELECT 1 FROM joblog_watch_dirty WHERE citizen_id = OLD.citizen_id); END;
