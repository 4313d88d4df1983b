"""The object schemas a 2xx response can reach, each under a readable, stable *site* name.

A site names where a schema is defined: a component by its name (`Bounce`), a response's own schema by its
operation and status (`GET /v3/lists -> 200`), and an inline schema by its parent's site and the way down
(`.field`, `[]` for array items, `{}` for additionalProperties values, `.allOf[0]`). `fix_spec` marks these schemas
for the generator templates and `scripts/reliable_fields.py` pairs recorded bodies with them; both use these names,
which is what ties `openapi/reliable_fields.json` to the generated models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import speclib

SCHEMA_REF = "#/components/schemas/"
Json = dict[str, Any]
# (site, schema) of a property: what the model's field holds.
Properties = dict[str, tuple[str, Any]]


def response_roots(spec: Json) -> Iterator[tuple[str, Any, Json]]:
    """(site, schema, media object) of every 2xx response body of the spec."""
    for method, path, op in speclib.iter_operations(spec):
        for status, response in (op.get("responses") or {}).items():
            if not str(status).startswith("2") or not isinstance(response, dict):
                continue
            for media_type, media in (response.get("content") or {}).items():
                if isinstance(media, dict):
                    suffix = "" if media_type == "application/json" else f" {media_type}"
                    yield f"{method} {path} -> {status}{suffix}", media.get("schema"), media


def resolve(spec: Json, site: str, node: Any) -> tuple[str, Any]:
    """Follow `$ref`s (and `allOf` wrappers of a single `$ref`, which the generator reads as the referenced model)
    to the schema that defines the model; its site is the component's name."""
    schemas = spec.get("components", {}).get("schemas", {})
    for _ in range(64):  # a chain of references longer than this is a cycle
        if not isinstance(node, dict):
            return site, node
        ref = node.get("$ref")
        parts = node.get("allOf")
        if ref is None and isinstance(parts, list) and len(parts) == 1 and not node.get("properties"):
            ref = parts[0].get("$ref") if isinstance(parts[0], dict) else None
        if not (isinstance(ref, str) and ref.startswith(SCHEMA_REF)):
            return site, node
        site = ref[len(SCHEMA_REF) :]
        node = schemas.get(site)
    return site, node


def properties(spec: Json, site: str, node: Json) -> tuple[Properties, set[str]]:
    """The fields of an object schema, `allOf` parts merged in as the generator merges them, and the names the
    spec marks required."""
    found: Properties = {}
    required: set[str] = set()
    for index, part in enumerate(node.get("allOf") or []):
        part_site, part_node = resolve(spec, f"{site}.allOf[{index}]", part)
        if isinstance(part_node, dict):
            part_properties, part_required = properties(spec, part_site, part_node)
            found.update(part_properties)
            required |= part_required
    for name, schema in (node.get("properties") or {}).items():
        found[name] = (f"{site}.{name}", schema)
    if isinstance(node.get("required"), list):
        required |= {name for name in node["required"] if isinstance(name, str)}
    return found, required


def children(site: str, node: Json) -> Iterator[tuple[str, Any]]:
    """Every schema directly under `node` (unresolved), with its site."""
    for name, schema in (node.get("properties") or {}).items():
        yield f"{site}.{name}", schema
    for name, schema in (node.get("patternProperties") or {}).items():
        yield f"{site}.<{name}>", schema
    if "items" in node:
        yield f"{site}[]", node["items"]
    if isinstance(node.get("additionalProperties"), dict):
        yield f"{site}{{}}", node["additionalProperties"]
    if "not" in node:
        yield f"{site}.not", node["not"]
    for key in ("allOf", "anyOf", "oneOf", "prefixItems"):
        for index, schema in enumerate(node.get(key) or []):
            yield f"{site}.{key}[{index}]", schema


def reachable(spec: Json) -> Iterator[tuple[str, Json]]:
    """Every schema a 2xx response can reach, once each, with its site."""
    seen: set[int] = set()
    stack = [(site, schema) for site, schema, _ in response_roots(spec)]
    while stack:
        site, node = resolve(spec, *stack.pop())
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        yield site, node
        stack.extend(children(site, node))


def pair_body(spec: Json, site: str, node: Any, value: Any, visit: Callable[[str, Json, Json], None]) -> None:
    """Walk a decoded body along its schema, calling `visit(site, schema, object)` for every JSON object that
    reaches an object schema. Unions (`oneOf`/`anyOf`) are not followed: which member a value is cannot be known
    for sure, so nothing under them counts as evidence."""
    site, node = resolve(spec, site, node)
    if not isinstance(node, dict):
        return
    if isinstance(value, dict):
        fields, _ = properties(spec, site, node)
        if fields:
            visit(site, node, value)
        for name, (field_site, field_schema) in fields.items():
            if name in value:
                pair_body(spec, field_site, field_schema, value[name], visit)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            for name, item in value.items():
                if name not in fields:
                    pair_body(spec, f"{site}{{}}", extra, item, visit)
    elif isinstance(value, list) and "items" in node:
        for item in value:
            pair_body(spec, f"{site}[]", node["items"], item, visit)
