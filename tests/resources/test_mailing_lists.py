"""client.mailing_lists (lists and members): every method, sync and async, replayed from cassettes; what is
sent; input checks."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from forms import form_parts

from mailgun import BadRequestError, NotFoundError, ValidationError
from mailgun.resources.mailing_lists import import_members_csv

DEV = "dev@lists.example.com"
TASK = "4d5c3b2a-1f0e-4d9c-8b7a-6e5f4d3c2b1a"
BULK_ANSWER = {"list": {"address": DEV}, "message": "Mailing list has been updated", "task-id": TASK}


def sent_parts(request: httpx.Request) -> dict[str, list[tuple[str | None, str]]]:
    """The parts of a form request body (urlencoded or multipart): name -> [(file name, text)]."""
    return {name: [(f, data.decode()) for f, data in values] for name, values in form_parts(request).items()}


def sent_fields(request: httpx.Request) -> dict[str, list[str]]:
    return {name: [text for _, text in values] for name, values in sent_parts(request).items()}


def answer(body: dict[str, Any]) -> Any:
    return lambda request: httpx.Response(200, json=body)


# Lists


@pytest.mark.vcr
def test_list_mailing_lists(both: Any) -> None:
    lists = both.collect(lambda c: c.mailing_lists.list(limit=2))
    assert [ml.address for ml in lists] == ["announce@lists.example.com", DEV, "support@lists.example.com"]
    assert [ml.members_count for ml in lists] == [1200, 42, 7]
    assert lists[2].access_level == "everyone"
    assert lists[2].reply_preference == "sender"
    assert lists[2].created_at == dt.datetime(2025, 2, 12, 17, 45, 10, tzinfo=dt.timezone.utc)


@pytest.mark.vcr
def test_list_mailing_lists_by_offset(both: Any) -> None:
    lists = both.collect(lambda c: c.mailing_lists.list_by_offset(limit=2))
    assert [ml.name for ml in lists] == ["Announcements", "Developers", "Support"]
    assert lists[0].description == "Product news"


@pytest.mark.vcr
def test_get_mailing_list(both: Any) -> None:
    ml = both(lambda c: c.mailing_lists.get(DEV))
    assert (ml.address, ml.name, ml.access_level, ml.members_count) == (DEV, "Developers", "members", 42)


@pytest.mark.vcr
def test_create_mailing_list(both: Any) -> None:
    """Mailgun answers 200 with {list, message} (the spec says 201 with {list})."""
    result = both(lambda c: c.mailing_lists.create(DEV, name="Developers", access_level="members"))
    assert result.message == "Mailing list has been created"
    assert (result.list_.address, result.list_.members_count) == (DEV, 0)
    assert result.list_.created_at == dt.datetime(2025, 2, 11, 9, 30, tzinfo=dt.timezone.utc)


@pytest.mark.vcr
def test_create_mailing_list_answered_as_the_spec_says(both: Any) -> None:
    result = both(lambda c: c.mailing_lists.create("support@lists.example.com", reply_preference="sender"))
    assert (result.list_.address, result.list_.reply_preference) == ("support@lists.example.com", "sender")
    assert not result.message


@pytest.mark.vcr
def test_update_mailing_list(both: Any) -> None:
    result = both(lambda c: c.mailing_lists.update(DEV, name="Developers (all)", access_level="readonly"))
    assert result.message == "Mailing list has been updated"
    assert (result.list_.name, result.list_.access_level) == ("Developers (all)", "readonly")


@pytest.mark.vcr
def test_delete_mailing_list(both: Any) -> None:
    deleted = both(lambda c: c.mailing_lists.delete(DEV))
    assert (deleted.address, deleted.message) == (DEV, "Mailing list has been removed")


@pytest.mark.vcr
def test_missing_list_is_not_found(both: Any) -> None:
    with pytest.raises(NotFoundError, match="not found"):
        both(lambda c: c.mailing_lists.get("gone@lists.example.com"))


@pytest.mark.vcr
def test_duplicate_list_is_refused(both: Any) -> None:
    with pytest.raises(BadRequestError, match="Duplicate object"):
        both(lambda c: c.mailing_lists.create(DEV))


# Members


@pytest.mark.vcr
def test_list_members(both: Any) -> None:
    members = both.collect(lambda c: c.mailing_lists.list_members(DEV, subscribed=True, limit=2))
    assert [m.address for m in members] == ["ada@example.org", "chen@example.org", "dora@example.org"]
    assert all(m.subscribed for m in members)
    assert members[0].vars_.to_dict() == {"plan": "pro", "seats": 5}
    assert members[1].vars_["tags"] == ["beta", "eu"]


@pytest.mark.vcr
def test_list_members_keeps_its_filter_across_pages(both: Any) -> None:
    """A page URL without the `subscribed` filter or the page size gets them back (the cassette's URIs)."""
    members = both.collect(lambda c: c.mailing_lists.list_members(DEV, subscribed=False, limit=1))
    assert [(m.address, m.subscribed) for m in members] == [("brian@example.org", False), ("eve@example.org", False)]


@pytest.mark.vcr
def test_list_members_by_offset(both: Any) -> None:
    members = both.collect(lambda c: c.mailing_lists.list_members_by_offset(DEV, limit=2))
    assert [m.name for m in members] == ["Ada", "Brian", "Chen"]
    assert members[1].subscribed is False


@pytest.mark.vcr
def test_get_member(both: Any) -> None:
    """Mailgun wraps the member in {"member": {...}} (the spec: its fields at the top level)."""
    member = both(lambda c: c.mailing_lists.get_member(DEV, "ada@example.org"))
    assert (member.address, member.name, member.subscribed) == ("ada@example.org", "Ada", True)
    assert member.vars_["plan"] == "pro"
    assert member.additional_properties == {}


@pytest.mark.vcr
def test_get_member_answered_as_the_spec_says(both: Any) -> None:
    member = both(lambda c: c.mailing_lists.get_member(DEV, "chen@example.org"))
    assert (member.address, member.name) == ("chen@example.org", "Chen")


@pytest.mark.vcr
def test_add_member(both: Any) -> None:
    result = both(
        lambda c: c.mailing_lists.add_member(DEV, "ada@example.org", name="Ada", vars={"plan": "pro", "seats": 5})
    )
    assert result.message == "Mailing list member has been created"
    assert (result.member.address, result.member.vars_["seats"]) == ("ada@example.org", 5)


@pytest.mark.vcr
def test_update_member(both: Any) -> None:
    result = both(lambda c: c.mailing_lists.update_member(DEV, "brian@example.org", name="Brian K.", subscribed=True))
    assert result.message == "Mailing list member has been updated"
    assert (result.member.name, result.member.subscribed) == ("Brian K.", True)


@pytest.mark.vcr
def test_delete_member(both: Any) -> None:
    result = both(lambda c: c.mailing_lists.delete_member(DEV, "brian@example.org"))
    assert (result.message, result.member.address) == ("Mailing list member has been deleted", "brian@example.org")


@pytest.mark.vcr
def test_add_members(both: Any) -> None:
    result = both(
        lambda c: c.mailing_lists.add_members(
            DEV, ["fay@example.org", {"address": "gus@example.org", "name": "Gus", "vars": {"plan": "free"}}]
        )
    )
    assert result.message == "Mailing list has been updated"
    assert result.task_id == TASK
    assert (result.list_.address, result.list_.members_count) == (DEV, 44)


@pytest.mark.vcr
def test_import_members_csv(both: Any, tmp_path: Path) -> None:
    csv = tmp_path / "members.csv"
    csv.write_bytes(b"address,name\nhal@example.org,Hal\n")
    result = both(lambda c: c.mailing_lists.import_members_csv(DEV, csv, upsert=True))
    assert result.task_id == "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
    assert result.list_.members_count == 45


# What is sent


def test_create_and_update_send_form_fields(mock_api: Any) -> None:
    api = mock_api(answer({"list": {"address": DEV}, "message": "ok"}))
    api(lambda c: c.mailing_lists.create(DEV, name="Developers", description="Dev team", reply_preference="list"))
    api(lambda c: c.mailing_lists.update(DEV, new_address="devs@lists.example.com", reply_preference="sender"))
    created, updated = api.requests
    assert sent_fields(created) == {
        "address": [DEV],
        "name": ["Developers"],
        "description": ["Dev team"],
        "reply_preference": ["list"],
    }
    # The spec calls this field `reply_reference`; Mailgun reads `reply_preference`.
    assert sent_fields(updated) == {"address": ["devs@lists.example.com"], "reply_preference": ["sender"]}
    assert updated.url.raw_path == b"/v3/lists/dev%40lists.example.com"


def test_member_vars_are_sent_as_json(mock_api: Any) -> None:
    api = mock_api(answer({"member": {"address": "ada@example.org"}, "message": "ok"}))
    api(lambda c: c.mailing_lists.add_member(DEV, "ada@example.org", vars={"seats": 5}, subscribed=False, upsert=True))
    api(lambda c: c.mailing_lists.update_member(DEV, "ada@example.org", vars={"seats": 6}))
    added, updated = (sent_fields(r) for r in api.requests)
    assert json.loads(added.pop("vars")[0]) == {"seats": 5}
    assert added == {"address": ["ada@example.org"], "subscribed": ["false"], "upsert": ["true"]}
    assert {k: [json.loads(v) for v in vs] for k, vs in updated.items()} == {"vars": [{"seats": 6}]}


def test_add_members_sends_a_form_not_a_query(mock_api: Any) -> None:
    """The spec puts `members` in the query; 1000 members do not fit in a URL and Mailgun reads a form field."""
    api = mock_api(answer(BULK_ANSWER))
    members = ["a@example.org", {"address": "b@example.org", "subscribed": False, "vars": {"k": [1, 2]}}]
    api(lambda c: c.mailing_lists.add_members(DEV, members, upsert=True))
    request = api.requests[0]
    assert request.url.raw_path == b"/v3/lists/dev%40lists.example.com/members.json"  # no query
    fields = sent_fields(request)
    assert json.loads(fields["members"][0]) == members
    assert fields["upsert"] == ["true"]


def test_add_members_accepts_any_iterable(mock_api: Any) -> None:
    api = mock_api(answer(BULK_ANSWER))
    api(lambda c: c.mailing_lists.add_members(DEV, (f"m{i}@example.org" for i in range(1000))))
    assert len(json.loads(sent_fields(api.requests[0])["members"][0])) == 1000


@pytest.mark.parametrize("source", ["path", "str path", "bytes", "file"])
def test_import_csv_uploads_a_file(mock_api: Any, tmp_path: Path, source: str) -> None:
    content = b'address,name,vars\nhal@example.org,Hal,"{""plan"": ""pro""}"\n'
    path = tmp_path / "team.csv"
    path.write_bytes(content)
    api = mock_api(answer(BULK_ANSWER))
    with path.open("rb") as opened:
        csv = {"path": path, "str path": str(path), "bytes": content, "file": opened}[source]
        result = api(lambda c: c.mailing_lists.import_members_csv(DEV, csv, subscribed=True, upsert=False))
    assert result.task_id == TASK
    parts = sent_parts(api.requests[0])
    assert parts["members"] == [("members.csv" if source == "bytes" else "team.csv", content.decode())]
    assert parts["subscribed"] == [(None, "true")] and parts["upsert"] == [(None, "false")]
    assert api.requests[0].url.raw_path == b"/v3/lists/dev%40lists.example.com/members.csv"


def test_import_csv_from_a_path_reads_the_file_only_when_sending(mock_api: Any, tmp_path: Path) -> None:
    """Nothing is opened when the call is built, the file is read while sending and closed after (an unclosed file
    would fail the test: ResourceWarning is an error here)."""
    path = tmp_path / "members.csv"
    path.write_bytes(b"address\nold@example.org\n")
    call = import_members_csv(DEV, path)
    path.write_bytes(b"address\nnew@example.org\n")
    api = mock_api(answer(BULK_ANSWER))
    api(lambda c: c._run(call))  # the built call, sent now
    api(lambda c: c.mailing_lists.import_members_csv(DEV, path))  # again, from the same path
    assert [sent_parts(r)["members"][0][1] for r in api.requests] == ["address\nnew@example.org\n"] * 2


def test_member_pages_follow_page_urls(mock_api: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("address", "")
        names = [n for n in ("a", "b", "c", "d", "e") if n > after[:1]][:2]
        items = [{"address": f"{n}@example.org"} for n in names]
        last = items[-1]["address"] if items else after
        next_url = f"https://api.mailgun.net/v3/lists/{DEV}/members/pages?page=next&address={last}&limit=2"
        return httpx.Response(200, json={"items": items, "paging": {"next": next_url}})

    api = mock_api(handler)
    members = api.collect(lambda c: c.mailing_lists.list_members(DEV, limit=2))
    assert [m.address[0] for m in members] == ["a", "b", "c", "d", "e"]
    pivots = [r.url.params.get("address") for r in api.requests]
    assert pivots == [None, "b@example.org", "d@example.org", "e@example.org"]
    assert {r.url.raw_path.split(b"?")[0] for r in api.requests} == {b"/v3/lists/dev%40lists.example.com/members/pages"}


# Input checks


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda c: c.mailing_lists.list(limit=0), "limit"),
        (lambda c: c.mailing_lists.list_by_offset(address=""), "address"),
        (lambda c: c.mailing_lists.get(""), "address"),
        (lambda c: c.mailing_lists.create(""), "address"),
        (lambda c: c.mailing_lists.update(DEV), "address"),
        (lambda c: c.mailing_lists.update(DEV, new_address=""), "new_address"),
        (lambda c: c.mailing_lists.delete(" "), "address"),
        (lambda c: c.mailing_lists.list_members(DEV, limit=101), "limit"),
        (lambda c: c.mailing_lists.list_members(DEV, subscribed="yes"), "subscribed"),
        (lambda c: c.mailing_lists.list_members("", limit=10), "list_address"),
        (lambda c: c.mailing_lists.list_members_by_offset(DEV, limit=0), "limit"),
        (lambda c: c.mailing_lists.get_member(DEV, ""), "member_address"),
        (lambda c: c.mailing_lists.add_member(DEV, ""), "address"),
        (lambda c: c.mailing_lists.add_member("", "a@example.org"), "list_address"),
        (lambda c: c.mailing_lists.add_member(DEV, "a@example.org", vars=["x"]), "vars"),
        (lambda c: c.mailing_lists.add_member(DEV, "a@example.org", vars={"when": object()}), "vars"),
        (lambda c: c.mailing_lists.add_member(DEV, "a@example.org", upsert="yes"), "upsert"),
        (lambda c: c.mailing_lists.update_member(DEV, "a@example.org"), "member_address"),
        (lambda c: c.mailing_lists.update_member(DEV, "a@example.org", subscribed=1), "subscribed"),
        (lambda c: c.mailing_lists.delete_member(DEV, None), "member_address"),
        (lambda c: c.mailing_lists.add_members(DEV, []), "members"),
        (lambda c: c.mailing_lists.add_members(DEV, "a@example.org"), "members"),
        (lambda c: c.mailing_lists.add_members(DEV, {"address": "a@example.org"}), "members"),
        (lambda c: c.mailing_lists.add_members(DEV, ["a@example.org", ""]), "members[1]"),
        (lambda c: c.mailing_lists.add_members(DEV, [42]), "members[0]"),
        (lambda c: c.mailing_lists.add_members(DEV, [{"name": "No address"}]), "members[0].address"),
        (lambda c: c.mailing_lists.add_members(DEV, [{"address": "a@example.org", "age": 3}]), "members[0]"),
        (lambda c: c.mailing_lists.add_members(DEV, [{"address": "a@x.org", "vars": "{}"}]), "members[0].vars"),
        (lambda c: c.mailing_lists.add_members(DEV, [{"address": "a@x", "subscribed": "no"}]), "members[0].subscribed"),
        (lambda c: c.mailing_lists.add_members(DEV, [f"m{i}@example.org" for i in range(1001)]), "members"),
        (lambda c: c.mailing_lists.add_members(DEV, ["a@example.org"], upsert=1), "upsert"),
        (lambda c: c.mailing_lists.import_members_csv(DEV, "/no/such/members.csv"), "csv"),
        (lambda c: c.mailing_lists.import_members_csv(DEV, b""), "csv"),
        (lambda c: c.mailing_lists.import_members_csv(DEV, io.StringIO("address\n")), "csv"),
        (lambda c: c.mailing_lists.import_members_csv(DEV, 42), "csv"),
        (lambda c: c.mailing_lists.import_members_csv(DEV, b"address\n", upsert="true"), "upsert"),
        (lambda c: c.mailing_lists.import_members_csv("", b"address\n"), "list_address"),
    ],
)
def test_bad_input_is_refused_before_sending(mock_api: Any, call: Any, param: str) -> None:
    api = mock_api(lambda request: pytest.fail(f"nothing may be sent: {request.url}"))
    with pytest.raises(ValidationError) as caught:
        api(call)
    assert caught.value.param == param
    assert api.requests == []
