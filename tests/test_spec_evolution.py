"""Spec changes flow through: the field-level change report, breaking changes named, and the drill.

- The committed generated/ has no pending breaking change, and everything the curated facade uses (operations,
  parameters, model fields) is in the spec it was generated from: a regeneration that broke a curated method
  fails here too, naming it.
- The report and the breaking-change check, on small synthetic specs (every kind of change).
- The drill (scripts/spec_drill.py): a "future" spec derived from the pinned one regenerates and is reported
  change by change; a breaking variant fails naming the curated methods.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import change_report  # noqa: E402
import facade_uses  # noqa: E402
import spec_drill  # noqa: E402
import spec_surface  # noqa: E402
import speclib  # noqa: E402


def _breaks_text(breaks: list[dict[str, str]]) -> str:
    return "\n".join(f"  {b['method']}: {b['change']}" for b in breaks)


def test_the_committed_generation_breaks_no_curated_method() -> None:
    manifest = json.loads((ROOT / "generated" / "manifest.json").read_text())
    pending = manifest.get("breaking") or []
    assert not pending, (
        "scripts/regenerate.py found breaking spec changes for curated methods; adapt mailgun/resources/ and run "
        "`make generate` (a type change the facade now handles: `scripts/regenerate.py --accept-breaking`):\n"
        + _breaks_text(pending)
    )
    missing = change_report.missing_uses(facade_uses.uses(), manifest["surface"])
    assert not missing, "curated methods use what the generated spec lacks:\n" + _breaks_text(missing)


def test_the_facade_uses_are_found() -> None:
    # The scan must see through the facade's usual shapes, or the breaking-change check would see nothing.
    import mailgun.types

    methods = facade_uses.uses()["methods"]
    body = next(f.split(".")[0] for f in methods["routes.create"]["fields"])  # the generated body model's name
    assert "routes.get_routes limit" in methods["routes.list"]["params"]
    assert f"{body}.expression" in methods["routes.create"]["fields"]  # a generated model's constructor
    assert f"{body}.priority" in methods["routes.create"]["fields"]  # ... through **given(...)
    page = mailgun.types.RoutesPage.__name__
    assert f"{page}.items" in methods["routes.list"]["fields"]  # read from an annotated parameter
    located = change_report.locate_uses(facade_uses.uses(), _committed_surface())
    assert len({u.method for u in located}) > 200  # nearly every curated method is placed in the surface
    print(f"\nfacade uses placed in the spec: {len(located)} (operations, parameters, fields)")


def _committed_surface() -> dict[str, Any]:
    surface: dict[str, Any] = json.loads((ROOT / "generated" / "manifest.json").read_text())["surface"]
    return surface


# ----------------------------------------------------------------------------------------- synthetic specs
def _spec() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "tags": [{"name": "things"}],
        "paths": {
            "/v3/things": {
                "get": {
                    "operationId": "get_things",
                    "tags": ["things"],
                    "parameters": [
                        {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                        {"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["a", "b"]}},
                    ],
                    "responses": {
                        "200": {
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {"items": {"type": "array", "items": {"$ref": "#/s/Thing"}}},
                                    }
                                }
                            }
                        }
                    },
                },
                "post": {
                    "operationId": "post_things",
                    "tags": ["things"],
                    "requestBody": {"content": {"multipart/form-data": {"schema": {"$ref": "#/s/NewThing"}}}},
                    "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/s/Thing"}}}}},
                },
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string"},
                        "created_at": {"type": "string", "format": "date-time"},
                        "paging": {"type": "object", "properties": {"next": {"type": "string"}}},
                    },
                },
                "NewThing": {"type": "object", "properties": {"name": {"type": "string"}}},
            }
        },
    }


MODULES = {"GET /v3/things": "things.get_things", "POST /v3/things": "things.post_things"}
USES = {
    "methods": {
        "things.list": {
            "operations": ["things.get_things"],
            "params": ["things.get_things limit"],
            "fields": ["GetThingsResponse200.items", "Thing.created_at"],
        },
        "things.create": {
            "operations": ["things.post_things"],
            "params": ["things.post_things body"],
            "fields": ["NewThing.name"],
        },
    },
    "successors": {},
}


def _surface(spec: dict[str, Any]) -> dict[str, Any]:
    return spec_surface.surface(spec, MODULES)


def test_type_summaries() -> None:
    type_of = spec_surface.type_of
    assert type_of({"$ref": "#/components/schemas/Route"}) == "Route"
    assert type_of({"type": "array", "items": {"type": "string", "format": "date-time"}}) == "array[string(date-time)]"
    assert type_of({"type": ["string", "null"]}) == "string | null"
    assert type_of({"type": "object", "additionalProperties": {"type": "integer"}}) == "map[integer]"
    assert type_of({"allOf": [{"$ref": "#/x/RFC822Time"}]}) == "RFC822Time"
    assert type_of({"oneOf": [{"type": "string"}, {"type": "integer"}]}) == "integer | string"
    assert type_of({}) == "any"


def test_the_surface_keys() -> None:
    surface = _surface(_spec())
    listing = surface["operations"]["GET /v3/things"]
    assert listing["module"] == "things.get_things" and not listing["deprecated"]
    assert listing["fields"]["query kind"] == {"type": "string", "enum": ["a", "b"]}
    assert listing["fields"]["200 items"] == {"type": "array[Thing]"}
    assert surface["operations"]["POST /v3/things"]["fields"]["body"] == {"type": "NewThing"}
    assert surface["schemas"]["Thing"]["id"] == {"type": "string", "required": True}
    assert surface["schemas"]["Thing"]["paging.next"] == {"type": "string"}
    assert surface["tags"] == ["things"]


def _additive(spec: dict[str, Any]) -> dict[str, Any]:
    new = copy.deepcopy(spec)
    new["tags"].append({"name": "gadgets"})
    new["paths"]["/v3/gadgets"] = {"get": {"operationId": "get_gadgets", "tags": ["gadgets"], "responses": {}}}
    things = new["paths"]["/v3/things"]
    things["get"]["parameters"].append({"name": "tag", "in": "query", "schema": {"type": "string"}})
    things["get"]["parameters"][1]["schema"]["enum"].append("c")
    things["post"]["deprecated"] = True
    new["components"]["schemas"]["Thing"]["properties"]["note"] = {"type": "string"}
    new["components"]["schemas"]["NewThing"]["properties"]["colour"] = {"type": "string"}
    new["components"]["schemas"]["Gadget"] = {"type": "object", "properties": {"id": {"type": "string"}}}
    return new


def _report(old: dict[str, Any], new: dict[str, Any], uses: dict[str, Any] = USES) -> tuple[str, list[Any]]:
    old_surface = _surface(old)
    new_surface = spec_surface.surface(new, {**MODULES, "GET /v3/gadgets": "gadgets.get_gadgets"})
    changes = spec_surface.diff(old_surface, new_surface)
    breaks = change_report.breaking_changes(old_surface, new_surface, uses)
    follow = change_report.follow_ups(changes, new_surface, {**uses, "successors": {"things.post_things": None}})
    parts = change_report.sections(changes, new_surface, follow, breaks)
    text = "\n".join(change_report.render_text(change_report.summary_line(changes), parts))
    markdown = change_report.render_markdown(["header"], change_report.summary_line(changes), parts)
    for line in text.splitlines()[1:]:  # the file a pull request quotes says what the terminal says
        assert line.strip().rstrip(":") in markdown
    return text, breaks


def test_every_additive_change_is_named_and_none_breaks() -> None:
    text, breaks = _report(_spec(), _additive(_spec()))
    assert breaks == []
    for expected in [
        "operations +1 -0 ~2 (deprecated now: 1); models +1 -0 ~2; tags +1 -0",
        "+ GET /v3/gadgets (gadgets.get_gadgets)",
        "+ gadgets",
        "~ GET /v3/things (things.get_things)",
        "+ query tag: string",
        "~ query kind: new enum value(s) 'c'",
        "~ POST /v3/things (things.post_things)\n        deprecated now",
        "+ Gadget (1 fields)",
        "~ Thing\n        + note: string",
        "GET /v3/gadgets: client.api.gadgets.get_gadgets only",  # follow-up: no curated method
        "things.list: GET /v3/things gained query tag",  # follow-up: a curated method's operation gained a parameter
        "things.create: POST /v3/things gained body colour",  # ... through its body's schema
        "POST /v3/things (things.post_things) - deprecated now",  # follow-up: no successor
    ]:
        assert expected in text, f"{expected!r} not in:\n{text}"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s: s["paths"]["/v3/things"].pop("post"), "things.create: POST /v3/things: operation removed"),
        (
            lambda s: s["paths"]["/v3/things"]["get"]["parameters"].pop(0),
            "things.list: GET /v3/things 'query limit' removed",
        ),
        (
            lambda s: s["paths"]["/v3/things"]["get"]["parameters"][0].update(schema={"type": "string"}),
            "things.list: GET /v3/things 'query limit' changed type: integer -> string",
        ),
        (
            lambda s: s["components"]["schemas"]["Thing"]["properties"].pop("created_at"),
            "things.list: model Thing 'created_at' removed",
        ),
        (
            lambda s: s["components"]["schemas"]["Thing"]["properties"]["created_at"].pop("format"),
            "things.list: model Thing 'created_at' changed type: string(date-time) -> string",
        ),
        (
            lambda s: s["components"]["schemas"]["NewThing"]["properties"].pop("name"),
            "things.create: model NewThing 'name' removed",
        ),
        (
            lambda s: s["paths"]["/v3/things"]["get"]["responses"]["200"]["content"]["application/json"]["schema"][
                "properties"
            ]["items"].update(type="string"),
            "things.list: GET /v3/things '200 items' changed type",
        ),
    ],
    ids=["operation", "parameter", "parameter-type", "field", "field-type", "body-field", "inline-response-field"],
)
def test_a_breaking_change_names_the_curated_method(change: Any, expected: str) -> None:
    new = _spec()
    change(new)
    text, breaks = _report(_spec(), new)
    assert len(breaks) == 1, breaks
    assert f"{breaks[0]['method']}: {breaks[0]['change']}".startswith(expected)
    assert "BREAKING" in text and expected in text


def test_an_unused_removal_does_not_break() -> None:
    new = _spec()
    new["paths"]["/v3/things"]["get"]["parameters"].pop(1)  # `kind`: no curated method sends it
    del new["components"]["schemas"]["Thing"]["properties"]["paging"]
    text, breaks = _report(_spec(), new)
    assert breaks == []
    assert "- query kind: string" in text and "- paging: object" in text


def test_a_retype_stays_pending_until_accepted_or_no_longer_used() -> None:
    old, new = _surface(_spec()), copy.deepcopy(_spec())
    new["components"]["schemas"]["Thing"]["properties"]["created_at"] = {"type": "integer"}
    new_surface = _surface(new)
    breaks = change_report.breaking_changes(old, new_surface, USES)
    assert [b["method"] for b in breaks] == ["things.list"]
    # The next regeneration compares the new surface with itself: the break stays while the facade reads the field.
    assert change_report.breaking_changes(new_surface, new_surface, USES, breaks) == breaks
    adapted = copy.deepcopy(USES)
    adapted["methods"]["things.list"]["fields"] = ["GetThingsResponse200.items"]
    assert change_report.breaking_changes(new_surface, new_surface, adapted, breaks) == []


def test_a_removal_regenerated_twice_still_breaks() -> None:
    new = _spec()
    new["paths"]["/v3/things"]["get"]["parameters"].pop(0)
    first = change_report.breaking_changes(_surface(_spec()), _surface(new), USES)
    assert first == [{"method": "things.list", "change": "GET /v3/things 'query limit' removed"}]
    # `make generate` again without fixing the facade: the previous surface already lacks `limit`.
    again = change_report.breaking_changes(_surface(new), _surface(new), USES, first)
    assert again == [{"method": "things.list", "change": "GET /v3/things has no parameter 'limit'"}]


def test_without_a_previous_surface_the_new_one_must_hold_every_use() -> None:
    new = _spec()
    new["paths"]["/v3/things"]["get"]["parameters"].pop(0)
    breaks = change_report.breaking_changes(None, _surface(new), USES)
    assert breaks == [{"method": "things.list", "change": "GET /v3/things has no parameter 'limit'"}]


# ------------------------------------------------------------------------------------------------- the drill
def test_the_drill_future_spec_is_reported_and_the_broken_one_fails(capsys: pytest.CaptureFixture[str]) -> None:
    pinned = speclib.read_pinned_spec()
    if spec_drill.is_drill_spec(pinned):
        pytest.skip("the pinned spec is the drill's own future spec (a rehearsal of `make generate SPEC=`)")
    misses = spec_drill.run_drill(pinned)
    out = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + out)
    assert misses == []


def test_a_generated_model_the_facade_imports_must_still_be_generated(tmp_path: Path) -> None:
    import regenerate

    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "route.py").write_text("from __future__ import annotations\n\n\nclass Route:\n    pass\n")
    uses = {
        "models": {
            "Route": ["mailgun.types.Route"],
            "RoutesPage": ["mailgun.resources.routes", "mailgun.types.RoutesPage"],
        }
    }
    assert regenerate.facade_import_breaks(uses, tmp_path) == [
        {"method": place, "change": "generated model RoutesPage is gone (its schema was removed or renamed)"}
        for place in ("mailgun.resources.routes", "mailgun.types.RoutesPage")
    ]
    failed = regenerate.facade_import_breaks("ImportError: cannot import name 'X'", tmp_path)
    assert failed == [
        {
            "method": "mailgun",
            "change": "the facade does not import with the new generated code: ImportError: cannot import name 'X'",
        }
    ]
    models = facade_uses.models_referenced()
    assert "mailgun.types.Route" in models[models_of_public("Route")]


def models_of_public(public: str) -> str:
    import mailgun.types

    name: str = getattr(mailgun.types, public).__name__
    return name
