"""Response models tell the truth users need (issue [models]): what Mailgun reliably sends is typed `X`, the rest
`X | None`, and no `Unset` reaches them; a body lacking a reliably sent field still parses, and only reading that
field raises `mailgun.MissingFieldError`; equality, repr, pickling and `to_dict()` keep working."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import pickle
import typing
from typing import Any

import attrs
import httpx
import pytest
from shared_data import PROJECT_ROOT, read_every_field, requires_shared

import mailgun
import mailgun.types
from mailgun.types import Bounce, BouncesPage, Domain, SendResult

CREATED = "Tue, 14 Nov 2023 22:13:20 UTC"


def test_a_lacking_reliable_field_raises_missing_field_error_on_access_only() -> None:
    bounce = Bounce.from_dict({"code": "550", "error": "", "created_at": CREATED})  # no address: still a model
    assert bounce.code == "550"
    with pytest.raises(mailgun.MissingFieldError) as caught:
        bounce.address  # noqa: B018
    error = caught.value
    assert isinstance(error, mailgun.MailgunError) and isinstance(error, AttributeError)
    assert (error.model, error.field) == ("Bounce", "address")
    assert "Bounce.address" in str(error) and "Mailgun's answer lacked" in str(error)
    assert not hasattr(bounce, "address")  # an AttributeError: hasattr and getattr defaults work
    copied = pickle.loads(pickle.dumps(error))
    assert isinstance(copied, mailgun.MissingFieldError) and str(copied) == str(error)


def test_the_generated_base_class_catches_it_too() -> None:
    from mailgun_openapi.types import MissingFieldError as GeneratedMissingFieldError

    with pytest.raises(GeneratedMissingFieldError):
        SendResult.from_dict({"id": "<x@y>"}).message  # noqa: B018


def test_equality_repr_pickling_and_to_dict_of_a_model_lacking_a_field() -> None:
    lacking = Bounce.from_dict({"code": "550", "error": "", "created_at": CREATED, "extra": 1})
    assert lacking == Bounce.from_dict({"code": "550", "error": "", "created_at": CREATED, "extra": 1})
    assert lacking != Bounce.from_dict({"address": "a@example.com", "code": "550", "error": "", "created_at": CREATED})
    assert "address=<lacking>" in repr(lacking) and "code='550'" in repr(lacking)
    for clone in (pickle.loads(pickle.dumps(lacking)), copy.deepcopy(lacking), copy.copy(lacking)):
        assert clone == lacking and clone.code == "550"
        with pytest.raises(mailgun.MissingFieldError):
            clone.address  # noqa: B018
    assert lacking.to_dict() == {
        "code": "550",
        "error": "",
        "created_at": "Tue, 14 Nov 2023 22:13:20 +0000",
        "extra": 1,
    }
    assert lacking.additional_properties == {"extra": 1}


def test_optional_fields_read_none_for_absent_and_null() -> None:
    domain = Domain.from_dict({"name": "mg.example.com", "web_prefix": None, "created_at": CREATED})
    assert domain.web_prefix is None and domain.smtp_login is None
    assert domain.created_at == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    assert domain.to_dict()["web_prefix"] is None  # a null the answer sent stays null
    assert "smtp_login" not in domain.to_dict()


def test_a_facade_answer_lacking_a_field_is_returned_and_raises_only_when_read() -> None:
    page = {"items": [{"code": "550", "error": "x", "created_at": CREATED}], "paging": {}}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=page))
    with mailgun.Mailgun("key-test", http_client=httpx.Client(transport=transport)) as client:
        (bounce,) = list(client.bounces.list("mg.example.com"))
    assert bounce.code == "550"
    assert [problem.split(":")[0] for problem in read_every_field(bounce)] == ["result.address"]


@functools.cache
def every_model() -> dict[str, Any]:
    import mailgun_openapi.models as models

    return {name: getattr(models, name) for name in models.__all__}


def annotations_of(cls: type[Any]) -> dict[str, Any]:
    """The field types as type checkers see them (forward references to other models resolved)."""
    module = __import__(cls.__module__, fromlist=["_"])
    return typing.get_type_hints(cls, globalns=vars(module), localns=every_model())


def test_no_field_of_a_public_model_is_typed_with_unset() -> None:
    seen: set[type[Any]] = set()
    todo = [getattr(mailgun.types, name) for name in mailgun.types.__all__]
    while todo:
        cls = todo.pop()
        if cls in seen or not attrs.has(cls):
            continue
        seen.add(cls)
        for name, hint in annotations_of(cls).items():
            assert "Unset" not in repr(hint), f"{cls.__name__}.{name}: {hint!r}"
            todo += [arg for arg in _leaves(hint) if isinstance(arg, type)]
    assert len(seen) > 135


def _leaves(hint: Any) -> list[Any]:
    args = typing.get_args(hint)
    return [hint] if not args else [leaf for arg in args for leaf in _leaves(arg)]


def test_every_public_model_carries_its_public_name() -> None:
    for name in mailgun.types.__all__:
        cls = getattr(mailgun.types, name)
        assert cls.__name__ == name and cls.__qualname__ == name


def test_reliable_fields_are_typed_plainly() -> None:
    hints = annotations_of(BouncesPage)
    assert hints["items"] == list[Bounce]
    assert annotations_of(Bounce)["created_at"] is dt.datetime
    assert annotations_of(Domain)["web_prefix"] == str | None


def contradicted_fields(committed: dict[str, Any], computed: dict[str, Any]) -> list[str]:
    """Fields committed as reliably sent that the evidence computed now does not support (a site the spec no
    longer has is not counted: fix_spec reports it STALE)."""
    return [
        f"{site}.{name}"
        for site, row in committed.items()
        if site in computed
        for name in row["reliable"]
        if name not in computed[site]["reliable"]
    ]


@requires_shared
def test_the_committed_evidence_still_holds(capsys: pytest.CaptureFixture[str]) -> None:
    """Every field committed as reliably sent is still reliable by the evidence the script computes now (a field
    typed `X` that the evidence no longer supports would raise MissingFieldError for users: that fails). What a
    newer spec adds (new schemas, new required fields, other counts) only makes the committed file incomplete, not
    wrong: those fields stay `X | None` until `scripts/reliable_fields.py` is rerun, and are listed here."""
    import reliable_fields

    committed = json.loads((PROJECT_ROOT / "openapi" / "reliable_fields.json").read_text())["sites"]
    computed = json.loads(reliable_fields.compute())["sites"]
    contradicted = contradicted_fields(committed, computed)
    assert not contradicted, f"no longer reliably sent by the evidence: {contradicted}; run scripts/reliable_fields.py"
    newly = sorted(
        f"{site}.{name}"
        for site, row in computed.items()
        for name in row["reliable"]
        if name not in (committed.get(site) or {}).get("reliable", [])
    )
    with capsys.disabled():
        print(f"\nreliable fields the evidence now supports that are not committed (typed X | None): {len(newly)}")
        for field in newly:
            print(f"  {field}  (run scripts/reliable_fields.py to type it plainly)")


def test_a_contradicted_field_is_found_and_an_added_one_is_not() -> None:
    committed = {"Bounce": {"reliable": ["address", "code"]}, "Gone": {"reliable": ["id"]}}
    computed = {"Bounce": {"reliable": ["address", "error"]}, "New": {"reliable": ["name"]}}
    assert contradicted_fields(committed, computed) == ["Bounce.code"]


@pytest.mark.parametrize("body", [{"paging": {}}, {"items": None, "paging": {}}])
def test_a_page_lacking_its_items_is_an_empty_page_not_an_exception(body: dict[str, Any]) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    with mailgun.Mailgun("key-test", http_client=httpx.Client(transport=transport)) as client:
        assert list(client.bounces.list("mg.example.com")) == []
        assert list(client.domains.list()) == []


def test_a_stale_evidence_site_is_reported_by_fix_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    import fix_spec
    import speclib

    monkeypatch.setattr(fix_spec, "read_reliable_fields", lambda: {"Bounce": ["address"], "GoneSchema": ["id"]})
    spec, report = fix_spec.fix_spec(speclib.read_pinned_spec())
    assert [line for line in report if "STALE reliable_fields" in line] == [
        "fixes: STALE reliable_fields site (not in the spec; run scripts/reliable_fields.py): GoneSchema"
    ]
    bounce = spec["components"]["schemas"]["Bounce"]
    assert bounce["x-mailgun-response"] is True and bounce["x-mailgun-reliable"] == ["address"]
    assert "required" not in bounce
