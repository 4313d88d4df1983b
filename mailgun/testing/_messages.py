"""Sends as Mailgun reads them: form fields (or a MIME message) into outbox entries, batch sends expanded."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from ._forms import FormField, ParsedBody
from ._outbox import Attachment, SentMessage

__all__ = ["messages_from_form", "messages_from_mime", "send_problem"]

_RECIPIENT_VARIABLE = re.compile(r"%recipient\.([\w-]+)%")
_KNOWN = {"from", "to", "cc", "bcc", "subject", "text", "html", "amp-html", "template", "recipient-variables"}


def send_problem(body: ParsedBody, *, mime: bool) -> str | None:
    """Mailgun's own 400 message for a send it refuses before looking at anything else, or None."""
    if not any(v.strip() for v in body.values("to")):
        return "to parameter is missing"
    if mime:
        return None if body.files("message") else "message parameter is missing"
    if not body.value("from") and not body.value("template"):
        return "from parameter is missing"
    if not any(body.value(name) for name in ("text", "html", "amp-html", "template")):
        return "Need at least one of 'text', 'html', 'amp-html' or 'template' parameters specified"
    return None


def addresses(values: list[str]) -> list[str]:
    """`to` values as given, split where one value lists several (``"a@x, Bob <b@x>"``)."""
    out: list[str] = []
    for value in values:
        for name, address in email.utils.getaddresses([value]):
            if address:
                out.append(email.utils.formataddr((name, address)) if name else address)
    return out


def bare(address: str) -> str:
    return email.utils.parseaddr(address)[1].lower()


def messages_from_form(domain: str, message_id: str, body: ParsedBody) -> list[SentMessage]:
    options: dict[str, str] = {}
    headers: dict[str, str] = {}
    variables: dict[str, Any] = {}
    for field in body.form or []:
        if field.is_file:
            continue
        if field.name.startswith("h:"):
            headers[field.name[2:]] = field.text
        elif field.name.startswith("v:"):
            variables[field.name[2:]] = _json_or_text(field.text)
        elif field.name.startswith(("o:", "t:")) and field.name != "o:tag":
            options.setdefault(field.name, field.text)
    template_variables = _json_object(options.pop("t:variables", None))
    recipient_variables = _json_object(body.value("recipient-variables"))
    base = SentMessage(
        id=message_id,
        domain=domain,
        from_=body.value("from"),
        to=addresses(body.values("to")),
        cc=addresses(body.values("cc")),
        bcc=addresses(body.values("bcc")),
        subject=body.value("subject"),
        text=body.value("text"),
        html=body.value("html"),
        amp_html=body.value("amp-html"),
        tags=body.values("o:tag"),
        variables=variables,
        headers=headers,
        template=body.value("template"),
        template_version=options.pop("t:version", None),
        template_variables=template_variables,
        deliver_at=_deliverytime(options.get("o:deliverytime")),
        test_mode=options.get("o:testmode", "").lower() in ("yes", "true"),
        attachments=[_attachment(f) for f in body.files("attachment")],
        inline=[_attachment(f) for f in body.files("inline")],
        options=options,
        recipient_variables=recipient_variables,
    )
    if recipient_variables is None:
        return [base]
    return [_personal(base, recipient, recipient_variables) for recipient in base.to]


def _personal(base: SentMessage, recipient: str, all_variables: dict[str, Any]) -> SentMessage:
    mine = all_variables.get(bare(recipient)) or all_variables.get(recipient) or {}

    def fill(text: str | None) -> str | None:
        if text is None:
            return None
        return _RECIPIENT_VARIABLE.sub(lambda m: str(mine.get(m.group(1), "")), text)

    return SentMessage(
        **{
            **base.__dict__,
            "to": [recipient],
            "cc": [],
            "bcc": [],
            "subject": fill(base.subject),
            "text": fill(base.text),
            "html": fill(base.html),
            "amp_html": fill(base.amp_html),
            "recipient_variables": mine if isinstance(mine, dict) else {},
            "variables": {k: fill(v) if isinstance(v, str) else v for k, v in base.variables.items()},
            "headers": {k: fill(v) or "" for k, v in base.headers.items()},
        }
    )


def messages_from_mime(domain: str, message_id: str, body: ParsedBody) -> SentMessage:
    raw = body.files("message")[0].content
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)
    text = html = None
    attachments: list[Attachment] = []
    inline: list[Attachment] = []
    for part in parsed.walk():
        if part.is_multipart():
            continue
        disposition = part.get_content_disposition()
        filename = part.get_filename()
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        if disposition == "attachment" or (filename and disposition != "inline"):
            attachments.append(Attachment(filename or "", content, part.get_content_type()))
        elif disposition == "inline" and filename:
            inline.append(Attachment(filename, content, part.get_content_type()))
        elif part.get_content_type() == "text/plain" and text is None:
            text = part.get_content().replace("\r\n", "\n")  # line endings as the sender wrote them
        elif part.get_content_type() == "text/html" and html is None:
            html = part.get_content().replace("\r\n", "\n")
    standard = {"from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version", "content-type"}
    standard |= {"content-transfer-encoding"}
    options: dict[str, str] = {}
    for field in body.form or []:
        if field.name.startswith("o:") and not field.is_file and field.name != "o:tag":
            options.setdefault(field.name, field.text)
    return SentMessage(
        id=message_id,
        domain=domain,
        from_=str(parsed["From"]) if parsed["From"] else None,
        to=addresses(body.values("to")),
        cc=addresses([str(parsed["Cc"])]) if parsed["Cc"] else [],
        subject=str(parsed["Subject"]) if parsed["Subject"] is not None else None,
        text=text,
        html=html,
        tags=body.values("o:tag"),
        variables={k[2:]: _json_or_text(v) for k, v in body.fields().items() if k.startswith("v:")},
        headers={k: str(v) for k, v in parsed.items() if k.lower() not in standard},
        deliver_at=_deliverytime(options.get("o:deliverytime")),
        test_mode=options.get("o:testmode", "").lower() in ("yes", "true"),
        attachments=attachments,
        inline=inline,
        options=options,
        mime=raw,
    )


def _attachment(field: FormField) -> Attachment:
    return Attachment(field.filename or "", field.content, field.content_type or "application/octet-stream")


def _json_or_text(text: str) -> Any:
    """A `v:` value as Mailgun stores it: JSON objects and arrays decoded, anything else the text sent."""
    if not text.lstrip().startswith(("{", "[")):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def _json_object(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _deliverytime(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None


def stored_size(message: SentMessage) -> int:
    size = len(message.mime or b"") or sum(len(x or "") for x in (message.subject, message.text, message.html))
    return size + sum(len(a.content) for a in [*message.attachments, *message.inline])
