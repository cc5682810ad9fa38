"""Names people read for notify's codes (display only)."""
from flask_babel import lazy_gettext as _l

KINDS = {
    "conversation_reminder": _l("Reminder before a conversation"),
    "joblog_reminder": _l("Reminder before the joblog deadline"),
    "self_booking_reminder": _l("Reminder to book a conversation"),
    "conversation_booked": _l("Booking confirmed"),
    "conversation_rebooked": _l("New time confirmed"),
    "conversation_cancelled": _l("We know you cannot come"),
    "conversation_cancelled_by_jobcenter": _l("Cancelled by the municipality"),
    "conversation_summoned": _l("New conversation"),
    "conversation_in_person_required": _l("Attendance in person"),
    "format_request_approved": _l("Request approved"),
    "format_request_refused": _l("Request refused"),
    "booking_invitation_created": _l("Invitation to book"),
    "dialogue_answered": _l("New answer to a message"),
    "plan_updated": _l("Your plan has been updated"),
}

CHANNELS = {"inapp": _l("Min Plan"), "email": _l("E-mail"), "sms": _l("SMS")}

STATUS = {"pending": _l("Waiting"), "sending": _l("Being sent"), "sent": _l("Sent"), "failed": _l("Not delivered"),
          "dropped": _l("Withdrawn")}
STATUS_TAG = {"pending": "tag-info", "sending": "tag-info", "sent": "tag-success", "failed": "tag-warning",
              "dropped": "tag-default"}
