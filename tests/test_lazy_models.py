"""Response models read their fields on first access (openapi/templates/model.py.jinja, issue [performance]).

``from_dict`` keeps the decoded JSON object; each field is parsed the first time it is read, by the code the
eager parse used to run. These tests pin what users can rely on: the same values as an eager parse, nothing
raised for a value of the wrong shape (an optional field is None and the value stays in ``additional_properties``),
typos still raising ``AttributeError``, and equality, copies and pickling behaving as for any attrs model.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import logging
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest
from mailgun_openapi.models.bounce import Bounce
from mailgun_openapi.models.bounces_page import BouncesPage
from mailgun_openapi.models.event import Event
from mailgun_openapi.types import MissingFieldError, models_from_dicts

MODELS_DIR = Path(importlib.import_module("mailgun_openapi.models").__path__[0])
CREATED = "Tue, 14 Nov 2023 22:13:20 UTC"
PAGE: dict[str, Any] = {
    "items": [
        {"address": "a@example.com", "code": "550", "error": "no such user", "created_at": CREATED, "extra": 1},
        {"address": "b@example.com", "created_at": CREATED},
    ],
    "paging": {"next": "https://api.mailgun.net/v3/example.com/bounces?page=next"},
    "total": 2,
}


def lazy_model_classes() -> list[type[Any]]:
    found = []
    for path in sorted(MODELS_DIR.glob("*.py")):
        if "_lazy_source" not in path.read_text():
            continue
        module = importlib.import_module(f"mailgun_openapi.models.{path.stem}")
        found += [
            value for value in vars(module).values() if attrs.has(value) and "_lazy_source" in attrs.fields_dict(value)
        ]
    return found


def test_most_models_are_lazy_and_request_models_are_not() -> None:
    lazy = lazy_model_classes()
    assert len(lazy) > 200, len(lazy)
    names = {cls.__name__ for cls in lazy}
    assert "Bounce" in names and "BouncesPage" in names and "Event" in names
    assert "SendMessageRequest" not in names  # required fields: built by users, parsed eagerly
    # A request body with only optional fields is eager too: it keeps UNSET ("omitted") apart from None (null).
    assert "PutAccountsSubaccountsSubaccountIdFeaturesBody" not in names


def test_a_request_body_built_from_a_dict_sends_only_what_it_was_given() -> None:
    from mailgun_openapi.models.put_accounts_subaccounts_subaccount_id_features_body import (
        PutAccountsSubaccountsSubaccountIdFeaturesBody as FeaturesBody,
    )

    body = FeaturesBody.from_dict({"email_preview": {"enabled": True}})
    assert body.to_dict() == {"email_preview": {"enabled": True}}  # absent fields stay absent, never None


def test_from_dict_keeps_the_object_and_parses_nothing_yet() -> None:
    bounce = Bounce.from_dict({"created_at": CREATED})
    slot = Bounce.__dict__["created_at"]  # the attrs slot: no value until the field is read
    with pytest.raises(AttributeError):
        slot.__get__(bounce, Bounce)
    assert bounce.created_at == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    assert slot.__get__(bounce, Bounce) is bounce.created_at  # read once, then kept


def test_plain_fields_are_copied_at_once() -> None:
    # Strings, numbers and booleans need no parsing: reading one costs what reading a dict key does.
    bounce = Bounce.from_dict({"address": "a@example.com", "code": None})
    assert Bounce.__dict__["address"].__get__(bounce, Bounce) == "a@example.com"
    with pytest.raises(MissingFieldError):  # a reliably sent field that is null is as good as absent
        bounce.code  # noqa: B018
    event = Event.from_dict({"event": "delivered", "recipient": None})
    assert event.recipient is None and event.severity is None  # optional: None for null and for absent


def test_fields_read_as_an_eager_parse_gave_them() -> None:
    page = BouncesPage.from_dict(PAGE)
    first, second = page.items
    assert (first.address, first.code, first.error) == ("a@example.com", "550", "no such user")
    assert first.created_at == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    assert first.additional_properties == {"extra": 1}
    assert not hasattr(second, "code") and not hasattr(second, "error")  # the answer lacked them
    assert page.paging.next_ == PAGE["paging"]["next"]
    assert page.additional_properties == {"total": 2}
    assert page.to_dict()["items"][0]["address"] == "a@example.com"
    assert page.to_dict()["total"] == 2


def test_a_value_of_the_wrong_shape_is_none_logged_and_kept(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="mailgun.models")
    event = Event.from_dict({"event": "failed", "delivery-status": "not an object"})
    assert event.delivery_status is None
    assert event.additional_properties == {"delivery-status": "not an object"}
    assert event.to_dict() == {"event": "failed", "delivery-status": "not an object"}  # nothing lost
    (record,) = [r for r in caplog.records if r.name == "mailgun.models"]
    assert "Event.delivery_status" in record.getMessage()
    page = BouncesPage.from_dict({"items": "not a list", "paging": {"next": "x"}})
    with pytest.raises(MissingFieldError):  # a reliably sent field has no None to fall back on
        page.items  # noqa: B018
    assert page.to_dict() == {"items": "not a list", "paging": {"next": "x"}}


def test_additional_properties_read_first_still_collects_unreadable_fields() -> None:
    page = BouncesPage.from_dict({"items": [1, 2], "other": True})
    assert page.additional_properties == {"other": True, "items": [1, 2]}
    assert not hasattr(page, "items")


def test_a_misspelt_attribute_raises_attribute_error() -> None:
    bounce = Bounce.from_dict({"address": "a@example.com"})
    with pytest.raises(AttributeError, match="adress"):
        bounce.adress  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(AttributeError):
        Event(id="1", event="delivered", timestamp=1.0).adress  # type: ignore[attr-defined]  # noqa: B018


def test_from_dict_of_a_non_object_raises_type_error() -> None:
    # What `mailgun._call.model_parser` catches to return the body as data instead.
    with pytest.raises(TypeError, match="JSON object"):
        Bounce.from_dict("a@example.com")  # type: ignore[arg-type]


def test_equality_copies_and_pickles_behave_like_plain_attrs_models() -> None:
    created = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    lazy = Bounce.from_dict({"address": "a@example.com", "code": "550", "error": "", "created_at": CREATED})
    built = Bounce(address="a@example.com", code="550", error="", created_at=created)
    assert lazy == built
    for clone in (copy.copy(Bounce.from_dict(PAGE["items"][0])), copy.deepcopy(lazy), pickle.loads(pickle.dumps(lazy))):
        assert isinstance(clone.error, str)
    assert pickle.loads(pickle.dumps(lazy)) == built
    assert attrs.evolve(lazy, code="421").code == "421"
    assert "a@example.com" in repr(lazy) and "_lazy_source" not in repr(lazy)


def test_models_from_dicts_builds_lazy_and_eager_models() -> None:
    lazy = models_from_dicts(Bounce, PAGE["items"])
    assert [b.address for b in lazy] == ["a@example.com", "b@example.com"]
    with pytest.raises(TypeError):
        models_from_dicts(Bounce, [{"address": "a"}, "b"])
    from mailgun_openapi.models.send_message_request import SendMessageRequest

    eager = models_from_dicts(SendMessageRequest, [{"from": "a@example.com", "to": ["b@example.com"], "subject": "s"}])
    assert eager[0].from_ == "a@example.com"


def test_type_checkers_do_not_see_getattr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `__getattr__` would make every attribute name valid for mypy and IDEs; it is defined only at run time.
    from mypy import api

    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "from mailgun_openapi.models.bounce import Bounce\n\n"
        "bounce = Bounce.from_dict({})\n"
        "print(bounce.address)\n"
        "print(bounce.adress)\n"
    )
    monkeypatch.setenv("MYPYPATH", str(MODELS_DIR.parent.parent))
    out, _, status = api.run(
        [
            "--strict",
            "--no-incremental",
            "--follow-imports=silent",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(snippet),
        ]
    )
    assert status == 1, out
    assert out.count("error:") == 1 and 'has no attribute "adress"' in out, out
