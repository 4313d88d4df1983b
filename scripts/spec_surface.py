"""The field-level surface of a fixed spec, and what changed between two of them.

The surface is what a user of the generated client sees, read from the spec (not from the generated code, so a
template change is not a spec change): per operation its parameters, request body and 2xx responses, and per
schema its fields, each with a type summary, whether it is required and its enum values. It is stored in
``generated/manifest.json`` so the next regeneration can say, field by field, what the new spec changed.

Keys: an operation's entries are ``"query limit"``, ``"path id"``, ``"header X-Name"``, ``"body"`` (the body's
type) and ``"body <field>"`` (fields of an inline body), ``"200"`` (a response's type) and ``"200 <field>"``
(fields of an inline response); a schema's are its field paths (``paging.next``, ``items[].id``), with ``""``
for the schema itself (an enum schema, an array).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import speclib

Shape = dict[str, Any]  # {"type": str, "required": bool, "enum": [values]} ("required"/"enum" only when set)
Surface = dict[str, Any]  # {"operations": {key: {"module", "deprecated", "fields": {...}}}, "schemas": {...}}

_BODY_MEDIA = ("application/json", "multipart/form-data", "application/x-www-form-urlencoded")
MAX_DEPTH = 4  # inline objects nested deeper than this are summarised by their type only


def type_of(schema: Any) -> str:
    """A short, stable summary of a schema's type: ``string(date-time)``, ``array[Route]``, ``map[integer]``."""
    if not isinstance(schema, Mapping):
        return "any"
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    for combiner, sep in (("allOf", " & "), ("oneOf", " | "), ("anyOf", " | ")):
        members = schema.get(combiner)
        if isinstance(members, list) and members:
            return sep.join(sorted({type_of(m) for m in members}))
    declared = schema.get("type")
    types = declared if isinstance(declared, list) else [declared] if declared else []
    names = []
    for kind in types or (["object"] if "properties" in schema else []):
        if kind == "array":
            names.append(f"array[{type_of(schema.get('items'))}]")
        elif kind == "object":
            extra = schema.get("additionalProperties")
            names.append(
                f"map[{type_of(extra)}]" if isinstance(extra, Mapping) and "properties" not in schema else "object"
            )
        elif schema.get("format") and kind != "null":
            names.append(f"{kind}({schema['format']})")
        else:
            names.append(str(kind))
    return " | ".join(names) if names else "any"


def _shape(schema: Any, *, required: bool = False) -> Shape:
    shape: Shape = {"type": type_of(schema)}
    if required:
        shape["required"] = True
    values = _enum_values(schema)
    if values:
        shape["enum"] = values
    return shape


def _enum_values(schema: Any) -> list[Any]:
    if not isinstance(schema, Mapping):
        return []
    values = schema.get("enum")
    if values is None and isinstance(schema.get("items"), Mapping):
        values = schema["items"].get("enum")  # an array of enum values: the values are what matters
    return sorted(values, key=str) if isinstance(values, list) else []


def _properties(schema: Mapping[str, Any]) -> Iterator[tuple[str, Any, bool]]:
    """(name, schema, required) of an inline object, including inline members of an allOf."""
    required = set(schema.get("required") or ())
    for name, prop in (schema.get("properties") or {}).items():
        yield str(name), prop, name in required
    for member in schema.get("allOf") or ():
        if isinstance(member, Mapping) and "$ref" not in member:
            yield from _properties(member)


def _fields(schema: Any, prefix: str, out: dict[str, Shape], depth: int = 0) -> None:
    """Flatten an inline object's fields into ``out`` (``a.b``, ``a[].b``); a $ref stops (it is its own model)."""
    if not isinstance(schema, Mapping) or "$ref" in schema or depth > MAX_DEPTH:
        return
    for name, prop, required in _properties(schema):
        path = f"{prefix}{name}"
        out[path] = _shape(prop, required=required)
        if isinstance(prop, Mapping):
            _fields(prop, path + ".", out, depth + 1)
            if isinstance(prop.get("items"), Mapping):
                _fields(prop["items"], path + "[].", out, depth + 1)


def _first_content(holder: Any, preferred: tuple[str, ...]) -> Any:
    content = holder.get("content") if isinstance(holder, Mapping) else None
    if not isinstance(content, Mapping) or not content:
        return None
    for media in preferred:
        if media in content:
            return (content[media] or {}).get("schema")
    return (next(iter(content.values())) or {}).get("schema")


def operation_fields(operation: Mapping[str, Any]) -> dict[str, Shape]:
    fields: dict[str, Shape] = {}
    for param in operation.get("parameters") or ():
        if isinstance(param, Mapping) and "name" in param:
            fields[f"{param.get('in')} {param['name']}"] = _shape(
                param.get("schema"), required=bool(param.get("required"))
            )
    body = _first_content(operation.get("requestBody"), _BODY_MEDIA)
    if body is not None:
        fields["body"] = _shape(body, required=bool((operation.get("requestBody") or {}).get("required")))
        _fields(body, "body ", fields)
    for code, response in (operation.get("responses") or {}).items():
        if str(code).startswith("2"):
            schema = _first_content(response, ("application/json",))
            fields[str(code)] = _shape(schema)
            _fields(schema, f"{code} ", fields)
    return fields


def schema_fields(schema: Any) -> dict[str, Shape]:
    fields: dict[str, Shape] = {"": _shape(schema)}
    _fields(schema, "", fields)
    if isinstance(schema, Mapping) and isinstance(schema.get("items"), Mapping):
        _fields(schema["items"], "[].", fields)
    return fields


def surface(fixed: Mapping[str, Any], modules: Mapping[str, str]) -> Surface:
    """The surface of a fixed spec; ``modules`` maps "METHOD /path" to its generated module (under ``api``)."""
    operations = {}
    for method, path, op in speclib.iter_operations(fixed):
        key = f"{method} {path}"
        operations[key] = {
            "module": modules.get(key, ""),
            "operation_id": str(op.get("operationId", "")),
            "deprecated": bool(op.get("deprecated")),
            "fields": operation_fields(op),
        }
    schemas = (fixed.get("components") or {}).get("schemas") or {}
    tags = {str(t["name"]) for t in fixed.get("tags") or () if isinstance(t, Mapping) and "name" in t}
    tags |= {str(tag) for _, _, op in speclib.iter_operations(fixed) for tag in op.get("tags") or ()}
    return {
        "operations": operations,
        "schemas": {str(name): schema_fields(s) for name, s in schemas.items()},
        "tags": sorted(tags),
    }


# ----------------------------------------------------------------------------------------------------- the diff
@dataclass
class FieldChanges:
    added: dict[str, Shape] = field(default_factory=dict)
    removed: dict[str, Shape] = field(default_factory=dict)
    retyped: dict[str, tuple[Shape, Shape]] = field(default_factory=dict)  # type or required changed
    enum_added: dict[str, list[Any]] = field(default_factory=dict)
    enum_removed: dict[str, list[Any]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any((self.added, self.removed, self.retyped, self.enum_added, self.enum_removed))

    def lines(self) -> list[str]:
        out = [f"+ {k or '(itself)'}: {describe(s)}" for k, s in sorted(self.added.items())]
        out += [f"- {k or '(itself)'}: {describe(s)}" for k, s in sorted(self.removed.items())]
        out += [f"~ {k or '(itself)'}: {describe(a)} -> {describe(b)}" for k, (a, b) in sorted(self.retyped.items())]
        out += [f"~ {k or '(itself)'}: new enum value(s) {_values(v)}" for k, v in sorted(self.enum_added.items())]
        out += [f"~ {k or '(itself)'}: enum value(s) gone {_values(v)}" for k, v in sorted(self.enum_removed.items())]
        return out


def _values(values: list[Any]) -> str:
    return ", ".join(repr(v) for v in values)


def describe(shape: Shape) -> str:
    return f"{shape['type']}{' (required)' if shape.get('required') else ''}"


def diff_fields(old: Mapping[str, Shape], new: Mapping[str, Shape]) -> FieldChanges:
    changes = FieldChanges()
    for key in new.keys() - old.keys():
        changes.added[key] = new[key]
    for key in old.keys() - new.keys():
        changes.removed[key] = old[key]
    for key in old.keys() & new.keys():
        a, b = old[key], new[key]
        if (a["type"], bool(a.get("required"))) != (b["type"], bool(b.get("required"))):
            changes.retyped[key] = (a, b)
        before, after = a.get("enum") or [], b.get("enum") or []
        if [v for v in after if v not in before]:
            changes.enum_added[key] = [v for v in after if v not in before]
        if [v for v in before if v not in after]:
            changes.enum_removed[key] = [v for v in before if v not in after]
    return changes


@dataclass
class SurfaceChanges:
    operations_added: list[str]
    operations_removed: list[str]
    operations_changed: dict[str, FieldChanges]
    deprecated_now: list[str]
    undeprecated: list[str]
    schemas_added: list[str]
    schemas_removed: list[str]
    schemas_changed: dict[str, FieldChanges]
    tags_added: list[str]
    tags_removed: list[str]


def diff(old: Surface, new: Surface) -> SurfaceChanges:
    old_ops, new_ops = old["operations"], new["operations"]
    old_schemas, new_schemas = old["schemas"], new["schemas"]
    both = sorted(old_ops.keys() & new_ops.keys())
    changed_ops = {k: diff_fields(old_ops[k]["fields"], new_ops[k]["fields"]) for k in both}
    changed_schemas = {k: diff_fields(old_schemas[k], new_schemas[k]) for k in old_schemas.keys() & new_schemas.keys()}
    return SurfaceChanges(
        operations_added=sorted(new_ops.keys() - old_ops.keys()),
        operations_removed=sorted(old_ops.keys() - new_ops.keys()),
        operations_changed={k: c for k, c in changed_ops.items() if c},
        deprecated_now=[k for k in both if new_ops[k]["deprecated"] and not old_ops[k]["deprecated"]],
        undeprecated=[k for k in both if old_ops[k]["deprecated"] and not new_ops[k]["deprecated"]],
        schemas_added=sorted(new_schemas.keys() - old_schemas.keys()),
        schemas_removed=sorted(old_schemas.keys() - new_schemas.keys()),
        schemas_changed={k: c for k, c in sorted(changed_schemas.items()) if c},
        tags_added=sorted(set(new.get("tags", ())) - set(old.get("tags", ()))),
        tags_removed=sorted(set(old.get("tags", ())) - set(new.get("tags", ()))),
    )
