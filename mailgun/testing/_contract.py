"""The contract the fake keeps: Mailgun's fixed spec, as Prism serves it to the contract suite.

``scripts/regenerate.py`` writes that spec (``openapi/`` fixes applied, then ``scripts/prism.py``'s dialect) into
``mailgun_openapi/openapi.json``, so an installed wheel carries it. From it this module

- finds the operation a request is for (``match``), literal path segments before templated ones, as Prism does;
- lists what is wrong with a request (``request_problems``): path, query and header parameters and the body
  (JSON, urlencoded or multipart, form values coerced as a validator reads them) against their JSON Schemas;
- answers an operation the fake does not model with the example of its first 2xx response (``example``);
- checks an answer of the fake against the response schema of its status (``response_problems``).

Schemas are checked with ``jsonschema`` (Draft 2020-12, the dialect of OpenAPI 3.1): the ``testing`` extra.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ._forms import FormField

__all__ = ["Contract", "Operation", "load_contract", "require_validator"]

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_JSON = re.compile(r"^application/(?:[\w.+-]+\+)?json$")
_MAX_PROBLEMS = 5


@dataclass
class Operation:
    method: str
    path: str  # the template, e.g. /v3/{domain_name}/messages
    pointer: str  # JSON pointer of the operation in the spec
    spec: dict[str, Any]
    regex: re.Pattern[str] = field(repr=False)
    literal_segments: int = 0

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


class Contract:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.operations: list[Operation] = []
        for path, item in spec.get("paths", {}).items():
            for method in _METHODS:
                op = item.get(method)
                if not isinstance(op, dict):
                    continue
                names = re.findall(r"\{([^}]+)\}", path)
                pattern = re.escape(path)
                for name in names:
                    pattern = pattern.replace(re.escape("{" + name + "}"), f"(?P<{_group(name)}>[^/]+)", 1)
                regex = re.compile(f"^{pattern}/?$")
                literal = sum(1 for seg in path.split("/") if seg and "{" not in seg)
                pointer = f"#/paths/{_escape(path)}/{method}"
                self.operations.append(Operation(method.upper(), path, pointer, op, regex, literal))
        # Prism prefers the path with more literal segments (/v3/lists/pages over /v3/lists/{list_address}).
        self.operations.sort(key=lambda op: -op.literal_segments)
        self._validators: dict[str, Any] = {}

    # ------------------------------------------------------------------------------------------ matching
    def match(self, method: str, path: str) -> tuple[Operation | None, dict[str, str], bool]:
        """(operation, path parameters, whether the path exists for another method)."""
        path_known = False
        for op in self.operations:
            found = op.regex.match(path)
            if found is None:
                continue
            if op.method != method.upper():
                path_known = True
                continue
            names = re.findall(r"\{([^}]+)\}", op.path)
            return op, {name: found.group(_group(name)) for name in names}, True
        return None, {}, path_known

    # ----------------------------------------------------------------------------------------- requests
    def request_problems(
        self,
        op: Operation,
        *,
        path_params: Mapping[str, str],
        query: Mapping[str, list[str]],
        headers: Mapping[str, str],
        content_type: str | None,
        json_body: Any = None,
        form: list[FormField] | None = None,
        has_body: bool,
    ) -> list[str]:
        problems: list[str] = []
        for index, param in enumerate(op.spec.get("parameters") or []):
            param = self._deref(param)
            where, name = param.get("in"), param.get("name")
            schema = param.get("schema") or {}
            pointer = f"{op.pointer}/parameters/{index}/schema"
            if where == "path":
                values = [path_params[name]] if name in path_params else []
            elif where == "query":
                values = list(query.get(name, []))
            elif where == "header":
                value = _header(headers, name)
                values = [] if value is None else [value]
            else:
                continue
            if not values:
                if param.get("required"):
                    problems.append(f"{where} parameter {name!r} is required")
                continue
            value = self._coerce_values(schema, values)
            problems += [f"{where} parameter {name!r}: {p}" for p in self._errors(pointer, value)]
        problems += self._body_problems(op, content_type, json_body, form, has_body)
        return problems[:_MAX_PROBLEMS]

    def _body_problems(
        self, op: Operation, content_type: str | None, json_body: Any, form: list[FormField] | None, has_body: bool
    ) -> list[str]:
        body_spec = self._deref(op.spec.get("requestBody") or {})
        content = body_spec.get("content") or {}
        if not has_body:
            return ["request body is required"] if body_spec.get("required") and content else []
        if not content:
            return []  # Prism ignores a body the operation does not document
        mime = (content_type or "").split(";", 1)[0].strip().lower()
        media = next((m for m in content if m.lower() == mime), None)
        if media is None:
            return [f"content type {mime or 'none'!r} is not one of {sorted(content)}"]
        schema = content[media].get("schema")
        if schema is None:
            return []
        pointer = f"{op.pointer}/requestBody/content/{_escape(media)}/schema"
        if _JSON.match(mime):
            return [f"body: {p}" for p in self._errors(pointer, json_body)]
        if form is None:
            return []
        value = self._form_object(self._deref(schema), form)
        return [f"body: {p}" for p in self._errors(pointer, value)]

    def _form_object(self, schema: dict[str, Any], form: list[FormField]) -> dict[str, Any]:
        grouped: dict[str, list[str]] = {}
        for part in form:
            grouped.setdefault(part.name, []).append(part.text_for_schema())
        properties = {name: self._deref(prop) for name, prop in (schema.get("properties") or {}).items()}
        return {name: self._coerce_values(properties.get(name, {}), values) for name, values in grouped.items()}

    def _coerce_values(self, schema: dict[str, Any], values: list[str]) -> Any:
        schema = self._deref(schema)
        if _types(schema) & {"array"}:
            items = self._deref(schema.get("items") or {})
            return [_coerce(items, v) for v in values]
        return _coerce(schema, values[-1])

    # ---------------------------------------------------------------------------------------- responses
    def response_schema_pointer(self, op: Operation, status: int) -> str | None:
        responses = op.spec.get("responses") or {}
        response = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX")
        if response is None:
            return None
        content = self._deref(response).get("content") or {}
        for media in content:
            if _JSON.match(media.lower()) and "schema" in content[media]:
                code = str(status) if str(status) in responses else f"{str(status)[0]}XX"
                return f"{op.pointer}/responses/{code}/content/{_escape(media)}/schema"
        return None

    def response_problems(self, op: Operation, status: int, body: Any) -> list[str]:
        pointer = self.response_schema_pointer(op, status)
        return [] if pointer is None else self._errors(pointer, body)[:_MAX_PROBLEMS]

    def example(self, op: Operation) -> tuple[int, Any, str | None]:
        """(status, body, media type) of the first documented 2xx answer, as Prism serves it."""
        responses = op.spec.get("responses") or {}
        codes = sorted((c for c in responses if c[:1] == "2"), key=str) or sorted(responses, key=str)
        if not codes:
            return 200, None, None
        code = codes[0]
        status = int(code) if code.isdigit() else 200
        content = self._deref(responses[code]).get("content") or {}
        if not content:
            return status, None, None
        media = next((m for m in content if _JSON.match(m.lower())), next(iter(content)))
        entry = content[media]
        examples = entry.get("examples")
        if isinstance(examples, dict) and examples:
            first = self._deref(next(iter(examples.values())))
            if "value" in first:
                return status, first["value"], media
        if "example" in entry:
            return status, entry["example"], media
        return status, self._static_example(entry.get("schema") or {}, depth=0), media

    def _static_example(self, schema: Any, depth: int) -> Any:
        """What Prism's static generator makes of a schema: its example, default, first enum value or a stand-in."""
        schema = self._deref(schema)
        if not isinstance(schema, dict) or depth > 8:
            return None
        for key in ("example", "default", "const"):
            if key in schema:
                return schema[key]
        if schema.get("examples"):
            return schema["examples"][0]
        if schema.get("enum"):
            return schema["enum"][0]
        for key in ("allOf", "oneOf", "anyOf"):
            if schema.get(key):
                parts = [self._static_example(s, depth + 1) for s in schema[key]]
                if key == "allOf" and all(isinstance(p, dict) for p in parts):
                    merged: dict[str, Any] = {}
                    for part in parts:
                        merged.update(part)
                    return merged
                return parts[0]
        kind = next(iter(sorted(_types(schema) - {"null"})), "object" if "properties" in schema else "string")
        if kind == "object":
            props = schema.get("properties") or {}
            return {name: self._static_example(prop, depth + 1) for name, prop in props.items()}
        if kind == "array":
            return [self._static_example(schema.get("items") or {}, depth + 1)]
        return {"integer": 0, "number": 0, "boolean": True}.get(kind, "string")

    # ------------------------------------------------------------------------------------------ schemas
    def _deref(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 20:
            node = self._at(node["$ref"])
            seen += 1
        return node

    def _at(self, ref: str) -> Any:
        node: Any = self.spec
        for part in ref.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def _errors(self, pointer: str, value: Any) -> list[str]:
        validator = self._validators.get(pointer)
        if validator is None:
            validator = self._validators[pointer] = _validator(self.spec, pointer)
        errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
        return [_describe(error) for error in errors]


def require_validator() -> None:
    """Fail at ``FakeMailgun()`` rather than at its first request when the ``testing`` extra is missing."""
    try:
        import jsonschema  # noqa: F401
    except ImportError as exc:  # pragma: no cover - the message is the point
        raise ImportError(
            "mailgun.testing validates requests against Mailgun's spec with jsonschema: "
            "pip install 'mailgun-typed[testing]'"
        ) from exc


def _validator(spec: dict[str, Any], pointer: str) -> Any:
    import jsonschema
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    registry: Registry[Any] = Registry().with_resource("urn:mailgun-spec", DRAFT202012.create_resource(spec))
    schema = {"$ref": "urn:mailgun-spec" + pointer}
    return jsonschema.Draft202012Validator(
        schema, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _describe(error: Any) -> str:
    where = ".".join(str(p) for p in error.absolute_path)
    return f"{where + ': ' if where else ''}{error.message}"


def _types(schema: Mapping[str, Any]) -> set[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")


def _coerce(schema: Mapping[str, Any], text: str) -> Any:
    """A form or query value as a validator reads it: numbers and booleans where the schema wants them."""
    kinds = _types(schema)
    if "string" in kinds or not kinds:
        return text
    if "integer" in kinds and _INTEGER.match(text):
        return int(text)
    if "number" in kinds and _NUMBER.match(text):
        return float(text)
    if "boolean" in kinds and text in ("true", "false"):
        return text == "true"
    if kinds & {"object", "array"}:
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


def _header(headers: Mapping[str, str], name: str) -> str | None:
    lower = name.lower()
    return next((v for k, v in headers.items() if k.lower() == lower), None)


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _group(name: str) -> str:
    return "p_" + re.sub(r"\W", "_", name)


@cache
def load_contract() -> Contract:
    """The spec shipped in ``mailgun_openapi`` (read once per process: ~0.5 MB of JSON)."""
    data = resources.files("mailgun_openapi").joinpath("openapi.json").read_bytes()
    return Contract(json.loads(data))
