"""A static index of the facade: every public resource method and the generated operations it calls.

Found without calling anything: builder functions are read through their code objects (the module-level names
they use, followed into the module's own helpers), so a method that wraps an operation is found however its
builder is written (directly, through a helper, or through a table of operations).
"""

from __future__ import annotations

import importlib
import inspect
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mailgun import AsyncMailgun, Mailgun
from mailgun._call import Operation
from mailgun._client import resource
from mailgun._endpoint import Descriptor


@dataclass(frozen=True)
class Endpoint:
    client: str  # "sync" or "async"
    attribute: str  # client attribute, e.g. "domains"
    method: str  # e.g. "list"
    deprecated: bool  # statically marked (PEP 702) for type checkers
    operations: frozenset[str]  # generated operation modules it calls

    @property
    def name(self) -> str:
        return f"{self.attribute}.{self.method}"


def _code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


def _operations_in(value: Any) -> set[str]:
    if isinstance(value, Operation):
        return {value.name}
    if isinstance(value, dict):
        return {n for v in value.values() for n in _operations_in(v)} | {n for k in value for n in _operations_in(k)}
    if isinstance(value, (list, tuple, set, frozenset)):
        return {n for v in value for n in _operations_in(v)}
    if hasattr(value, "__dict__") and not inspect.ismodule(value) and not callable(value):
        return {n for v in vars(value).values() for n in _operations_in(v)}
    return set()


def operations_used(fn: Any, _seen: set[int] | None = None) -> set[str]:
    seen = _seen if _seen is not None else set()
    owner = getattr(fn, "__self__", None)  # a bound method: its instance may hold the operations
    fn = inspect.unwrap(getattr(fn, "__func__", fn))
    if id(fn) in seen or not hasattr(fn, "__code__"):
        return set()
    seen.add(id(fn))
    found: set[str] = set()
    module = fn.__globals__
    for code in _code_objects(fn.__code__):
        for name in code.co_names:
            value = module.get(name)
            found |= _operations_in(value)
            if owner is not None and name in getattr(owner, "__dict__", {}):
                found |= _operations_in(getattr(owner, name))
            if inspect.isfunction(value) and (value.__module__ or "").startswith("mailgun"):
                found |= operations_used(value, seen)
            elif inspect.isclass(value) and value.__module__ == module.get("__name__"):
                for member in vars(value).values():
                    if inspect.isfunction(member):
                        found |= operations_used(member, seen)
    return found


def endpoints() -> list[Endpoint]:
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
                        ops = operations_used(member.build)
                        found.append(Endpoint(label, attribute, method, member.deprecated, frozenset(ops)))
                    elif inspect.isfunction(member):
                        ops = operations_used(member)
                        marked = getattr(member, "__deprecated__", None) is not None
                        found.append(Endpoint(label, attribute, method, marked, frozenset(ops)))
    return found
