"""client.templates (domain templates and their versions): every method, sync and async, replayed from cassettes;
what is sent; input checks."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx
import pytest
from forms import form_of as sent_fields

from mailgun import NotFoundError, ValidationError

DOMAIN = "example.com"
BODY = "<h1>Hello {{first_name}}</h1>\n<p>Welcome aboard.</p>"
FROM = "Team <team@example.com>"


def answer(body: dict[str, Any]) -> Any:
    return lambda request: httpx.Response(200, json=body)


@pytest.mark.vcr
def test_list_templates(both: Any) -> None:
    templates = both.collect(lambda c: c.templates.list(DOMAIN, limit=2))
    assert [t.name for t in templates] == ["welcome", "receipt", "reset password"]
    assert templates[1].description == "Order receipt"
    assert templates[2].created_at == dt.datetime(2025, 3, 5, 10, 30, 45, tzinfo=dt.timezone.utc)


@pytest.mark.vcr
def test_get_template_with_its_active_version(both: Any) -> None:
    template = both(lambda c: c.templates.get(DOMAIN, "welcome", active=True))
    assert (template.name, template.description) == ("welcome", "Welcome email")
    assert template.version.tag == "v1"
    assert template.version.template == BODY
    assert template.version.engine == "handlebars"
    assert template.version.active is True
    assert template.version.headers["Subject"] == "Welcome, {{first_name}}"
    assert template.version.headers.to_dict() == {"Subject": "Welcome, {{first_name}}", "From": FROM}


@pytest.mark.vcr
def test_get_template_metadata(both: Any) -> None:
    template = both(lambda c: c.templates.get(DOMAIN, "reset password"))
    assert template.name == "reset password"
    assert template.id == "0b6f2a10-1c2d-4e5f-8a9b-000000000003"
    assert not template.version  # only with active=True


@pytest.mark.vcr
def test_create_template(both: Any) -> None:
    result = both(
        lambda c: c.templates.create(
            DOMAIN,
            "welcome",
            description="Welcome email",
            template=BODY,
            tag="v1",
            comment="first draft",
            headers={"Subject": "Welcome, {{first_name}}", "From": FROM},
        )
    )
    assert result.message == "template has been stored"
    assert result.template.name == "welcome"
    assert result.template.created_at == dt.datetime(2025, 3, 3, 8, 0, tzinfo=dt.timezone.utc)
    assert (result.template.version.tag, result.template.version.comment) == ("v1", "first draft")


@pytest.mark.vcr
def test_update_template(both: Any) -> None:
    result = both(lambda c: c.templates.update(DOMAIN, "welcome", description="Welcome email, 2025 edition"))
    assert (result.message, result.template.name) == ("template has been updated", "welcome")


@pytest.mark.vcr
def test_delete_template(both: Any) -> None:
    result = both(lambda c: c.templates.delete(DOMAIN, "welcome"))
    assert (result.message, result.template.name) == ("template has been deleted", "welcome")


@pytest.mark.vcr
def test_delete_all_templates(both: Any) -> None:
    assert both(lambda c: c.templates.delete_all(DOMAIN)).message == "templates have been deleted"


@pytest.mark.vcr
def test_list_versions(both: Any) -> None:
    versions = both.collect(lambda c: c.templates.list_versions(DOMAIN, "welcome", limit=2))
    assert [v.tag for v in versions] == ["v1", "v2", "v3"]
    assert [v.active for v in versions] == [False, True, False]
    assert versions[1].comment == "shorter copy"
    assert versions[2].created_at == dt.datetime(2025, 3, 7, 16, 20, tzinfo=dt.timezone.utc)


@pytest.mark.vcr
def test_get_version(both: Any) -> None:
    template = both(lambda c: c.templates.get_version(DOMAIN, "welcome", "v1"))
    assert template.name == "welcome"
    assert (template.version.tag, template.version.template) == ("v1", BODY)
    assert template.version.headers["From"] == FROM


@pytest.mark.vcr
def test_create_version(both: Any) -> None:
    result = both(
        lambda c: c.templates.create_version(
            DOMAIN, "welcome", tag="v2", template="<p>Hi {{first_name}}</p>", comment="shorter copy", active=True
        )
    )
    assert result.message == "new version of the template has been stored"
    assert (result.template.version.tag, result.template.version.active) == ("v2", True)
    assert result.template.version.template == "<p>Hi {{first_name}}</p>"


@pytest.mark.vcr
def test_update_version(both: Any) -> None:
    result = both(lambda c: c.templates.update_version(DOMAIN, "welcome", "v2", comment="approved", active=True))
    assert result.message == "version has been updated"
    assert (result.template.name, result.template.version.tag) == ("welcome", "v2")


@pytest.mark.vcr
def test_delete_version(both: Any) -> None:
    result = both(lambda c: c.templates.delete_version(DOMAIN, "welcome", "v3"))
    assert (result.message, result.template.version.tag) == ("version has been deleted", "v3")


@pytest.mark.vcr
def test_copy_version(both: Any) -> None:
    result = both(
        lambda c: c.templates.copy_version(DOMAIN, "welcome", "v2", "v2-backup", comment="before the spring campaign")
    )
    assert result.message == "version has been copied"
    assert (result.version.tag, result.version.active) == ("v2-backup", False)
    assert result.version.comment == "before the spring campaign"
    assert result.version.template == "<p>Hi {{first_name}}</p>"


@pytest.mark.vcr
def test_missing_template_is_not_found(both: Any) -> None:
    with pytest.raises(NotFoundError, match="template not found"):
        both(lambda c: c.templates.get(DOMAIN, "gone"))


def test_create_sends_the_first_version(mock_api: Any) -> None:
    api = mock_api(answer({"message": "template has been stored", "template": {"name": "welcome"}}))
    api(
        lambda c: c.templates.create(
            DOMAIN,
            "welcome",
            description="Welcome email",
            template=BODY,
            engine="handlebars",
            tag="v1",
            comment="first draft",
            headers={"Subject": "Hi {{first_name}}", "Reply-To": "help@example.com"},
            created_by="docs-team",
        )
    )
    request = api.requests[0]
    assert (request.method, request.url.path) == ("POST", "/v3/example.com/templates")
    fields = sent_fields(request)
    assert fields.pop("headers") == [json.dumps({"Subject": "Hi {{first_name}}", "Reply-To": "help@example.com"})]
    assert fields == {
        "name": ["welcome"],
        "description": ["Welcome email"],
        "createdBy": ["docs-team"],
        "template": [BODY],
        "tag": ["v1"],
        "comment": ["first draft"],
        "engine": ["handlebars"],
    }


def test_create_without_content_sends_metadata_only(mock_api: Any) -> None:
    api = mock_api(answer({"message": "template has been stored", "template": {"name": "empty"}}))
    api(lambda c: c.templates.create(DOMAIN, "empty"))
    assert sent_fields(api.requests[0]) == {"name": ["empty"]}


def test_version_flags_and_engine(mock_api: Any) -> None:
    api = mock_api(answer({"message": "ok", "template": {"name": "welcome", "version": {"tag": "v2"}}}))
    api(lambda c: c.templates.create_version(DOMAIN, "welcome", tag="v2", template="x", engine="go", active=True))
    api(lambda c: c.templates.create_version(DOMAIN, "welcome", tag="v3", template="y"))
    api(lambda c: c.templates.update_version(DOMAIN, "welcome", "v2", active=True))
    api(lambda c: c.templates.update_version(DOMAIN, "welcome", "v2", headers={"From": "a@example.com"}))
    created, inactive, activated, headers = (sent_fields(r) for r in api.requests)
    assert created == {"tag": ["v2"], "template": ["x"], "active": ["yes"], "engine": ["go"]}
    assert inactive == {"tag": ["v3"], "template": ["y"]}
    assert activated == {"active": ["yes"]}
    assert headers == {"headers": ['{"From": "a@example.com"}']}
    assert api.requests[2].url.path == "/v3/example.com/templates/welcome/versions/v2"


def test_names_are_quoted_into_the_path(mock_api: Any) -> None:
    api = mock_api(answer({"template": {"name": "a/b"}}))
    api(lambda c: c.templates.get(DOMAIN, "a/b", active=True))
    assert api.requests[0].url.raw_path == b"/v3/example.com/templates/a%2Fb?active=yes"


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.templates.list("", limit=10), "domain"),
        (lambda c: c.templates.list(DOMAIN, limit=101), "limit"),
        (lambda c: c.templates.get(DOMAIN, ""), "name"),
        (lambda c: c.templates.get(DOMAIN, "welcome", active="yes"), "active"),
        (lambda c: c.templates.create(DOMAIN, ""), "name"),
        (lambda c: c.templates.create(DOMAIN, "t", template=""), "template"),
        (lambda c: c.templates.create(DOMAIN, "t", tag="v1"), "tag"),
        (lambda c: c.templates.create(DOMAIN, "t", engine="handlebars"), "engine"),
        (lambda c: c.templates.create(DOMAIN, "t", comment="c"), "comment"),
        (lambda c: c.templates.create(DOMAIN, "t", headers={"Subject": "s"}), "headers"),
        (lambda c: c.templates.create(DOMAIN, "t", template="x", headers={"Bad:Name": "s"}), "headers"),
        (lambda c: c.templates.create(DOMAIN, "t", template="x", headers={"Subject": "a\r\nBcc: x"}), "headers"),
        (lambda c: c.templates.create(DOMAIN, "t", template="x", headers={}), "headers"),
        (lambda c: c.templates.create(DOMAIN, "t", template="x", headers=[("Subject", "s")]), "headers"),
        (lambda c: c.templates.create(DOMAIN, "t", template="x\0"), "template"),
        (lambda c: c.templates.update(DOMAIN, "t", description=""), "description"),
        (lambda c: c.templates.delete(DOMAIN, " "), "name"),
        (lambda c: c.templates.delete_all(""), "domain"),
        (lambda c: c.templates.list_versions(DOMAIN, "t", limit=0), "limit"),
        (lambda c: c.templates.get_version(DOMAIN, "t", ""), "tag"),
        (lambda c: c.templates.create_version(DOMAIN, "t", tag="", template="x"), "tag"),
        (lambda c: c.templates.create_version(DOMAIN, "t", tag="v2", template=""), "template"),
        (lambda c: c.templates.create_version(DOMAIN, "t", tag="v2", template="x", active=1), "active"),
        (lambda c: c.templates.update_version(DOMAIN, "t", "v2"), "tag"),
        (lambda c: c.templates.update_version(DOMAIN, "t", "v2", engine=""), "engine"),
        (lambda c: c.templates.delete_version(DOMAIN, "t", ""), "tag"),
        (lambda c: c.templates.copy_version(DOMAIN, "t", "v1", ""), "new_tag"),
        (lambda c: c.templates.copy_version(DOMAIN, "t", "v1", "v2", comment="a\nb"), "comment"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(call)
    assert caught.value.param == param
    assert api.requests == []
