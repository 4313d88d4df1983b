"""The contract without Prism: invalid requests get Mailgun's 400 shape, unmodelled operations the spec's example,
and the fake's own answers are checked against the spec (tests/contract/test_fake_contract.py compares with Prism)."""

from __future__ import annotations

import httpx
import pytest

import mailgun
from mailgun import Mailgun
from mailgun.testing import FakeContractError, FakeMailgun
from mailgun.testing._contract import load_contract

DOMAIN = "mg.example.com"


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "says"),
    [
        ("GET", f"/v3/{DOMAIN}/bounces", {"params": {"limit": "ten"}}, "query parameter 'limit'"),
        ("POST", "/v1/analytics/logs", {"json": {"pagination": {"limit": "ten"}}}, "body: pagination.limit"),
        ("POST", f"/v3/domains/{DOMAIN}/webhooks", {"files": [("url", (None, b"https://x.example"))]}, "'id'"),
        ("POST", "/v4/domains", {"json": {"name": "x.example.com"}}, "content type 'application/json'"),
        ("POST", "/v3/lists", {"files": [("name", (None, b"no address"))]}, "'address' is a required property"),
    ],
)
def test_invalid_requests_are_refused_with_mailguns_400_shape(
    mailgun_client: Mailgun, method: str, path: str, kwargs: dict[str, object], says: str
) -> None:
    with pytest.raises(mailgun.BadRequestError) as refused:
        mailgun_client.request(method, path, **kwargs)  # type: ignore[arg-type]
    body = refused.value.body
    assert isinstance(body, dict) and set(body) == {"message"}
    assert body["message"].startswith("Invalid request: ") and says in body["message"], body


def test_an_invalid_request_is_refused_whatever_domain_it_names(mailgun_client: Mailgun) -> None:
    with pytest.raises(mailgun.BadRequestError):
        mailgun_client.request("GET", "/v3/unknown.example.com/bounces", params={"limit": "ten"})
    with pytest.raises(mailgun.NotFoundError):
        mailgun_client.request("GET", "/v3/unknown.example.com/bounces")


def test_unknown_routes_and_methods(mailgun_fake: FakeMailgun) -> None:
    with httpx.Client(transport=mailgun_fake.transport(), auth=("api", mailgun_fake.api_key)) as http:
        assert http.get("https://api.mailgun.net/v3/no/such/route").status_code == 404
        assert http.patch(f"https://api.mailgun.net/v3/{DOMAIN}/messages").status_code == 405
        assert http.get("https://api.mailgun.net/v4/domains", auth=None).status_code == 401


def test_unmodelled_operations_answer_the_specs_example(mailgun_client: Mailgun) -> None:
    contract = load_contract()
    op, _, _ = contract.match("GET", "/v3/ips")
    assert op is not None
    status, example, _ = contract.example(op)
    raw = mailgun_client.request("GET", "/v3/ips")
    assert (raw.status_code, raw.parse()) == (status, example)


def test_an_answer_that_breaks_the_spec_is_a_loud_error(
    mailgun_client: Mailgun, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mailgun.testing import _handlers

    monkeypatch.setitem(
        _handlers.HANDLERS, "GET /v4/domains", lambda fake, request: (200, {"total_count": "many", "items": []})
    )
    with pytest.raises(FakeContractError, match="total_count"):
        list(mailgun_client.domains.list())


def test_client_api_calls_work_against_the_fake(mailgun_client: Mailgun, mailgun_fake: FakeMailgun) -> None:
    mailgun_client.bounces.add(DOMAIN, "gone@example.org", code=550, error="no such mailbox")
    page = mailgun_client.api.bounces.get_domain_name_bounces(DOMAIN, limit=10)  # modelled: the fake's state
    assert [b.address for b in page.items] == ["gone@example.org"]
    ips = mailgun_client.api.ips.get_ips()  # not modelled: the spec's example, as Prism answers
    assert ips is not None
