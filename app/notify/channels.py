"""Channels behind one interface: in-app notices (always on), e-mail over SMTP, SMS through a
gateway. In-app `send` writes the notice inside the transaction that marks the row sent; e-mail
and SMS `send` talk to the outside world and are called outside any transaction, on a row
claimed beforehand (app/notify/deliver.py). `available_channels` says which channels run."""
from abc import ABC, abstractmethod
import hashlib
import json
import logging
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from .. import clock, phone
from . import queries
from .content import Message, email_footer

log = logging.getLogger("minplan.notify")


class DeliveryError(Exception):
    """`permanent`: retrying will not help (a refused address, an invalid number)."""

    def __init__(self, message: str, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


@dataclass
class Delivery:
    row: dict                       # the outbox row
    citizen: dict
    params: dict                    # the snapshot the message is built from
    recipient: str | None
    language: str
    render: Callable[[], Message]   # the message in the citizen's language, absolute links
    footer: Callable[[], str]


class Channel(ABC):
    name = ""
    quiet_hours = False  # e-mail and SMS keep the national service's hours
    external = False     # handed to the outside world: sent outside any database transaction

    def recipient(self, citizen: dict) -> str | None:
        return None

    def open(self) -> None:
        """Get ready to send (connect); called outside the database transaction."""

    @abstractmethod
    def send(self, db, delivery: Delivery) -> None:
        """Hand one message to the channel; raise DeliveryError on failure. `db` is inside the
        sending transaction for in-app notices, outside any for external channels."""

    def close(self) -> None:
        pass


class InAppChannel(Channel):
    name = "inapp"

    def recipient(self, citizen):
        return "inapp"

    def send(self, db, delivery):
        queries.insert_notice(db, citizen_id=delivery.citizen["id"], outbox_id=delivery.row["id"],
                              kind=delivery.row["kind"],
                              params=json.dumps(delivery.params, ensure_ascii=False, sort_keys=True),
                              created_at=clock.to_db(clock.now()))


def message_id(key: str) -> str:
    """The same outbox row always gets the same Message-ID, so a receiving system can spot a repeat."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@minplan.notify>"


class EmailChannel(Channel):
    name = "email"
    quiet_hours = True
    external = True

    def __init__(self, config):
        self.host, self.port = config["MAIL_HOST"], int(config["MAIL_PORT"])
        self.use_tls = bool(config.get("MAIL_USE_TLS"))
        self.username, self.password = config.get("MAIL_USERNAME"), config.get("MAIL_PASSWORD")
        self.sender = config["MAIL_FROM"]
        self.timeout = config.get("MAIL_TIMEOUT", 10)
        self._smtp = None
        self._down = None  # after a failed connect, the rest of this sweep does not try again

    def recipient(self, citizen):
        return (citizen.get("email") or "").strip() or None

    def open(self):
        if self._down:
            raise DeliveryError(self._down)
        if self._smtp is not None:
            return
        try:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            if self.use_tls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password or "")
        except (OSError, smtplib.SMTPException) as error:
            self._down = f"SMTP {self.host}:{self.port}: {error}"
            raise DeliveryError(self._down) from error
        self._smtp = smtp

    def send(self, db, delivery):
        message = delivery.render()
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = delivery.recipient
        mail["Subject"] = message.subject
        # An aware Copenhagen time gives a real offset (+0100/+0200); a naive one is '-0000', "zone unknown".
        mail["Date"] = format_datetime(clock.local(clock.now()))
        mail["Message-ID"] = message_id(delivery.row["key"])
        # RFC 3834: sent by a machine, so no out-of-office replies or auto-forwarding loops.
        mail["Auto-Submitted"] = "auto-generated"
        mail.set_content(message.text(delivery.footer()))
        mail["Content-Language"] = delivery.language  # after set_content, which resets Content-* headers
        try:
            self._smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _text in error.recipients.values()]
            raise DeliveryError(f"recipient refused: {codes}", permanent=all(c >= 500 for c in codes)) from error
        except smtplib.SMTPResponseException as error:
            if error.smtp_code < 500:
                self.close()
            raise DeliveryError(f"SMTP {error.smtp_code}", permanent=error.smtp_code >= 500) from error
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            raise DeliveryError(f"SMTP: {error}") from error

    def close(self):
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()


class SmsGateway(ABC):
    """What an SMS provider must offer. `send` raises DeliveryError on failure."""

    @abstractmethod
    def send(self, to: str, text: str, reference: str) -> None:
        """Send one SMS."""


class FileSmsGateway(SmsGateway):
    """Development backend: one JSON line per SMS in a file under instance/."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def send(self, to, text, reference):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"at": clock.to_db(clock.now()), "to": to, "text": text, "ref": reference},
                          ensure_ascii=False)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
            handle.flush()


class SmsChannel(Channel):
    name = "sms"
    quiet_hours = True
    external = True

    def __init__(self, gateway: SmsGateway):
        self.gateway = gateway

    def recipient(self, citizen):
        return (citizen.get("phone") or "").strip() or None

    def send(self, db, delivery):
        number = phone.normalise(delivery.recipient)
        if number is None:
            raise DeliveryError("not a Danish mobile number", permanent=True)
        self.gateway.send(number, delivery.render().sms(), delivery.row["key"])


# SMS backends Min Plan has a gateway for. A production gateway is added here and in build_channels.
SMS_GATEWAYS = ("file",)


def available_channels(config) -> set[str]:
    """The channels that run with this configuration: in-app always; e-mail when MAIL_ENABLED;
    SMS when SMS_BACKEND names a gateway we have."""
    names = {"inapp"}
    if config.get("MAIL_ENABLED"):
        names.add("email")
    if config.get("SMS_BACKEND") in SMS_GATEWAYS:
        names.add("sms")
    return names


def chosen_channels(config, citizen: dict) -> list[str]:
    """In-app always; e-mail and SMS when the citizen chose them, has an address, and the channel runs."""
    running = available_channels(config)
    names = ["inapp"]
    if "email" in running and citizen.get("notify_email") and (citizen.get("email") or "").strip():
        names.append("email")
    if "sms" in running and citizen.get("notify_sms") and (citizen.get("phone") or "").strip():
        names.append("sms")
    return names


def build_channels(app) -> dict[str, Channel]:
    config = app.config
    running = available_channels(config)
    channels: dict[str, Channel] = {"inapp": InAppChannel()}
    if "email" in running:
        channels["email"] = EmailChannel(config)
    if "sms" in running:
        channels["sms"] = SmsChannel(FileSmsGateway(config.get("SMS_FILE") or Path(app.instance_path) / "sms.log"))
    return channels
