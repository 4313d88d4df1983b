"""What the curated facade (``mailgun/resources/``) uses of the generated client, found without calling anything.

- ``endpoints()``: every public resource method and the generated operations it calls. Builder functions are read
  through their code objects (the module-level names they use, followed into the module's own helpers), so a
  method that wraps an operation is found however its builder is written (directly, through a helper, or through
  a table of operations).
- ``uses()``: per curated method, the operations it calls, the parameters it passes them, and the fields of
  generated models its builders and parsers construct or read (from each resource module's source: keywords of
  ``<Operation>.call(...)``, keywords of a generated model's constructor, attributes read from a parameter
  annotated with a generated model).

``python scripts/facade_uses.py`` prints ``uses()`` as JSON: ``scripts/regenerate.py`` runs it in a fresh process
against the code it has just generated, to name the curated methods a spec change affects.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import sys
import types
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

ROOT = Path(__file__).resolve().parent.parent
MODELS = "mailgun_openapi.models"


@dataclass(frozen=True)
class Endpoint:
    client: str  # "sync" or "async"
    attribute: str  # client attribute, e.g. "domains"
    method: str  # e.g. "list"
    deprecated: bool  # statically marked (PEP 702) for type checkers
    operations: frozenset[str]  # generated operation modules it calls
    functions: frozenset[str] = frozenset()  # "module:qualname" of the facade functions it runs

    @property
    def name(self) -> str:
        return f"{self.attribute}.{self.method}"


def _code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


def _operations_in(value: Any) -> set[str]:
    from mailgun._call import Operation

    if isinstance(value, Operation):
        return {value.name}
    if isinstance(value, dict):
        return {n for v in value.values() for n in _operations_in(v)} | {n for k in value for n in _operations_in(k)}
    if isinstance(value, (list, tuple, set, frozenset)):
        return {n for v in value for n in _operations_in(v)}
    if hasattr(value, "__dict__") and not inspect.ismodule(value) and not callable(value):
        return {n for v in vars(value).values() for n in _operations_in(v)}
    return set()


def reach(fn: Any, _seen: set[int] | None = None) -> tuple[set[str], set[str]]:
    """(generated operations, facade functions as "module:qualname") that calling ``fn`` may use."""
    seen = _seen if _seen is not None else set()
    owner = getattr(fn, "__self__", None)  # a bound method: its instance may hold the operations
    fn = inspect.unwrap(getattr(fn, "__func__", fn))
    if id(fn) in seen or not hasattr(fn, "__code__"):
        return set(), set()
    seen.add(id(fn))
    found: set[str] = set()
    functions = {f"{fn.__module__}:{fn.__qualname__}"}
    module = fn.__globals__
    for code in _code_objects(fn.__code__):
        for name in code.co_names:
            value = module.get(name)
            found |= _operations_in(value)
            if owner is not None and name in getattr(owner, "__dict__", {}):
                found |= _operations_in(getattr(owner, name))
            if inspect.isfunction(value) and (value.__module__ or "").startswith("mailgun"):
                ops, funcs = reach(value, seen)
                found, functions = found | ops, functions | funcs
            elif inspect.isclass(value) and value.__module__ == module.get("__name__"):
                for member in vars(value).values():
                    if inspect.isfunction(member):
                        ops, funcs = reach(member, seen)
                        found, functions = found | ops, functions | funcs
    return found, functions


def operations_used(fn: Any) -> set[str]:
    return reach(fn)[0]


def endpoints() -> list[Endpoint]:
    from mailgun import AsyncMailgun, Mailgun
    from mailgun._client import resource
    from mailgun._endpoint import Descriptor

    found = []
    for label, client_cls in (("sync", Mailgun), ("async", AsyncMailgun)):
        for attribute, slot in vars(client_cls).items():
            if not isinstance(slot, resource):
                continue
            resource_cls = getattr(importlib.import_module(f"mailgun.resources.{slot.module}"), slot.name)
            for klass in reversed(resource_cls.__mro__):
                if not klass.__module__.startswith("mailgun.resources"):
                    continue
                for method, member in vars(klass).items():
                    if method.startswith("_"):
                        continue
                    if isinstance(member, Descriptor):
                        ops, funcs = reach(member.build)
                        found.append(
                            Endpoint(label, attribute, method, member.deprecated, frozenset(ops), frozenset(funcs))
                        )
                    elif inspect.isfunction(member):
                        ops, funcs = reach(member)
                        marked = getattr(member, "__deprecated__", None) is not None
                        found.append(Endpoint(label, attribute, method, marked, frozenset(ops), frozenset(funcs)))
    return found


# ------------------------------------------------------------------------------------------ names in the source
@dataclass
class _Scan:
    """What one resource module's source uses: per facade function, operation parameters and model fields."""

    module: types.ModuleType
    params: defaultdict[str, set[tuple[str, str]]]  # function -> {(operation, parameter)}
    fields: defaultdict[str, set[tuple[str, str]]]  # function -> {(model class, field)}

    def resolve(self, node: ast.expr, local: dict[str, Any]) -> Any:
        if isinstance(node, ast.Name):
            return local.get(node.id, vars(self.module).get(node.id))
        if isinstance(node, ast.Constant) and isinstance(node.value, str):  # a string annotation
            return local.get(node.value, vars(self.module).get(node.value))
        return None


def _is_model(value: Any) -> TypeGuard[type[Any]]:
    return inspect.isclass(value) and str(value.__module__).startswith(MODELS)


_SPREAD = frozenset({"given", "dict"})  # calls whose keywords become the keywords of the call they are spread into


def _keywords(call: ast.Call, spread: Mapping[str, ast.Call] | None = None) -> Iterator[str]:
    """Keyword names of a call, and of ``given(...)``/``dict(...)`` calls spread into it with ``**``, directly or
    through a local name (``fields = given(...)``; ``Body(**fields)``), as ``spread`` maps them."""
    for keyword in call.keywords:
        if keyword.arg is not None:
            yield keyword.arg
            continue
        value = keyword.value
        if isinstance(value, ast.Name) and spread and value.id in spread:
            value = spread[value.id]
        if isinstance(value, ast.Call) and getattr(value.func, "id", "") in _SPREAD:
            yield from _keywords(value)


def _spread_names(function: ast.AST) -> dict[str, ast.Call]:
    """Local names bound once to a ``given(...)``/``dict(...)`` call."""
    found: dict[str, ast.Call] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value
            if isinstance(value, ast.Call) and getattr(value.func, "id", "") in _SPREAD:
                found[node.targets[0].id] = value
    return found


def _local_imports(function: ast.AST) -> dict[str, Any]:
    """Generated models imported inside a function (the facade imports them lazily)."""
    found: dict[str, Any] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(MODELS):
            module = importlib.import_module(str(node.module))
            for alias in node.names:
                found[alias.asname or alias.name] = getattr(module, alias.name, None)
    return found


def _scan_function(scan: _Scan, qualname: str, function: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    from mailgun._call import Operation

    local = _local_imports(function)
    spread = _spread_names(function)
    annotated: dict[str, type[Any]] = {}
    for arg in [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]:
        cls = scan.resolve(arg.annotation, local) if arg.annotation is not None else None
        if _is_model(cls):
            annotated[arg.arg] = cls
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "call":
                operation = scan.resolve(func.value, local)
                if isinstance(operation, Operation):
                    scan.params[qualname] |= {(operation.name, name) for name in _keywords(node, spread)}
            cls = scan.resolve(func, local)
            if _is_model(cls):
                scan.fields[qualname] |= {(cls.__name__, name) for name in _keywords(node, spread)}
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in annotated:
            scan.fields[qualname].add((annotated[node.value.id].__name__, node.attr))


def _scan_module(module: types.ModuleType) -> _Scan:
    scan = _Scan(module, defaultdict(set), defaultdict(set))
    tree = ast.parse(inspect.getsource(module))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _scan_function(scan, f"{module.__name__}:{node.name}", node)
    return scan


def resource_modules() -> list[types.ModuleType]:
    import mailgun.resources

    return [
        importlib.import_module(f"mailgun.resources.{info.name}")
        for info in pkgutil.iter_modules(mailgun.resources.__path__)
    ]


def uses(deprecated: list[str] = []) -> dict[str, Any]:  # noqa: B006 (read only)
    """Per curated method (sync surface): operations, parameters passed, generated model fields built or read;
    and the successor the facade's table names for each of the ``deprecated`` operation modules (or None)."""
    from mailgun._deprecation import successor_of

    params: defaultdict[str, set[tuple[str, str]]] = defaultdict(set)
    fields: defaultdict[str, set[tuple[str, str]]] = defaultdict(set)
    for module in resource_modules():
        scan = _scan_module(module)
        # Functions are matched by module and name (nested helpers and methods by their own name).
        for qualname, found in scan.params.items():
            params[qualname] |= found
        for qualname, found in scan.fields.items():
            fields[qualname] |= found
    methods: dict[str, Any] = {}
    for endpoint in endpoints():
        if endpoint.client != "sync":
            continue
        reached = {f"{f.split(':')[0]}:{f.split(':')[1].rsplit('.', 1)[-1]}" for f in endpoint.functions}
        methods[endpoint.name] = {
            "operations": sorted(endpoint.operations),
            "params": sorted(
                {f"{op} {p}" for f in reached for op, p in params.get(f, ()) if op in endpoint.operations}
            ),
            "fields": sorted({f"{cls}.{name}" for f in reached for cls, name in fields.get(f, ())}),
        }
    return {
        "methods": methods,
        "models": models_referenced(),
        "successors": {name: successor_of(name) for name in deprecated},
    }


def models_referenced() -> dict[str, list[str]]:
    """Generated model class -> where the facade names it (``mailgun.types.<Public>``, resource modules)."""
    import mailgun.types

    found: defaultdict[str, set[str]] = defaultdict(set)
    for public in getattr(mailgun.types, "__all__", ()):
        value = getattr(mailgun.types, public, None)
        if _is_model(value):
            found[value.__name__].add(f"mailgun.types.{public}")
    for module in resource_modules():
        tree = ast.parse(inspect.getsource(module))
        values = [*vars(module).values(), *_local_imports(tree).values()]
        for value in values:
            if _is_model(value):
                found[value.__name__].add(module.__name__)
    return {name: sorted(places) for name, places in sorted(found.items())}


if __name__ == "__main__":
    # stdin: a JSON list of deprecated operation modules whose successors to look up (may be empty).
    sys.path.insert(0, str(ROOT))
    names = json.loads(sys.stdin.read() or "[]")
    json.dump(uses(names), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
