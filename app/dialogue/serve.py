"""Handing an attachment back: always as a download (Content-Disposition: attachment), with its
checked type, nosniff, and a CSP that lets nothing in it run if a browser opened it anyway."""
from flask import abort, send_file

from . import files, queries, service


def send_attachment(row: dict):
    try:
        path = files.path_of(row["stored_name"])
        if not path.is_file():
            raise FileNotFoundError(row["stored_name"])
    except FileNotFoundError:
        abort(404)
    response = send_file(path, mimetype=row["content_type"], as_attachment=True, download_name=row["filename"],
                         conditional=False, etag=False, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "no-store"
    return response


def download(db, thread: dict, attachment_id: int, *, actor_type: str, actor_id: int):
    """One of the thread's attachments for whoever may read the thread (the view has checked
    that), the download recorded in the audit log; 404 for an attachment of another thread."""
    row = queries.attachment(db, attachment_id, thread["id"])
    if row is None:
        abort(404)
    service.downloaded(db, actor_type=actor_type, actor_id=actor_id, thread=thread, attachment=row)
    return send_attachment(row)
