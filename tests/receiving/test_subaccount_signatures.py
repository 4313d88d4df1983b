"""Subaccount webhooks: Mailgun adds ``parent-signature`` (the same HMAC with the primary account's key), shaped as
Mailgun's "Securing Webhooks" page shows, so the primary key alone verifies every subaccount's events."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import pytest

from mailgun.webhook_verification import (
    InMemoryTokenStore,
    WebhookVerificationError,
    averify_webhook,
    compute_signature,
    verify_signature,
    verify_webhook,
)

from .signing import FORM_CT, PRIMARY_KEY, SUBACCOUNT_KEY, event_data, sign, signature_block


def subaccount_json(**overrides: str) -> bytes:
    """A subaccount's event as the docs show it: ``signature`` with its own key, ``parent-signature`` the primary's."""
    signature = signature_block(SUBACCOUNT_KEY, parent_key=PRIMARY_KEY)
    signature.update(overrides)
    return json.dumps({"signature": signature, "event-data": event_data()}).encode()


def test_the_primary_key_alone_verifies_a_subaccount_event() -> None:
    event = verify_webhook(subaccount_json(), parent_signing_key=PRIMARY_KEY, token_store=InMemoryTokenStore())
    assert event.event == "delivered"
    assert event.verified_by == "parent-signature"


def test_the_subaccount_key_verifies_its_own_signature() -> None:
    event = verify_webhook(subaccount_json(), SUBACCOUNT_KEY)
    assert event.verified_by == "signature"


def test_with_both_keys_either_signature_will_do() -> None:
    primary_event = json.dumps({"signature": signature_block(PRIMARY_KEY), "event-data": event_data()})
    assert verify_webhook(primary_event, PRIMARY_KEY, parent_signing_key=PRIMARY_KEY).verified_by == "signature"
    # An event of another subaccount: its signature is made with a key we do not hold; the parent one matches.
    assert verify_webhook(subaccount_json(), PRIMARY_KEY, parent_signing_key=PRIMARY_KEY).verified_by == (
        "parent-signature"
    )


def test_a_forged_parent_signature_is_refused() -> None:
    forged = subaccount_json(**{"parent-signature": sign("key-of-an-attacker", int(time.time()), "x" * 50)})
    with pytest.raises(WebhookVerificationError, match="parent-signature does not match"):
        verify_webhook(forged, parent_signing_key=PRIMARY_KEY)


def test_a_missing_parent_signature_is_refused_with_only_the_primary_key() -> None:
    body = json.dumps({"signature": signature_block(SUBACCOUNT_KEY), "event-data": event_data()})
    with pytest.raises(WebhookVerificationError, match="parent-signature is missing"):
        verify_webhook(body, parent_signing_key=PRIMARY_KEY)


def test_a_parent_signature_does_not_stand_in_for_a_wrong_own_key_without_the_parent_key() -> None:
    with pytest.raises(WebhookVerificationError, match="signature does not match"):
        verify_webhook(subaccount_json(), PRIMARY_KEY)


def test_a_malformed_parent_signature_is_refused() -> None:
    with pytest.raises(WebhookVerificationError, match="parent-signature is not 64 lowercase hex"):
        verify_webhook(subaccount_json(**{"parent-signature": "ABC"}), parent_signing_key=PRIMARY_KEY)


def test_no_key_at_all_is_refused() -> None:
    with pytest.raises(WebhookVerificationError, match="not configured"):
        verify_webhook(subaccount_json())


def test_legacy_form_posts_carry_parent_signature_too() -> None:
    fields = {"event": "delivered", "recipient": "alice@example.com"}
    fields.update(signature_block(SUBACCOUNT_KEY, parent_key=PRIMARY_KEY))
    event = verify_webhook(urlencode(fields), parent_signing_key=PRIMARY_KEY, content_type=FORM_CT)
    assert event.verified_by == "parent-signature"
    assert event.recipient == "alice@example.com"


def test_a_replayed_subaccount_event_is_refused() -> None:
    store = InMemoryTokenStore()
    body = subaccount_json()
    verify_webhook(body, parent_signing_key=PRIMARY_KEY, token_store=store)
    with pytest.raises(WebhookVerificationError, match="replayed"):
        verify_webhook(body, parent_signing_key=PRIMARY_KEY, token_store=store)


def test_verify_signature_reports_which_signature_matched() -> None:
    block = signature_block(SUBACCOUNT_KEY, parent_key=PRIMARY_KEY)
    args = (block["timestamp"], block["token"], block["signature"])
    assert verify_signature(SUBACCOUNT_KEY, *args) == "signature"
    parent = block["parent-signature"]
    assert verify_signature(None, *args, parent_signature=parent, parent_signing_key=PRIMARY_KEY) == "parent-signature"


async def test_async_verification_checks_the_parent_signature() -> None:
    event = await averify_webhook(subaccount_json(), parent_signing_key=PRIMARY_KEY, token_store=InMemoryTokenStore())
    assert event.verified_by == "parent-signature"


def test_compute_signature_signs_what_verification_accepts() -> None:
    block = signature_block(SUBACCOUNT_KEY, parent_key=PRIMARY_KEY)
    assert compute_signature(SUBACCOUNT_KEY, block["timestamp"], block["token"]) == block["signature"]
    assert compute_signature(PRIMARY_KEY.encode(), int(block["timestamp"]), block["token"]) == block["parent-signature"]
