"""``mailgun webhooks post URL --event delivered``: a signed sample event posted to your own handler.

The loop for developing a webhook handler locally: the body has Mailgun's JSON shape (``signature`` and
``event-data``), signed as Mailgun signs (HMAC-SHA256 of timestamp + token with the webhook signing key), and
checked with ``mailgun.webhook_verification.verify_signature`` before it is sent. The verdict is what the
handler answered, read the way Mailgun reads it.
"""

from __future__ import annotations

import json
import os
import secrets
import time
import uuid
from typing import Any

import click
import httpx

from ..webhook_verification import compute_signature, verify_signature
from ._app import common_options, settings
from ._output import Output

__all__ = ["command", "sample_event"]

# Webhook names (what you subscribe to) -> the event-data "event" Mailgun posts.
EVENTS = {
    "accepted": "accepted",
    "delivered": "delivered",
    "opened": "opened",
    "clicked": "clicked",
    "unsubscribed": "unsubscribed",
    "complained": "complained",
    "permanent_fail": "failed",
    "temporary_fail": "failed",
}
SIGNING_KEY_ENV = "MAILGUN_WEBHOOK_SIGNING_KEY"
BODY_SHOWN = 500  # characters of the handler's answer printed


def sample_event(webhook: str, *, recipient: str, domain: str, now: float) -> dict[str, Any]:
    """A realistic ``event-data`` for ``webhook`` (a webhook name such as ``permanent_fail``)."""
    recipient_domain = recipient.rpartition("@")[2]
    data: dict[str, Any] = {
        "id": uuid.uuid4().hex[:22],
        "timestamp": round(now, 3),
        "log-level": "info",
        "event": EVENTS[webhook],
        "recipient": recipient,
        "recipient-domain": recipient_domain,
        "tags": ["cli-sample"],
        "user-variables": {"source": "mailgun webhooks post"},
        "envelope": {"sender": f"postmaster@{domain}", "transport": "smtp", "targets": recipient},
        "message": {
            "headers": {
                "message-id": f"{int(now)}.{secrets.token_hex(4)}@{domain}",
                "from": f"Sample <sample@{domain}>",
                "to": recipient,
                "subject": "A sample event from the mailgun command",
            },
            "attachments": [],
            "size": 1024,
        },
        "flags": {"is-authenticated": True, "is-test-mode": False, "is-routed": False},
        "storage": {
            "key": secrets.token_urlsafe(24),
            "url": f"https://storage.api.mailgun.net/v3/domains/{domain}/messages/sample",
        },
    }
    if webhook == "delivered":
        data["delivery-status"] = {"code": 250, "message": "OK", "description": "", "attempt-no": 1, "tls": True}
    elif webhook in ("permanent_fail", "temporary_fail"):
        permanent = webhook == "permanent_fail"
        data["log-level"] = "error" if permanent else "warn"
        data["severity"] = "permanent" if permanent else "temporary"
        data["reason"] = "bounce" if permanent else "generic"
        data["delivery-status"] = {
            "code": 550 if permanent else 452,
            "message": "5.1.1 The email account does not exist" if permanent else "4.2.2 Mailbox full",
            "description": "",
            "attempt-no": 1,
        }
    elif webhook in ("opened", "clicked"):
        data["client-info"] = {"client-type": "browser", "client-os": "Linux", "device-type": "desktop"}
        data["geolocation"] = {"country": "US", "region": "CA", "city": "San Francisco"}
        if webhook == "clicked":
            data["url"] = "https://example.com/welcome"
    elif webhook == "complained":
        data["log-level"] = "warn"
    return data


@click.group("webhooks")
@common_options
def command() -> None:
    """Develop webhook handlers: post signed sample events to them."""


@command.command("post")
@click.argument("url")
@click.option("--event", "-e", "webhook", type=click.Choice(sorted(EVENTS)), default="delivered", show_default=True)
@click.option("--recipient", default="alice@example.com", show_default=True)
@click.option("--domain", "-d", envvar="MAILGUN_DOMAIN", default="mg.example.com", show_default=True)
@click.option("--bad-signature", is_flag=True, help="Sign with a wrong key: a correct handler must refuse it.")
@click.option("--timeout", type=click.FloatRange(0.1, 120), default=10.0, show_default=True)
@common_options
def post(url: str, webhook: str, recipient: str, domain: str, bad_signature: bool, timeout: float) -> None:
    """Post a signed sample event to URL; prints what the handler answered.

    The key is MAILGUN_WEBHOOK_SIGNING_KEY, or else the account's, read with MAILGUN_API_KEY. Exit 0 when the
    handler accepted the event (2xx), 1 when it did not.
    """
    config = settings()
    out = config.output()
    if not url.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="URL")
    key = _signing_key(config, out)
    now = time.time()
    timestamp, token = str(int(now)), secrets.token_hex(25)
    signature = compute_signature(key, timestamp, token)
    verify_signature(key, timestamp, token, signature, now=lambda: now)  # what Mailgun's signature must pass
    if bad_signature:
        signature = compute_signature(secrets.token_hex(16), timestamp, token)
    payload = {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": sample_event(webhook, recipient=recipient, domain=domain, now=now),
    }
    body = json.dumps(payload).encode()
    try:
        response = httpx.post(
            url,
            content=body,
            headers={"Content-Type": "application/json", "User-Agent": "mailgun-webhooks/2.0"},
            timeout=timeout,
        )
    except httpx.HTTPError as exc:
        out.error(f"could not post to {url}: {exc}")
        raise click.exceptions.Exit(1) from None
    accepted, verdict = _verdict(response.status_code, bad_signature)
    answer = response.text[:BODY_SHOWN]
    if out.json_mode:
        out.json(
            {
                "url": url,
                "event": webhook,
                "status": response.status_code,
                "accepted": accepted,
                "verdict": verdict,
                "response": answer,
                "sent": payload,
            }
        )
    else:
        out.table(["event", "status", "verdict", "answer"], [[webhook, response.status_code, verdict, answer]])
    good = accepted != bad_signature  # with --bad-signature, a refusal is the right answer
    if not good:
        raise click.exceptions.Exit(1)


def _signing_key(config: Any, out: Output) -> str:
    key = os.environ.get(SIGNING_KEY_ENV, "").strip()
    if not key:
        out.info(f"{SIGNING_KEY_ENV} is not set: using the account's webhook signing key")
        with config.client() as client:
            body = client.webhooks.signing_key.with_raw_response().json()
        key = str(body.get("http_signing_key") or "") if isinstance(body, dict) else ""
        if not key:
            raise click.UsageError(f"no webhook signing key: set {SIGNING_KEY_ENV}")
    out.add_secret(key)
    return key


def _verdict(status: int, bad_signature: bool) -> tuple[bool, str]:
    """Whether Mailgun would count the answer as accepted, and what Mailgun would do next."""
    if 200 <= status < 300:
        note = " (it should have refused a bad signature)" if bad_signature else ""
        return True, f"accepted{note}"
    if status == 406:
        return False, "rejected with 406: Mailgun would not retry (the event is dropped)"
    if status in (401, 403):
        return False, f"refused with {status}" + (" as it should" if bad_signature else ": check the signing key")
    if status >= 500:
        return False, f"failed with {status}: Mailgun would retry"
    return False, f"not accepted ({status}): Mailgun would retry"
