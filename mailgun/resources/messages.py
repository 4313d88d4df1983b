"""Messages: ``client.messages.send() / send_mime() / send_batch() / get_stored() / resend() / cancel_scheduled()
/ sending_queues()``.

Sends are ``RequestKind.SEND``: retried only when Mailgun certainly did not take them (connection never made,
429), unless the client opts in with ``retry_sends_on_ambiguous=True``. Everything is checked before a byte is
sent; attachments given as paths are opened only while the request streams them (see ``mailgun._multipart``).

Stored messages live on Mailgun's storage hosts (``https://storage-us-east4.api.mailgun.net/...``). Pass the
storage ``url`` an event or log reports, or a domain and storage key; a URL is used only when it is https on a
``*.mailgun.net`` host, so the API key never goes anywhere else.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import email.message
import email.policy
import email.utils
import inspect
import json
import os
import re
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Generic, ParamSpec, TypeAlias
from urllib.parse import unquote, urlsplit

from .._call import Call, HandBuiltOperation, Operation, model_parser
from .._endpoint import AsyncResource, Descriptor, SyncResource, async_call, sync_call, warn_if_deprecated
from .._exceptions import ValidationError
from .._extras import Extras, RequestExtras, Unpack, take
from .._multipart import Attachment, Upload, uploads
from .._retry import RequestKind
from .._validation import boolean, choice, given, has_line_break, int_range, mapping, opt_text, rfc2822, string_list
from .._validation import text as nonblank
from ..literals import TrackingMode
from ..types import SendingQueues, SendResult, StatusMessage, StoredMessage

if TYPE_CHECKING:
    from .._client import AsyncMailgun, Mailgun

__all__ = ["AsyncMessages", "Attachment", "BatchChunk", "BatchResult", "Messages", "Tracking"]

P = ParamSpec("P")

# Sends are built from the generated request models' own multipart parts (checked, minus what Mailgun does not
# require); the generated request builder would encode those parts a second time only to be replaced.
_SEND = HandBuiltOperation("messages.send_message", model_parser(SendResult), kind=RequestKind.SEND)
_SEND_MIME = HandBuiltOperation("messages.send_mime_message", model_parser(SendResult), kind=RequestKind.SEND)
_RESEND = Operation("messages.resend_stored_message", model_parser(SendResult), kind=RequestKind.SEND)
_GET_STORED = Operation("messages.get_stored_message", model_parser(StoredMessage))
_CANCEL = Operation("messages.delete_scheduled_messages", model_parser(StatusMessage))
_QUEUES = Operation("messages.get_domains_name_sending_queues", model_parser(SendingQueues))

MAX_RECIPIENTS = 1000  # to + cc + bcc of one message; recipients of one batch chunk
MAX_OPTIONS_BYTES = 16 * 1024  # o:, h:, v: and t: parameters together (names and values, UTF-8)
_OPTION_PARAMS = {"o:": "tags", "h:": "headers", "v:": "variables", "t:": "template_variables"}  # for errors

Tracking: TypeAlias = bool | TrackingMode
"""``True``/``False`` or Mailgun's ``"yes"``, ``"no"``, ``"htmlonly"``."""

_HEADER_NAME = re.compile(r"^[!-9;-~]+$")  # RFC 5322 field-name: printable ASCII except ':'
_DELIVER_WITHIN = re.compile(r"^(?:\d+h)?(?:\d+m)?$")
_HOURS = re.compile(r"^\d+h$")
_TIME_OF_DAY = re.compile(r"^\d{1,2}:\d{2}(?:[aApP][mM])?$")
_STORAGE_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+mailgun\.net$")
_PLAIN_ADDRESS = re.compile(r"^[^\s<>()\[\]\\,;:\"@]+@[^\s<>()\[\]\\,;:\"@]+$")  # no display name: parseaddr not needed
_STORED_PATH = re.compile(r"^/v3/domains/([^/]+)/messages/([^/]+)/?$")


# -- small checks ------------------------------------------------------------------------------------------------


def _string(name: str, value: Any, *, line: bool = False) -> str | None:
    """A str (None stays None) that encodes as UTF-8; ``line``: no CR, LF or NUL (it becomes a header)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(name, f"must be a string, got {type(value).__name__}")
    if not value.isascii():  # only non-ASCII text can hold a lone surrogate
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(name, "is not valid Unicode (it contains a lone surrogate)") from None
    if line and has_line_break(value):
        raise ValidationError(name, "must not contain line breaks or NUL")
    return value


def _lines(name: str, value: str | Iterable[str] | None) -> list[str] | None:
    items = string_list(name, value)
    if items is not None:
        for item in items:
            _string(name, item, line=True)
    return items


def _json(name: str, value: Any) -> str:
    try:
        encoded = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as exc:
        raise ValidationError(name, f"must be JSON-serialisable: {exc}") from None
    _string(name, encoded)
    return encoded


def _json_object(name: str, value: Any) -> str | None:
    return None if value is None else _json(name, mapping(name, value))


def _yes_no(name: str, value: bool | None) -> str | None:
    flag = boolean(name, value)
    return None if flag is None else "yes" if flag else "no"


def _tracking(name: str, value: Tracking | None) -> str | None:
    if value is None or isinstance(value, bool):
        return _yes_no(name, value)
    return choice(name, value)


def _matching(name: str, value: Any, pattern: re.Pattern[str], example: str) -> str | None:
    checked = _string(name, value, line=True)
    if checked is not None and (not checked or not pattern.match(checked)):
        raise ValidationError(name, f"must look like {example}, got {checked!r}")
    return checked


def _window(name: str, value: str | dt.timedelta | None) -> str | None:
    """o:deliver-within: ``"1h30m"``, or a timedelta of whole minutes."""
    if isinstance(value, dt.timedelta):
        seconds = value.total_seconds()
        if seconds <= 0 or seconds % 60:
            raise ValidationError(name, "must be a positive whole number of minutes")
        hours, minutes = divmod(int(seconds) // 60, 60)
        value = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return _matching(name, value, _DELIVER_WITHIN, "'1h30m'")


def _hours(name: str, value: str | dt.timedelta | None) -> str | None:
    """o:deliverytime-optimize-period: ``"24h"``, or a timedelta of whole hours."""
    if isinstance(value, dt.timedelta):
        seconds = value.total_seconds()
        if seconds <= 0 or seconds % 3600:
            raise ValidationError(name, "must be a positive whole number of hours")
        value = f"{int(seconds) // 3600}h"
    return _matching(name, value, _HOURS, "'24h'")


def _time_of_day(name: str, value: str | dt.time | None) -> str | None:
    """o:time-zone-localize: the recipient's local time, ``"09:00"`` or ``"9:00AM"``, or a naive ``time``."""
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise ValidationError(name, "is the recipient's local time: give a time without tzinfo")
        value = value.strftime("%H:%M")
    return _matching(name, value, _TIME_OF_DAY, "'09:00' or '9:00AM'")


def _prefixed(name: str, prefix: str, value: Any, *, json_values: bool) -> dict[str, str]:
    """``{"X-Id": "1"}`` -> ``{"h:X-Id": "1"}``; with ``json_values``, non-str values are JSON-encoded."""
    items = mapping(name, value) or {}
    out: dict[str, str] = {}
    for key, item in items.items():
        if not isinstance(key, str) or not key or any(ord(c) < 33 or ord(c) == 127 for c in key):
            raise ValidationError(name, f"names must be non-empty strings without spaces or controls, got {key!r}")
        if prefix == "h:" and not _HEADER_NAME.match(key):
            raise ValidationError(name, f"not a header name: {key!r}")
        if isinstance(item, str):
            out[prefix + key] = _string(f"{name}[{key!r}]", item, line=prefix == "h:") or ""
        elif json_values:
            out[prefix + key] = _json(f"{name}[{key!r}]", item)
        else:
            raise ValidationError(name, f"value of {key!r} must be a string, got {type(item).__name__}")
    return out


def _extra(value: Mapping[str, str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, item in (mapping("extra", value) or {}).items():
        if not isinstance(key, str) or not key or any(ord(c) < 32 or ord(c) == 127 for c in key):
            raise ValidationError("extra", f"parameter names must be non-empty strings, got {key!r}")
        out[key] = _string(f"extra[{key!r}]", item) or ""
    return out


def _domain(value: Any) -> str:
    return nonblank("domain", value)


# -- the parts of a send -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Options:
    """Validated send options, as generated-model keyword arguments plus extra multipart parameters."""

    fields: dict[str, Any]
    additional: dict[str, str]


def _options(
    *,
    template: str | None,
    template_version: str | None,
    template_variables: Mapping[str, Any] | None,
    template_text: bool | None,
    tags: str | Iterable[str] | None,
    headers: Mapping[str, str] | None,
    variables: Mapping[str, Any] | None,
    recipient_variables: Mapping[str, Mapping[str, Any]] | None,
    deliver_at: dt.datetime | None,
    deliver_within: str | dt.timedelta | None,
    test_mode: bool | None,
    tracking: Tracking | None,
    tracking_clicks: Tracking | None,
    tracking_opens: bool | None,
    tracking_pixel_location_top: Tracking | None,
    dkim: bool | None,
    secondary_dkim: str | None,
    secondary_dkim_public: str | None,
    require_tls: bool | None,
    skip_verification: bool | None,
    send_time_optimization: str | dt.timedelta | None,
    time_zone_localize: str | dt.time | None,
    sending_ip: str | None,
    sending_ip_pool: str | None,
    archive_to: str | None,
    suppress_headers: str | Iterable[str] | None,
    extra: Mapping[str, str] | None,
) -> _Options:
    template = opt_text("template", template)
    if template is None:
        for name, value in (
            ("template_version", template_version),
            ("template_variables", template_variables),
            ("template_text", template_text),
        ):
            if value is not None:
                raise ValidationError(name, "needs template")
    if recipient_variables is not None:
        for address, values in (mapping("recipient_variables", recipient_variables) or {}).items():
            if not isinstance(address, str) or mapping("recipient_variables", values) is None:
                raise ValidationError("recipient_variables", "must map each address to a mapping of variables")
    suppressed = _lines("suppress_headers", suppress_headers)
    fields = given(
        template=template,
        tversion=opt_text("template_version", template_version),
        tvariables=_json_object("template_variables", template_variables),
        ttext="yes" if boolean("template_text", template_text) else None,
        otag=_lines("tags", tags),
        odkim=_yes_no("dkim", dkim),
        osecondary_dkim=opt_text("secondary_dkim", secondary_dkim),
        osecondary_dkim_public=opt_text("secondary_dkim_public", secondary_dkim_public),
        odeliverytime=rfc2822("deliver_at", deliver_at),
        odeliver_within=_window("deliver_within", deliver_within),
        odeliverytime_optimize_period=_hours("send_time_optimization", send_time_optimization),
        otime_zone_localize=_time_of_day("time_zone_localize", time_zone_localize),
        otestmode=_yes_no("test_mode", test_mode),
        otracking=_tracking("tracking", tracking),
        otracking_clicks=_tracking("tracking_clicks", tracking_clicks),
        otracking_opens=_yes_no("tracking_opens", tracking_opens),
        otracking_pixel_location_top=_tracking("tracking_pixel_location_top", tracking_pixel_location_top),
        orequire_tls=_yes_no("require_tls", require_tls),
        oskip_verification=_yes_no("skip_verification", skip_verification),
        osending_ip=opt_text("sending_ip", sending_ip),
        osending_ip_pool=opt_text("sending_ip_pool", sending_ip_pool),
        oarchive_to=opt_text("archive_to", archive_to),
        osuppress_headers=",".join(suppressed) if suppressed else None,
        recipient_variables=_json_object("recipient_variables", recipient_variables),
    )
    if secondary_dkim_public is not None and secondary_dkim is None:
        raise ValidationError("secondary_dkim_public", "needs secondary_dkim")
    additional = {
        **_prefixed("headers", "h:", headers, json_values=False),
        **_prefixed("variables", "v:", variables, json_values=True),
        **_extra(extra),
    }
    return _Options(fields, additional)


_OPTION_NAMES = tuple(inspect.signature(_options).parameters)


def _options_of(arguments: Mapping[str, Any]) -> _Options:
    """``_options`` of a builder's own arguments (its ``locals()`` as it starts): the builders spell the options
    out in their signatures, for IDEs and type checkers, and hand them on here in one line."""
    values = [arguments.get(name) for name in _OPTION_NAMES]
    if values.count(None) == len(values):  # the usual send: no option given, nothing to check
        return _Options({}, {})
    return _options(**dict(zip(_OPTION_NAMES, values, strict=True)))


def _count_recipients(*lists: list[str] | None) -> int:
    # Only an entry with a comma can hold several addresses ("a@x, b@y"); parsing every entry costs ~20 us each.
    entries = [entry for entries in lists if entries for entry in entries]
    several = [entry for entry in entries if "," in entry]
    if not several:
        return len(entries)
    return len(entries) - len(several) + len(email.utils.getaddresses(several))


def _check_recipients(to: list[str] | None, cc: list[str] | None = None, bcc: list[str] | None = None) -> None:
    if not to:
        raise ValidationError("to", "give at least one recipient")
    count = _count_recipients(to, cc, bcc)
    if count > MAX_RECIPIENTS:
        raise ValidationError(
            "to",
            f"to, cc and bcc hold {count} recipients; Mailgun takes at most {MAX_RECIPIENTS} per message "
            "(send_batch() splits larger sends)",
        )


def _files(uploads_: list[Upload]) -> list[Any] | None:
    if not uploads_:
        return None
    from mailgun_openapi.types import File

    return [File(payload=u.payload(), file_name=u.filename, mime_type=u.content_type) for u in uploads_]


def _parts(body: Any, *, drop: frozenset[str] = frozenset()) -> list[tuple[str, Any]]:
    """The multipart parts of a request model, without ``drop``; checks Mailgun's 16 KB limit on options."""
    try:
        parts: list[tuple[str, Any]] = body.to_multipart()
    except UnicodeEncodeError:
        raise ValidationError(_unencodable(body), "is not valid Unicode (it contains a lone surrogate)") from None
    if drop:
        parts = [part for part in parts if part[0] not in drop]
    sizes: dict[str, int] = {}
    for name, value in parts:
        if name[1:2] == ":" and name[:2] in _OPTION_PARAMS:  # o:, h:, v:, t:
            sizes[name[:2]] = sizes.get(name[:2], 0) + len(name.encode()) + len(value[1])
    total = sum(sizes.values())
    if total > MAX_OPTIONS_BYTES:
        biggest = max(sizes, key=lambda prefix: sizes[prefix])
        raise ValidationError(
            _OPTION_PARAMS[biggest],
            f"the o:, h:, v: and t: parameters take {total} bytes ({biggest} {sizes[biggest]}); Mailgun accepts "
            f"at most {MAX_OPTIONS_BYTES} in all",
        )
    return parts


def _unencodable(body: Any) -> str:
    """The field of a request model holding a string that UTF-8 cannot encode (for the error message)."""
    import attrs

    values: dict[str, Any] = {**attrs.asdict(body, recurse=False), **body.additional_properties}
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return _PARAM_OF_FIELD.get(name[:2], _PARAM_OF_FIELD.get(name, name.removeprefix("o")))
    return "message"


# Request-model fields (and extra parameters, by prefix) -> the parameter users gave them as.
_PARAM_OF_FIELD = {"h:": "headers", "v:": "variables", "tversion": "template_version", "template": "template"}


def _with_parts(call: Call[Any], parts: list[tuple[str, Any]]) -> Call[Any]:
    return call.with_overrides(files=parts)


class _Message:
    """A checked message without its recipients: the generated body template and its attachments."""

    __slots__ = ("attachments", "body", "domain", "drop", "inline")

    def __init__(
        self, domain: str, body: Any, drop: frozenset[str], attachments: list[Upload], inline: list[Upload]
    ) -> None:
        self.domain = domain
        self.body = body  # SendMessageRequest; `to` and `recipient_variables` are set per send
        self.drop = drop
        self.attachments = attachments
        self.inline = inline

    @property
    def shared_files(self) -> bool:
        return any(u.shared for u in (*self.attachments, *self.inline))

    def call(self, to: list[str], recipient_variables: str | None = None, *, reuse: bool = True) -> Call[SendResult]:
        """A send of this message to ``to``, with fresh readers for path and bytes attachments.

        ``reuse=False`` (a single send) fills in this message's own body instead of copying it: copying a
        ~50-field model is a third of the builder's time, and only a batch sends one body several times."""
        fields: dict[str, Any] = {"to": to}
        if self.attachments:
            fields["attachment"] = _files(self.attachments)
        if self.inline:
            fields["inline"] = _files(self.inline)
        if recipient_variables is not None:
            fields["recipient_variables"] = recipient_variables
        if reuse:
            import attrs
            from mailgun_openapi.types import UNSET

            body = attrs.evolve(self.body, **{"attachment": UNSET, "inline": UNSET, **fields})
            body.additional_properties = dict(self.body.additional_properties)  # not an init field: evolve drops it
        else:
            body = self.body
            for name, value in fields.items():
                setattr(body, name, value)
        # Built directly (not _SEND.call(...).with_overrides(...)): this is the hot path of every send.
        parts = _parts(body, drop=self.drop)
        return Call(_SEND, {"domain_name": self.domain, "body": body}, _SEND.parse, {"files": parts})


def _message(
    domain: str,
    *,
    from_: str,
    cc: str | Iterable[str] | None,
    bcc: str | Iterable[str] | None,
    subject: str | None,
    text: str | None,
    html: str | None,
    amp_html: str | None,
    attachments: Attachment | Iterable[Attachment] | None,
    inline: Attachment | Iterable[Attachment] | None,
    options: _Options,
) -> _Message:
    from mailgun_openapi.models.send_message_request import SendMessageRequest

    bodies = {
        "text": _string("text", text),
        "html": _string("html", html),
        "amp_html": _string("amp_html", amp_html),
    }
    if not any(bodies.values()) and "template" not in options.fields:
        raise ValidationError("text", "give text, html, amp_html or template")
    if bodies["html"] is not None and "template" in options.fields:
        raise ValidationError("template", "Mailgun takes html or template, not both")
    subject = _string("subject", subject, line=True)
    body = SendMessageRequest(
        from_=nonblank("from_", from_),
        to=[],
        subject=subject or "",
        **given(cc=_lines("cc", cc), bcc=_lines("bcc", bcc), **bodies),
        **options.fields,
    )
    body.additional_properties = dict(options.additional)
    message = _Message(
        domain=_domain(domain),
        body=body,
        # The spec makes `subject` required; Mailgun does not (a template may set it), so it is sent only if given.
        drop=frozenset() if subject is not None else frozenset({"subject"}),
        attachments=uploads("attachments", attachments),
        inline=uploads("inline", inline),
    )
    return message


# -- builders ----------------------------------------------------------------------------------------------------


def send_message(
    domain: str,
    *,
    from_: str,
    to: str | Iterable[str],
    cc: str | Iterable[str] | None = None,
    bcc: str | Iterable[str] | None = None,
    subject: str | None = None,
    text: str | None = None,
    html: str | None = None,
    amp_html: str | None = None,
    template: str | None = None,
    template_version: str | None = None,
    template_variables: Mapping[str, Any] | None = None,
    template_text: bool | None = None,
    tags: str | Iterable[str] | None = None,
    headers: Mapping[str, str] | None = None,
    variables: Mapping[str, Any] | None = None,
    recipient_variables: Mapping[str, Mapping[str, Any]] | None = None,
    attachments: Attachment | Iterable[Attachment] | None = None,
    inline: Attachment | Iterable[Attachment] | None = None,
    deliver_at: dt.datetime | None = None,
    deliver_within: str | dt.timedelta | None = None,
    test_mode: bool | None = None,
    tracking: Tracking | None = None,
    tracking_clicks: Tracking | None = None,
    tracking_opens: bool | None = None,
    tracking_pixel_location_top: Tracking | None = None,
    dkim: bool | None = None,
    secondary_dkim: str | None = None,
    secondary_dkim_public: str | None = None,
    require_tls: bool | None = None,
    skip_verification: bool | None = None,
    send_time_optimization: str | dt.timedelta | None = None,
    time_zone_localize: str | dt.time | None = None,
    sending_ip: str | None = None,
    sending_ip_pool: str | None = None,
    archive_to: str | None = None,
    suppress_headers: str | Iterable[str] | None = None,
    extra: Mapping[str, str] | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[SendResult]:
    """Send a message (never retried once Mailgun may have taken it); the result's ``id`` is its Message-Id.

    ``to``/``cc``/``bcc``: an address or a list (at most 1,000 together). ``headers`` become ``h:`` and
    ``variables`` ``v:`` parameters (non-str values JSON-encoded). ``attachments``/``inline``: a path, bytes, a
    binary file object or ``(filename, content, content_type)``, or a list of them; files are streamed.
    ``deliver_at`` is an aware datetime. ``extra`` passes other Mailgun parameters as they are.
    """
    options = _options_of(locals())
    recipients = _lines("to", to)
    message = _message(
        domain,
        from_=from_,
        cc=cc,
        bcc=bcc,
        subject=subject,
        text=text,
        html=html,
        amp_html=amp_html,
        attachments=attachments,
        inline=inline,
        options=options,
    )
    _check_recipients(recipients, message.body.cc or None, message.body.bcc or None)
    assert recipients is not None
    return message.call(recipients, reuse=False)


def send_mime_message(
    domain: str,
    *,
    to: str | Iterable[str],
    mime: bytes | email.message.Message | os.PathLike[str] | IO[bytes],
    template: str | None = None,
    template_version: str | None = None,
    template_variables: Mapping[str, Any] | None = None,
    template_text: bool | None = None,
    tags: str | Iterable[str] | None = None,
    headers: Mapping[str, str] | None = None,
    variables: Mapping[str, Any] | None = None,
    recipient_variables: Mapping[str, Mapping[str, Any]] | None = None,
    deliver_at: dt.datetime | None = None,
    deliver_within: str | dt.timedelta | None = None,
    test_mode: bool | None = None,
    tracking: Tracking | None = None,
    tracking_clicks: Tracking | None = None,
    tracking_opens: bool | None = None,
    tracking_pixel_location_top: Tracking | None = None,
    dkim: bool | None = None,
    secondary_dkim: str | None = None,
    secondary_dkim_public: str | None = None,
    require_tls: bool | None = None,
    skip_verification: bool | None = None,
    send_time_optimization: str | dt.timedelta | None = None,
    time_zone_localize: str | dt.time | None = None,
    sending_ip: str | None = None,
    sending_ip_pool: str | None = None,
    archive_to: str | None = None,
    suppress_headers: str | Iterable[str] | None = None,
    extra: Mapping[str, str] | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[SendResult]:
    """Send a message you built yourself: ``mime`` is bytes, an ``email.message.EmailMessage``, a path or a
    binary file (streamed); ``to`` lists the envelope recipients. Options as in ``send()``."""
    from mailgun_openapi.models.send_mime_message_request import SendMimeMessageRequest
    from mailgun_openapi.types import File

    options = _options_of(locals())
    recipients = _lines("to", to)
    _check_recipients(recipients)
    assert recipients is not None
    if isinstance(mime, email.message.Message):
        policy = mime.policy if isinstance(mime.policy, email.policy.EmailPolicy) else email.policy.SMTP
        mime = mime.as_bytes(policy=policy.clone(linesep="\r\n"))
    if not isinstance(mime, (bytes, bytearray, memoryview, os.PathLike)) and not _is_stream(mime):
        raise ValidationError(
            "mime", "must be bytes, an email.message.EmailMessage, a pathlib.Path or a binary file object"
        )
    (upload,) = uploads("mime", mime)
    if isinstance(upload.source, bytes) and not upload.source.strip():
        raise ValidationError("mime", "is empty")
    message = File(payload=upload.payload(), file_name="message.mime", mime_type="message/rfc822")
    body = SendMimeMessageRequest(to=recipients, message=message, **options.fields)
    body.additional_properties = dict(options.additional)
    return _with_parts(_SEND_MIME.call(domain_name=_domain(domain), body=body), _parts(body))


def _is_stream(value: Any) -> bool:
    return callable(getattr(value, "read", None))


# -- stored messages ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Stored:
    domain: str
    key: str | None
    origin: str | None  # "https://<storage host>", or None for the client's base URL

    def route(self, call: Call[Any]) -> Call[Any]:
        if self.origin is None:
            return call
        return call.with_overrides(url=self.origin + call.request_args()["url"])


def _storage_origin(param: str, value: str) -> str:
    """``https://<host>`` of a storage URL or host name, only for https hosts under ``.mailgun.net``."""
    parts = urlsplit(value if "://" in value else f"https://{value}")
    host = parts.netloc.lower()
    if parts.scheme.lower() != "https" or not _STORAGE_HOST.match(host):
        # No userinfo, no port, nothing but an https host under mailgun.net: the API key goes with the request.
        raise ValidationError(param, f"must be an https URL on a *.mailgun.net storage host, got {value!r}")
    return f"https://{host}"


def _stored(
    domain_or_url: str | Sequence[str], storage_key: str | None, storage_host: str | None, *, need_key: bool
) -> _Stored:
    if not isinstance(domain_or_url, str) and isinstance(domain_or_url, Sequence) and domain_or_url:
        domain_or_url = domain_or_url[0]  # Logs report `storage.url` as a list
    value = nonblank("domain_or_url", domain_or_url)
    origin = None if storage_host is None else _storage_origin("storage_host", nonblank("storage_host", storage_host))
    if "://" not in value:
        key = opt_text("storage_key", storage_key)
        if need_key and key is None:
            raise ValidationError("storage_key", "give a domain and a storage key, or the storage URL")
        return _Stored(_domain(value), key, origin)
    url_origin = _storage_origin("domain_or_url", value)
    parts = urlsplit(value)
    match = _STORED_PATH.match(parts.path)
    if match is None or parts.query or parts.fragment:
        raise ValidationError(
            "domain_or_url", f"not a stored message URL (/v3/domains/<domain>/messages/<key>): {value!r}"
        )
    if origin is not None and origin != url_origin:
        raise ValidationError("storage_host", "differs from the URL's host")
    domain, key = unquote(match[1]), unquote(match[2])
    if storage_key is not None and storage_key != key:
        raise ValidationError("storage_key", "differs from the key in the URL")
    return _Stored(_domain(domain), nonblank("storage_key", key), url_origin)


def get_stored_message(
    domain_or_url: str | Sequence[str],
    storage_key: str | None = None,
    *,
    storage_host: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[StoredMessage]:
    """A stored message, from the storage ``url`` an event or log reports, or a domain and its storage key."""
    target = _stored(domain_or_url, storage_key, storage_host, need_key=True)
    call: Call[StoredMessage] = target.route(_GET_STORED.call(domain_name=target.domain, storage_key=target.key))
    return call


def resend_message(
    domain_or_url: str | Sequence[str],
    storage_key: str | None = None,
    *,
    to: str | Iterable[str],
    storage_host: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[SendResult]:
    """Send a stored message again, to ``to`` (an address or a list); never retried once Mailgun may have it."""
    from mailgun_openapi.models.resend_stored_message_request import ResendStoredMessageRequest

    recipients = _lines("to", to)
    _check_recipients(recipients)
    assert recipients is not None
    target = _stored(domain_or_url, storage_key, storage_host, need_key=True)
    body = ResendStoredMessageRequest(to=", ".join(recipients))
    call: Call[SendResult] = target.route(_RESEND.call(domain_name=target.domain, storage_key=target.key, body=body))
    return call


def cancel_scheduled_messages(
    domain_or_url: str | Sequence[str],
    *,
    storage_host: str | None = None,
    **extras: Unpack[RequestExtras],
) -> Call[StatusMessage]:
    """Delete ALL of the domain's scheduled and undelivered messages (Mailgun has no per-message cancel).

    Mailgun serves this on the storage host of the messages: give one of their storage URLs, or the domain and
    ``storage_host`` (e.g. ``"storage-us-east4.api.mailgun.net"``).
    """
    target = _stored(domain_or_url, None, storage_host, need_key=False)
    call: Call[StatusMessage] = target.route(_CANCEL.call(domain_name=target.domain))
    return call


def get_sending_queues(domain: str, **extras: Unpack[RequestExtras]) -> Call[SendingQueues]:
    """Whether the domain's regular and scheduled queues accept messages (and why not, until when)."""
    return _QUEUES.call(name=_domain(domain))


# -- batch sending -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchChunk:
    """One send of a batch: its recipients, and the result or the exception (never both)."""

    index: int
    recipients: tuple[str, ...]
    result: SendResult | None = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def id(self) -> str | None:
        """The Message-Id Mailgun gave this chunk (None when it failed)."""
        value = getattr(self.result, "id", None)
        return value if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Every chunk of a batch, in order. A failed chunk does not stop the others: check ``ok``/``failed``."""

    chunks: tuple[BatchChunk, ...]

    def __iter__(self) -> Iterator[BatchChunk]:
        return iter(self.chunks)

    def __len__(self) -> int:
        return len(self.chunks)

    def __getitem__(self, index: int) -> BatchChunk:
        return self.chunks[index]

    @property
    def ok(self) -> bool:
        return all(chunk.ok for chunk in self.chunks)

    @property
    def ids(self) -> list[str]:
        """Message-Ids of the chunks Mailgun took."""
        return [chunk.id for chunk in self.chunks if chunk.id is not None]

    @property
    def failed(self) -> list[BatchChunk]:
        return [chunk for chunk in self.chunks if not chunk.ok]

    def raise_for_errors(self) -> None:
        """Raise the first failed chunk's exception (the others are in ``failed``)."""
        for chunk in self.chunks:
            if chunk.error is not None:
                raise chunk.error


@dataclass(frozen=True, slots=True)
class _Batch:
    message: _Message
    chunks: list[list[tuple[str, str, Mapping[str, Any]]]]  # (address as given, bare address, variables)
    concurrency: int
    extras: Extras | None = None  # the caller's extra_* keywords, sent with every chunk

    def call(self, index: int) -> Call[SendResult]:
        chunk = self.chunks[index]
        variables = _json("recipients", {bare: values for _, bare, values in chunk})
        return self.message.call([address for address, _, _ in chunk], variables).with_extras(self.extras)

    def recipients(self, index: int) -> tuple[str, ...]:
        return tuple(address for address, _, _ in self.chunks[index])


def _batch_recipients(value: Any) -> list[tuple[str, str, Mapping[str, Any]]]:
    if isinstance(value, Mapping):
        entries: Iterable[Any] = value.items()
    elif isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError(
            "recipients", "must map addresses to variables, or be an iterable of (address, variables)"
        )
    else:
        entries = value
    out: list[tuple[str, str, Mapping[str, Any]]] = []
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, (tuple, list)) or len(entry) != 2:
            raise ValidationError("recipients", f"each recipient is (address, variables), got {entry!r}")
        address, values = entry
        address = nonblank("recipients", address)
        _string("recipients", address)
        if _PLAIN_ADDRESS.match(address):
            bare = address
        else:
            parsed = email.utils.getaddresses([address])
            bare = parsed[0][1] if len(parsed) == 1 else ""
        if "@" not in bare:
            raise ValidationError("recipients", f"not one email address: {address!r}")
        if bare.lower() in seen:
            raise ValidationError("recipients", f"{bare!r} is listed twice (it would get two messages)")
        seen.add(bare.lower())
        values = {} if values is None else mapping("recipients", values)
        assert values is not None
        _json(f"recipients[{bare!r}]", values)  # checked now; each chunk's JSON is built when it is sent
        out.append((address, bare, values))
    if not out:
        raise ValidationError("recipients", "give at least one recipient")
    return out


def plan_batch(
    domain: str,
    *,
    recipients: Mapping[str, Mapping[str, Any] | None] | Iterable[tuple[str, Mapping[str, Any] | None]],
    from_: str,
    subject: str | None = None,
    text: str | None = None,
    html: str | None = None,
    amp_html: str | None = None,
    template: str | None = None,
    template_version: str | None = None,
    template_variables: Mapping[str, Any] | None = None,
    template_text: bool | None = None,
    tags: str | Iterable[str] | None = None,
    headers: Mapping[str, str] | None = None,
    variables: Mapping[str, Any] | None = None,
    attachments: Attachment | Iterable[Attachment] | None = None,
    inline: Attachment | Iterable[Attachment] | None = None,
    deliver_at: dt.datetime | None = None,
    deliver_within: str | dt.timedelta | None = None,
    test_mode: bool | None = None,
    tracking: Tracking | None = None,
    tracking_clicks: Tracking | None = None,
    tracking_opens: bool | None = None,
    tracking_pixel_location_top: Tracking | None = None,
    dkim: bool | None = None,
    secondary_dkim: str | None = None,
    secondary_dkim_public: str | None = None,
    require_tls: bool | None = None,
    skip_verification: bool | None = None,
    send_time_optimization: str | dt.timedelta | None = None,
    time_zone_localize: str | dt.time | None = None,
    sending_ip: str | None = None,
    sending_ip_pool: str | None = None,
    archive_to: str | None = None,
    suppress_headers: str | Iterable[str] | None = None,
    extra: Mapping[str, str] | None = None,
    chunk_size: int = MAX_RECIPIENTS,
    concurrency: int = 4,
    **extras: Unpack[RequestExtras],
) -> _Batch:
    """Send one message to each recipient, personalised with its variables (``%recipient.name%``), in chunks
    of ``chunk_size`` (at most 1,000) using ``recipient-variables``. Returns a ``BatchResult`` with one entry per
    chunk: its id, or its exception (a failed chunk does not stop the others). The async client sends up to
    ``concurrency`` chunks at once (one at a time when an attachment is your own file object); the sync client
    sends them in order. Everything is checked before the first chunk is sent.
    """
    options = _options_of(locals())
    size = int_range("chunk_size", chunk_size, 1, MAX_RECIPIENTS)
    workers = int_range("concurrency", concurrency, 1)
    assert size is not None and workers is not None
    message = _message(
        domain,
        from_=from_,
        cc=None,
        bcc=None,
        subject=subject,
        text=text,
        html=html,
        amp_html=amp_html,
        attachments=attachments,
        inline=inline,
        options=options,
    )
    _parts(message.body, drop=message.drop)  # the 16 KB check, before the first chunk is sent
    everyone = _batch_recipients(recipients)
    chunks = [everyone[i : i + size] for i in range(0, len(everyone), size)]
    return _Batch(message, chunks, 1 if message.shared_files else workers)


class _SyncBatch(Generic[P]):
    __slots__ = ("_build", "_client")

    def __init__(self, client: Mailgun, build: Callable[P, _Batch]) -> None:
        self._client = client
        self._build = build

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> BatchResult:
        batch = _batch_with_extras(self._build, args, kwargs)
        warn_if_deprecated(_SEND)
        return BatchResult(tuple(self._chunk(batch, i) for i in range(len(batch.chunks))))

    def _chunk(self, batch: _Batch, index: int) -> BatchChunk:
        recipients = batch.recipients(index)
        try:
            result = self._client._run(batch.call(index))
        except Exception as exc:  # reported in the result: one failed chunk must not hide what the others did
            return BatchChunk(index, recipients, error=exc)
        return BatchChunk(index, recipients, result=result)


class _AsyncBatch(Generic[P]):
    __slots__ = ("_build", "_client")

    def __init__(self, client: AsyncMailgun, build: Callable[P, _Batch]) -> None:
        self._client = client
        self._build = build

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Awaitable[BatchResult]:
        batch = _batch_with_extras(self._build, args, kwargs)  # checked now, as every other call is
        warn_if_deprecated(_SEND)
        return self._send(batch)

    async def _send(self, batch: _Batch) -> BatchResult:
        gate = asyncio.Semaphore(batch.concurrency)

        async def one(index: int) -> BatchChunk:
            recipients = batch.recipients(index)
            async with gate:
                try:
                    result = await self._client._run(batch.call(index))
                except Exception as exc:  # reported in the result, as in the sync client
                    return BatchChunk(index, recipients, error=exc)
                return BatchChunk(index, recipients, result=result)

        return BatchResult(tuple(await asyncio.gather(*(one(i) for i in range(len(batch.chunks))))))


def _batch_with_extras(build: Callable[..., _Batch], args: tuple[Any, ...], kwargs: dict[str, Any]) -> _Batch:
    extras = take(kwargs)
    batch = build(*args, **kwargs)
    if extras is None:
        return batch
    batch = dataclasses.replace(batch, extras=extras)
    batch.call(0).request_args()  # the extras checked before the first chunk is sent
    return batch


def _sync_batch(build: Callable[P, _Batch]) -> Descriptor[_SyncBatch[P]]:
    return Descriptor(build, _SyncBatch)


def _async_batch(build: Callable[P, _Batch]) -> Descriptor[_AsyncBatch[P]]:
    return Descriptor(build, _AsyncBatch)


# -- resources ---------------------------------------------------------------------------------------------------


class Messages(SyncResource):
    send = sync_call(send_message)
    send_mime = sync_call(send_mime_message)
    send_batch = _sync_batch(plan_batch)
    get_stored = sync_call(get_stored_message)
    resend = sync_call(resend_message)
    cancel_scheduled = sync_call(cancel_scheduled_messages)
    sending_queues = sync_call(get_sending_queues)


class AsyncMessages(AsyncResource):
    send = async_call(send_message)
    send_mime = async_call(send_mime_message)
    send_batch = _async_batch(plan_batch)
    get_stored = async_call(get_stored_message)
    resend = async_call(resend_message)
    cancel_scheduled = async_call(cancel_scheduled_messages)
    sending_queues = async_call(get_sending_queues)
