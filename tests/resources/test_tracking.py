"""client.tracking: every method, sync and async, replayed from cassettes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from forms import form_of

from mailgun import ConflictError, NotFoundError, ValidationError

FOOTER_TEXT = "\n\nTo unsubscribe click: <%unsubscribe_url%>\n\n"


@pytest.mark.vcr
def test_get_tracking(both: Any) -> None:
    tracking = both(lambda c: c.tracking.get("example.com")).tracking
    assert tracking.open_.active is True
    assert tracking.open_.place_at_the_top is False
    assert tracking.click.active == "htmlonly"  # Mailgun's third state, kept as sent
    assert tracking.unsubscribe.active is False
    assert tracking.unsubscribe.text_footer == FOOTER_TEXT
    assert tracking.web_scheme == "https"


@pytest.mark.vcr
def test_update_open(both: Any) -> None:
    result = both(lambda c: c.tracking.update_open("example.com", active=True, place_at_the_top=True))
    assert result.message == "Domain tracking settings have been updated"
    assert (result.open_.active, result.open_.place_at_the_top) == (True, True)


@pytest.mark.vcr
def test_update_click(both: Any) -> None:
    result = both(lambda c: c.tracking.update_click("example.com", active=False))
    assert result.click.active is False


@pytest.mark.vcr
def test_update_unsubscribe(both: Any) -> None:
    result = both(
        lambda c: c.tracking.update_unsubscribe(
            "example.com", active=True, html_footer="<p>%unsubscribe_url%</p>", text_footer=FOOTER_TEXT
        )
    )
    assert result.unsubscribe.active is True
    assert result.unsubscribe.html_footer == "<p>%unsubscribe_url%</p>"
    assert result.unsubscribe.text_footer == FOOTER_TEXT


@pytest.mark.vcr
def test_missing_domain_is_not_found(both: Any) -> None:
    with pytest.raises(NotFoundError, match="Domain not found"):
        both(lambda c: c.tracking.get("missing.example.com"))


@pytest.mark.vcr
def test_certificate_status(both: Any) -> None:
    certificate = both(lambda c: c.tracking.certificate_status("email.example.com"))
    assert certificate.status == "expired"
    assert certificate.error == "x509 certificate has expired"
    assert certificate.certificate.startswith("-----BEGIN CERTIFICATE-----\n")


@pytest.mark.vcr
def test_certificate_status_before_generation(both: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        both(lambda c: c.tracking.certificate_status("email.new.example.com"))
    assert "initiate x509 key pair generation" in caught.value.body["Description"]


@pytest.mark.vcr
def test_generate_certificate(both: Any) -> None:
    job = both(lambda c: c.tracking.generate_certificate("email.example.com"))
    assert job.message == "Initiated x509 key pair generation"
    assert job.location == "/v2/x509/email.example.com/status"


@pytest.mark.vcr
def test_regenerate_certificate(both: Any) -> None:
    job = both(lambda c: c.tracking.regenerate_certificate("email.example.com"))
    assert job.location == "/v2/x509/email.example.com/status"


@pytest.mark.vcr
def test_regenerating_a_valid_certificate_conflicts(both: Any) -> None:
    with pytest.raises(ConflictError) as caught:
        both(lambda c: c.tracking.regenerate_certificate("email.valid.example.com"))
    assert caught.value.body["Description"].startswith("x509 certificate is still valid")


def test_what_is_sent(mock_api: Any) -> None:
    api = mock_api(lambda request: httpx.Response(200, json={"message": "ok"}))
    api(lambda c: c.tracking.update_open("example.com", place_at_the_top=False))
    api(lambda c: c.tracking.update_click("example.com", active="htmlonly"))
    api(lambda c: c.tracking.update_click("example.com", active=True))
    api(lambda c: c.tracking.update_unsubscribe("example.com", html_footer="<p>\n%unsubscribe_url%\n</p>"))
    open_, htmlonly, click, unsubscribe = api.requests
    assert (open_.method, open_.url.path) == ("PUT", "/v3/domains/example.com/tracking/open")
    assert form_of(open_) == {"place_at_the_top": ["false"]}
    assert form_of(htmlonly) == {"active": ["htmlonly"]}
    assert form_of(click) == {"active": ["true"]}
    assert form_of(unsubscribe) == {"html_footer": ["<p>\n%unsubscribe_url%\n</p>"]}


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.tracking.get(""), "domain"),
        (lambda c: c.tracking.update_open("example.com"), "active"),
        (lambda c: c.tracking.update_open("example.com", active="yes"), "active"),
        (lambda c: c.tracking.update_unsubscribe("example.com"), "active"),
        (lambda c: c.tracking.update_unsubscribe("example.com", text_footer=b"bytes"), "text_footer"),
        (lambda c: c.tracking.certificate_status("a\nb"), "tracking_domain"),
        (lambda c: c.tracking.generate_certificate(""), "tracking_domain"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(call)
    assert caught.value.param == param
    assert api.requests == []
