"""The change report of a regeneration, and the breaking changes that must fail it.

Input: the field-level surfaces of the previous and the new generation (``spec_surface``) and what the curated
facade uses (``facade_uses.uses()``, computed against the new generated code). Output: lines for the terminal and
a Markdown file a pull request can quote (``openapi/CHANGES.md``), and the list of breaking changes: an operation
a curated method calls was removed, or a parameter or model field a curated builder or parser uses was removed
or changed type. Additive changes (new operations, tags, parameters, fields, enum values, deprecations) never
break.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from openapi_python_client.strings import ClassName, PythonIdentifier
from spec_surface import FieldChanges, Surface, SurfaceChanges, describe

PREFIX = "field_"  # openapi-python-client's default field_prefix (openapi/generator.yaml keeps it)
_PARAM_PLACES = ("path ", "query ", "header ")


def _py(name: str) -> str:
    return str(PythonIdentifier(name, PREFIX))


@dataclass(frozen=True)
class Use:
    """One thing a curated method relies on, located in a surface: an operation's entry or a schema's field."""

    method: str
    owner: str  # "METHOD /path" or "model SchemaName"
    key: str  # the surface key ("query limit", "body", "items"), "" for the operation itself

    @property
    def label(self) -> str:
        return f"{self.owner}" + (f" {self.key!r}" if self.key else "")


def _is_param(field: str, name: str) -> bool:
    """Whether the surface key ("query limit") is the generated parameter ``name`` (the generator suffixes a name
    that two places share: ``pool_id_path``, ``pool_id_query``)."""
    place, _, spec_name = field.partition(" ")
    if f"{place} " not in _PARAM_PLACES:
        return False
    return name in (_py(spec_name), f"{_py(spec_name)}_{place}")


def _fields_of(surface: Surface, owner: str) -> Mapping[str, Any] | None:
    if owner.startswith("model "):
        fields: Mapping[str, Any] | None = surface["schemas"].get(owner.removeprefix("model "))
        return fields
    operation = surface["operations"].get(owner)
    return None if operation is None else operation["fields"]


def _model_index(surface: Surface) -> dict[str, tuple[str, str]]:
    """Generated model class name -> (owner, key prefix) of its fields in the surface."""
    index = {str(ClassName(name, PREFIX)): (f"model {name}", "") for name in surface["schemas"]}
    for key, operation in surface["operations"].items():
        op_id = operation.get("operation_id") or ""
        if "body" in operation["fields"]:
            index.setdefault(str(ClassName(f"{op_id}_body", PREFIX)), (key, "body "))
        for code in (k for k in operation["fields"] if k.isdigit()):
            index.setdefault(str(ClassName(f"{op_id}_response_{code}", PREFIX)), (key, f"{code} "))
    return index


def _locate(uses: Mapping[str, Any], surface: Surface) -> tuple[list[Use], list[dict[str, str]]]:
    """(what each curated method uses, as surface entries; the uses the surface lacks, as breaks). Model classes
    the surface cannot place (nested inline models) are left out: the resource tests exercise those."""
    by_module = {op["module"]: key for key, op in surface["operations"].items()}
    models = _model_index(surface)
    found: list[Use] = []
    missing: list[dict[str, str]] = []
    for method, used in sorted(uses["methods"].items()):
        for module in used["operations"]:
            if module in by_module:
                found.append(Use(method, by_module[module], ""))
            else:
                missing.append({"method": method, "change": f"operation {module} is not in the spec"})
        for entry in used["params"]:
            module, name = entry.split(" ", 1)
            key = by_module.get(module)
            if key is not None:
                hits = [f for f in surface["operations"][key]["fields"] if f == name == "body" or _is_param(f, name)]
                found += [Use(method, key, field) for field in hits]
                if not hits:
                    missing.append({"method": method, "change": f"{key} has no parameter {name!r}"})
        for entry in used["fields"]:
            cls, name = entry.split(".", 1)
            if cls not in models:
                continue
            owner, prefix = models[cls]
            hits = [f for f in _fields_of(surface, owner) or () if _field_is(f, prefix, name)]
            found += [Use(method, owner, field) for field in hits]
            if not hits:
                missing.append({"method": method, "change": f"{owner} has no field {name!r} ({cls})"})
    return found, missing


def _field_is(field: str, prefix: str, name: str) -> bool:
    rest = field[len(prefix) :] if field.startswith(prefix) else ""
    return bool(rest) and "." not in rest and "[" not in rest and _py(rest) == name


def locate_uses(uses: Mapping[str, Any], surface: Surface) -> list[Use]:
    return _locate(uses, surface)[0]


def missing_uses(uses: Mapping[str, Any], surface: Surface) -> list[dict[str, str]]:
    """Operations, parameters and fields the curated facade uses that the surface lacks (stateless: `make test`
    checks the committed surface with it)."""
    return _locate(uses, surface)[1]


def breaking_changes(
    old: Surface | None, new: Surface, uses: Mapping[str, Any], pending: Iterable[Mapping[str, str]] = ()
) -> list[dict[str, str]]:
    """Breaks: uses located in the old surface that the new one lacks or types differently, plus ``pending``
    retypes from an earlier generation that still apply (a retype stays until accepted with --accept-breaking)."""
    breaks: dict[tuple[str, str], dict[str, str]] = {}
    if old is None:  # nothing to compare with: what the new surface lacks
        return missing_uses(uses, new)
    located = locate_uses(uses, old)
    for use in located:
        before = _fields_of(old, use.owner) or {}
        after = _fields_of(new, use.owner)
        if after is None:
            what = "operation removed" if not use.owner.startswith("model ") else "model removed"
            breaks[(use.method, use.owner)] = {"method": use.method, "change": f"{use.owner}: {what}"}
        elif use.key and use.key not in after:
            breaks[(use.method, use.label)] = {"method": use.method, "change": f"{use.label} removed"}
        elif use.key and before.get(use.key, {}).get("type") != after[use.key]["type"]:
            change = f"{use.label} changed type: {before[use.key]['type']} -> {after[use.key]['type']}"
            breaks[(use.method, use.label)] = {"method": use.method, "change": change}
    located_new, missing = _locate(uses, new)
    still_used = {(u.method, u.label) for u in located_new}
    for item in pending:
        key = (item["method"], item["change"].split(" changed type:")[0])
        if key in still_used and key not in breaks:
            breaks[key] = dict(item)
    # What the new surface lacks, for methods not flagged above: a removal regenerated a second time (the
    # previous surface already lacks it) still fails.
    flagged = {method for method, _ in breaks}
    for item in missing:
        if item["method"] not in flagged:
            breaks[(item["method"], item["change"])] = item
    return [breaks[k] for k in sorted(breaks)]


@dataclass
class FollowUps:
    uncurated: list[str]  # new operations no curated method calls
    gained: list[str]  # "method: operation gained ..."
    no_successor: list[str]  # deprecated operations the successor table does not cover


def follow_ups(changes: SurfaceChanges | None, new: Surface, uses: Mapping[str, Any]) -> FollowUps:
    methods_of: dict[str, list[str]] = {}
    for method, used in uses["methods"].items():
        for module in used["operations"]:
            methods_of.setdefault(module, []).append(method)
    ops = new["operations"]
    uncurated, gained = [], []
    if changes is not None:
        for key in changes.operations_added:
            module = ops[key]["module"]
            if module not in methods_of:
                uncurated.append(f"{key}: client.api.{module} only")
        for key, op in sorted(ops.items()):
            added = _gained(key, op, changes)
            for method in sorted(methods_of.get(op["module"], ())) if added else ():
                gained.append(f"{method}: {key} gained {', '.join(added)}")
    deprecated_now = set(changes.deprecated_now) if changes is not None else set()
    no_successor = [
        f"{key} ({op['module']})" + (" - deprecated now" if key in deprecated_now else "")
        for key, op in sorted(ops.items())
        if op["deprecated"] and uses["successors"].get(op["module"], "") is None
    ]
    return FollowUps(uncurated, gained, no_successor)


def _gained(key: str, op: Mapping[str, Any], changes: SurfaceChanges) -> list[str]:
    added = [k for k in changes.operations_changed.get(key, FieldChanges()).added if not k[:1].isdigit()]
    body = op["fields"].get("body", {}).get("type", "")
    if body in changes.schemas_changed:
        added += [f"body {k}" for k in changes.schemas_changed[body].added if k and "." not in k and "[" not in k]
    return sorted(added)


# ------------------------------------------------------------------------------------------------- rendering
def _changed_operations(changes: SurfaceChanges) -> list[str]:
    return sorted(set(changes.operations_changed) | set(changes.deprecated_now) | set(changes.undeprecated))


def summary_line(changes: SurfaceChanges) -> str:
    return (
        f"change report: operations +{len(changes.operations_added)} -{len(changes.operations_removed)} "
        f"~{len(_changed_operations(changes))} (deprecated now: {len(changes.deprecated_now)}); "
        f"models +{len(changes.schemas_added)} -{len(changes.schemas_removed)} ~{len(changes.schemas_changed)}; "
        f"tags +{len(changes.tags_added)} -{len(changes.tags_removed)}"
    )


def sections(
    changes: SurfaceChanges | None, new: Surface, follow: FollowUps, breaks: list[dict[str, str]]
) -> list[tuple[str, list[str]]]:
    """(title, lines) of the report, shared by the terminal and the Markdown file."""
    out: list[tuple[str, list[str]]] = []
    if breaks:
        out.append(
            ("BREAKING: curated methods that rely on what changed", [f"{b['method']}: {b['change']}" for b in breaks])
        )
    if changes is not None:
        ops = new["operations"]
        lines = [
            f"+ {k} ({ops[k]['module']})" + (" deprecated" if ops[k]["deprecated"] else "")
            for k in changes.operations_added
        ]
        lines += [f"- {k}" for k in changes.operations_removed]
        for key in _changed_operations(changes):
            lines.append(f"~ {key} ({ops[key]['module']})")
            lines += ["    deprecated now"] * (key in changes.deprecated_now)
            lines += ["    no longer deprecated"] * (key in changes.undeprecated)
            lines += [f"    {line}" for line in changes.operations_changed.get(key, FieldChanges()).lines()]
        out.append(("Operations", lines))
        out.append(
            ("Tags (API groups)", [f"+ {t}" for t in changes.tags_added] + [f"- {t}" for t in changes.tags_removed])
        )
        schemas = new["schemas"]
        lines = [f"+ {name} ({len(schemas[name]) - 1} fields)" for name in changes.schemas_added]
        lines += [f"- {name}" for name in changes.schemas_removed]
        for name, field_changes in changes.schemas_changed.items():
            lines.append(f"~ {name}")
            lines += [f"    {line}" for line in field_changes.lines()]
        out.append(("Models", lines))
    out.append(("Follow-up: new operations without a curated method", follow.uncurated))
    out.append(("Follow-up: curated methods whose operation gained parameters", follow.gained))
    out.append(("Follow-up: deprecated operations without a successor in mailgun/_deprecation.py", follow.no_successor))
    return out


def render_text(summary: str, parts: list[tuple[str, list[str]]]) -> list[str]:
    lines = [summary]
    for title, body in parts:
        if body:
            lines.append(f"  {title}:")
            lines += [f"    {line}" for line in body]
    return lines


def render_markdown(header: list[str], summary: str, parts: list[tuple[str, list[str]]]) -> str:
    text = ["# Spec change report", "", *header, "", f"**{summary.removeprefix('change report: ')}**", ""]
    for title, body in parts:
        text += [f"## {title}", ""]
        text += ["```", *body, "```"] if body else ["(none)"]
        text.append("")
    return "\n".join(text)


__all__ = [
    "breaking_changes",
    "describe",
    "follow_ups",
    "locate_uses",
    "missing_uses",
    "render_markdown",
    "render_text",
    "sections",
]
