"""One reminder sweep: fill the outbox from the audit log and the tables, then deliver what is
due. Run by the scheduler process (`flask reminders run`) every REMINDER_SWEEP_SECONDS, or once
with `flask reminders sweep`. Only one process sends, so web workers never send twice."""
import logging
from collections import Counter
from datetime import datetime
from threading import Event

from .. import clock
from ..db import connect
from . import collect, deliver
from .channels import Channel, build_channels

log = logging.getLogger("minplan.notify")


def sweep(app, *, channels: dict[str, Channel] | None = None, now: datetime | None = None,
          stop: Event | None = None) -> Counter:
    """Returns counts: queued (new outbox rows) and sent, dropped, postponed, retry, failed.
    `stop`, once set (an orderly stop of the process), ends the sweep after the message in hand."""
    now = now or clock.now()
    channels = channels if channels is not None else build_channels(app)
    db = connect(app.config["DATABASE"])
    counts = Counter()
    try:
        with app.app_context():
            counts["queued"] += collect.from_audit(app.config, db, now)
            counts["queued"] += collect.due_reminders(app.config, db, now)
            counts.update(deliver.deliver(app, db, now, channels, stop))
    finally:
        for channel in channels.values():
            channel.close()
        db.conn.close()
    if any(counts.values()):
        log.info("notify sweep: %s", dict(counts))
    return counts
