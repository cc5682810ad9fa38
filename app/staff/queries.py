"""SQL for the municipality's staff accounts."""


def staff_of(db, municipality_id: int) -> list[dict]:
    return [dict(row) for row in db.query(
        "SELECT id, name, email, role, active, created_at, updated_at FROM caseworkers"
        " WHERE municipality_id = ? ORDER BY active DESC, name COLLATE NOCASE, id", [municipality_id])]


def staff_member(db, staff_id: int, municipality_id: int):
    """One account of the municipality, disabled or not; None for another municipality's."""
    rows = list(db.query("SELECT * FROM caseworkers WHERE id = ? AND municipality_id = ?",
                         [staff_id, municipality_id]))
    return dict(rows[0]) if rows else None


def email_taken(db, email: str) -> bool:
    # The column is COLLATE NOCASE: Anne@ and anne@ are the same login.
    return db.execute("SELECT 1 FROM caseworkers WHERE email = ?", [email]).fetchone() is not None


def insert_staff(db, municipality_id: int, name: str, email: str, role: str, password_hash: str, at: str) -> int:
    return db.execute(
        "INSERT INTO caseworkers (municipality_id, name, email, password_hash, role, active, created_at)"
        " VALUES (?, ?, ?, ?, ?, 1, ?)", [municipality_id, name, email, password_hash, role, at]).lastrowid


def set_active(db, staff_id: int, municipality_id: int, active: bool, at: str) -> int:
    return db.execute("UPDATE caseworkers SET active = ?, updated_at = ? WHERE id = ? AND municipality_id = ?",
                      [int(active), at, staff_id, municipality_id]).rowcount


def set_password_hash(db, staff_id: int, municipality_id: int, password_hash: str, at: str) -> int:
    return db.execute("UPDATE caseworkers SET password_hash = ?, updated_at = ? WHERE id = ? AND municipality_id = ?",
                      [password_hash, at, staff_id, municipality_id]).rowcount


def set_role(db, staff_id: int, municipality_id: int, role: str, at: str) -> int:
    return db.execute("UPDATE caseworkers SET role = ?, updated_at = ? WHERE id = ? AND municipality_id = ?",
                      [role, at, staff_id, municipality_id]).rowcount


def other_active_administrators(db, municipality_id: int, staff_id: int) -> int:
    return db.execute("SELECT COUNT(*) FROM caseworkers WHERE municipality_id = ? AND role = 'administrator'"
                      " AND active = 1 AND id != ?", [municipality_id, staff_id]).fetchone()[0]
