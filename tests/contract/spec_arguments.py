"""Arguments for any generated operation, made from the spec alone: its examples, enums, formats and required
parameters. The contract suite calls operations through ``client.api`` with them, so an operation Mailgun adds
tomorrow is contract-checked against Prism the day it is generated, with nothing written by hand.

``candidates(operation)`` yields keyword-argument sets for ``client.api.<tag>.<operation>``, best first: the
spec's own examples where it has them, then values synthesised from the schemas (required fields only). Values
are what the generated signature takes: plain JSON values for parameters, and the body model built with the
generated ``from_dict`` (so nested models, timestamps and files are the generator's business).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import importlib
import inspect
import io
from collections.abc import Iterator, Mapping
from typing import Any

from shared_data import fixed_spec

_FORMAT_VALUES: dict[str, Any] = {
    "date-time": "2025-03-01T09:30:00+00:00",
    "date": "2025-03-01",
    "email": "ann@example.org",
    "uri": "https://example.com/hook",
    "url": "https://example.com/hook",
    "hostname": "example.com",
    "ipv4": "192.0.2.10",
    "ipv6": "2001:db8::1",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "binary": b"hello\n",
    "byte": "aGVsbG8K",
}
_MAX_DEPTH = 6


def _resolve(node: Any, spec: Mapping[str, Any]) -> Any:
    seen = 0
    while isinstance(node, Mapping) and "$ref" in node and seen < 20:
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
        seen += 1
    return node


def _example_of(schema: Mapping[str, Any]) -> tuple[bool, Any]:
    if "example" in schema:
        return True, schema["example"]
    examples = schema.get("examples")
    if isinstance(examples, list) and examples:
        return True, examples[0]
    if "default" in schema:
        return True, schema["default"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return True, schema["enum"][0]
    if "const" in schema:
        return True, schema["const"]
    return False, None


def value_for(schema: Any, spec: Mapping[str, Any], *, depth: int = 0, use_examples: bool = True) -> Any:
    """A value the schema accepts: its example (or default, first enum value), else one made from its type and
    format; objects get their required properties."""
    schema = _resolve(schema, spec)
    if not isinstance(schema, Mapping):
        return "example"
    if use_examples or "enum" in schema or "const" in schema:
        found, value = _example_of(schema) if use_examples else (False, None)
        if not found and ("enum" in schema or "const" in schema):
            found, value = _example_of({k: schema[k] for k in ("enum", "const") if k in schema})
        if found:
            return copy.deepcopy(value)
    for key in ("allOf", "oneOf", "anyOf"):
        parts = [_resolve(part, spec) for part in schema.get(key) or []]
        if key == "allOf" and parts:
            merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
            for part in parts:
                if part.get("type") not in (None, "object") or "properties" not in part:
                    return value_for(part, spec, depth=depth, use_examples=use_examples)
                merged["properties"].update(part.get("properties") or {})
                merged["required"] += part.get("required") or []
            return value_for(merged, spec, depth=depth, use_examples=use_examples)
        if parts:
            return value_for(parts[0], spec, depth=depth, use_examples=use_examples)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "object" or "properties" in schema:
        if depth >= _MAX_DEPTH:
            return {}
        properties = schema.get("properties") or {}
        return {
            name: value_for(properties[name], spec, depth=depth + 1, use_examples=use_examples)
            for name in schema.get("required") or []
            if name in properties
        }
    if kind == "array":
        return [value_for(schema.get("items") or {}, spec, depth=depth + 1, use_examples=use_examples)]
    if kind == "integer":
        return int(schema.get("minimum", 1))
    if kind == "number":
        return float(schema.get("minimum", 1))
    if kind == "boolean":
        return True
    return _string(schema)


def _string(schema: Mapping[str, Any]) -> Any:
    if schema.get("format") in _FORMAT_VALUES:
        return _FORMAT_VALUES[schema["format"]]
    if isinstance(schema.get("pattern"), str):
        return _matching(schema["pattern"])
    text = "example"
    low, high = int(schema.get("minLength", 0)), int(schema.get("maxLength", 1 << 16))
    return (text + "x" * max(0, low - len(text)))[: max(high, 1)]


@functools.cache
def _matching(pattern: str) -> str:
    """The simplest string matching a schema's `pattern` (Hypothesis shrinks to it; deterministic)."""
    from hypothesis import find, settings
    from hypothesis import strategies as st

    return find(st.from_regex(pattern, fullmatch=True), lambda _: True, settings=settings(database=None))


def spec_operation(operation: str) -> tuple[str, str, dict[str, Any]]:
    """(METHOD, path, the fixed spec's operation object) of a generated operation module name."""
    from mailgun_openapi._operations import OPERATIONS

    method, path, _deprecated = OPERATIONS[operation]
    return method, path, fixed_spec()["paths"][path][method.lower()]


def generated_method(operation: str, flavour: str = "SyncOperations") -> Any:
    tag, name = operation.split(".", 1)
    return getattr(getattr(importlib.import_module(f"mailgun_openapi.api.{tag}"), flavour), name)


def _parameters(op: Mapping[str, Any], spec: Mapping[str, Any], signature: inspect.Signature) -> dict[str, Any]:
    """Required path, query and header parameters, by their generated Python names (matched in order of the
    spec's names: the generator snake-cases them and adds a `_` to keywords)."""
    python_names = {_plain(name): name for name in signature.parameters}
    values: dict[str, Any] = {}
    for parameter in op.get("parameters") or []:
        parameter = _resolve(parameter, spec)
        if not parameter.get("required") and parameter.get("in") != "path":
            continue
        # The generator suffixes the location when two parameters share a name (`ip` in the path and the query).
        name = python_names.get(_plain(parameter["name"] + parameter["in"])) or python_names.get(
            _plain(parameter["name"])
        )
        if name is None:
            continue
        schema = parameter.get("schema") or {}
        if "example" in parameter:
            values[name] = copy.deepcopy(parameter["example"])
        else:
            values[name] = value_for(schema, spec)
    return values


def _plain(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _body(op: Mapping[str, Any], spec: Mapping[str, Any], signature: inspect.Signature) -> tuple[str, Any] | None:
    """(the generated ``body`` annotation's first member, its media type object): the annotation lists one member
    per request media type, in the spec's order."""
    parameter = signature.parameters.get("body")
    if parameter is None:
        return None
    members = _members(str(parameter.annotation))
    content = list((_resolve(op.get("requestBody") or {}, spec).get("content") or {}).values())
    return members[0], (content[0] if content else {})


def _members(annotation: str) -> list[str]:
    """`A | list[B] | None` -> ["A", "list[B]"] (no nested unions in generated signatures)."""
    return [m.strip() for m in annotation.split("|") if m.strip() != "None"]


def coerce(annotation: str, value: Any) -> Any:
    """A JSON value as the generated signature types it: models through their ``from_dict``, files as
    ``File``, timestamps as ``datetime``; plain values (and Literal enums) as they are."""
    members = _members(annotation)
    if len(members) > 1:
        for member in members:
            with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
                return coerce(member, value)
        return value
    member = members[0] if members else "Any"
    if member.startswith("list[") and isinstance(value, list):
        return [coerce(member[5:-1], item) for item in value]
    if member == "File":
        from mailgun_openapi.types import File

        content = value if isinstance(value, bytes) else str(value).encode()
        return File(payload=io.BytesIO(content), file_name="example.txt")
    if member in ("datetime.datetime", "datetime"):
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if member.isidentifier() and member[0].isupper() and member != "Any":
        model = getattr(importlib.import_module("mailgun_openapi.models"), member, None)
        if hasattr(model, "from_dict") and isinstance(value, Mapping):
            return model.from_dict(dict(value))  # type: ignore[union-attr]
    return value


def _body_examples(media: Mapping[str, Any]) -> Iterator[Any]:
    if "example" in media:
        yield media["example"]
    for example in (media.get("examples") or {}).values():
        if isinstance(example, Mapping) and "value" in example:
            yield example["value"]


def candidates(operation: str) -> Iterator[dict[str, Any]]:
    """Keyword arguments for ``client.api.<operation>``, best first (the spec's examples, then synthesised)."""
    spec = fixed_spec()
    _method, _path, op = spec_operation(operation)
    signature = inspect.signature(generated_method(operation))
    parameters = {
        name: coerce(str(signature.parameters[name].annotation), value)
        for name, value in _parameters(op, spec, signature).items()
    }
    found = _body(op, spec, signature)
    if found is None:
        yield parameters
        return
    annotation, media = found
    schema = media.get("schema") or {}
    resolved = _resolve(schema, spec)
    every_field = (
        {**resolved, "required": list(resolved.get("properties") or {})} if isinstance(resolved, Mapping) else {}
    )
    bodies = [
        *_body_examples(media),
        value_for(schema, spec),
        value_for(schema, spec, use_examples=False),
        value_for(every_field, spec),  # a body with no required field: Prism (and Mailgun) want one at least
    ]
    for raw in bodies:
        if isinstance(raw, Mapping):
            raw = _with_files(dict(raw), schema, spec)
        try:
            body = coerce(annotation, raw)
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        yield {**parameters, "body": body}


def _with_files(raw: dict[str, Any], schema: Any, spec: Mapping[str, Any]) -> dict[str, Any]:
    """Binary fields as bytes (what the generated `from_dict` wraps in a File), whatever an example held."""
    properties = _resolve(schema, spec).get("properties") or {}
    for name, prop in properties.items():
        prop = _resolve(prop, spec)
        items = _resolve(prop.get("items") or {}, spec)
        if prop.get("format") == "binary" and name in raw:
            raw[name] = _FORMAT_VALUES["binary"]
        elif items.get("format") == "binary" and name in raw:
            raw[name] = [_FORMAT_VALUES["binary"]]
    return raw
