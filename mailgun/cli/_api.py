"""``mailgun api GROUP OPERATION --param key=value``: any operation of the pinned spec, for what has no command.

It calls ``client.api.<group>.<operation>(...)`` (every generated operation, through the client's auth, retries
and errors). ``--param`` values go to the operation's arguments (path and query parameters) by name; the others
make its request body (form fields), or ``--body`` gives the body as JSON. The result prints as the
operation's model, as a table or (``--json``) as JSON.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from typing import Any

import click

from ._app import common_options, settings
from ._params import KEY_VALUE

__all__ = ["command", "operations"]


def operations() -> dict[str, dict[str, tuple[str, str, bool]]]:
    """group -> operation -> (method, path template, deprecated), from the generated index."""
    from mailgun_openapi._operations import OPERATIONS

    groups: dict[str, dict[str, tuple[str, str, bool]]] = {}
    for name, spec in OPERATIONS.items():
        group, _, operation = name.partition(".")
        groups.setdefault(group, {})[operation] = spec
    return groups


@click.command("api")
@click.argument("group", required=False)
@click.argument("operation", required=False)
@click.option("--param", "-p", "params", multiple=True, type=KEY_VALUE, help="key=value (repeatable).")
@click.option("--body", help="The request body as JSON (instead of --param form fields).")
@common_options
def command(group: str | None, operation: str | None, params: tuple[tuple[str, str], ...], body: str | None) -> None:
    """Call any operation of Mailgun's spec; without OPERATION, list a GROUP's operations; without GROUP, the groups.

    \b
    mailgun api bounces get_domain_name_bounces -p domain_name=mg.example.com -p limit=10
    mailgun api domains post_domains -p name=new.example.com -p spam_action=tag
    """
    config = settings()
    out = config.output()
    groups = operations()
    if group is None:
        listing = {name: len(ops) for name, ops in sorted(groups.items())}
        if out.json_mode:
            out.json(listing)
        else:
            out.table(["group", "operations"], sorted(listing.items()))
        return
    if group not in groups:
        raise click.BadParameter(f"no group {group!r}; groups: {', '.join(sorted(groups))}", param_hint="GROUP")
    if operation is None:
        rows = [
            [name, method, path, "deprecated" if old else ""]
            for name, (method, path, old) in sorted(groups[group].items())
        ]
        if out.json_mode:
            out.json([dict(zip(("operation", "method", "path", "deprecated"), row, strict=True)) for row in rows])
        else:
            out.table(["operation", "method", "path", ""], rows, title=group)
        return
    if operation not in groups[group]:
        raise click.BadParameter(
            f"no operation {operation!r} in {group}; see: mailgun api {group}", param_hint="OPERATION"
        )
    method, path, deprecated = groups[group][operation]
    if deprecated:
        out.info(f"{group}.{operation} is deprecated by Mailgun")
    with config.client() as client:
        call = getattr(getattr(client.api, group), operation)
        result = call(**_arguments(call, params, body))
    data = _plain(result)
    if out.json_mode:
        out.json(data)
    else:
        out.auto(data, title=f"{method} {path}")


def _arguments(call: Callable[..., Any], params: tuple[tuple[str, str], ...], body: str | None) -> dict[str, Any]:
    """The keyword arguments of ``call``: parameters by name, the rest (or --body) as its ``body`` model."""
    signature = inspect.signature(call)
    names = {name.replace("_", "-"): name for name in signature.parameters if name != "body"}
    arguments: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    for key, value in params:
        name = names.get(key.replace("_", "-"))
        target = arguments if name is not None else fields
        key = name or key
        target[key] = [*_as_list(target[key]), value] if key in target else value
    missing = [
        p.name
        for p in signature.parameters.values()
        if p.default is inspect.Parameter.empty and p.name not in arguments and p.name != "body"
    ]
    if missing:
        raise click.UsageError("missing " + ", ".join(f"--param {name}=..." for name in missing))
    if "body" not in signature.parameters:
        if fields or body is not None:
            raise click.UsageError(
                f"unknown parameter(s) {sorted(fields)}; this operation takes {sorted(names.values())}"
            )
        return arguments
    if body is not None:
        if fields:
            raise click.UsageError(f"give --body or form fields, not both (got {sorted(fields)})")
        try:
            fields = json.loads(body)
        except ValueError as exc:
            raise click.BadParameter(f"not JSON: {exc}", param_hint="--body") from None
    annotation = signature.parameters["body"].annotation
    if fields or signature.parameters["body"].default is inspect.Parameter.empty:
        arguments["body"] = _body(str(annotation), fields)
    return arguments


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _body(annotation: str, data: Any) -> Any:
    """``data`` as the body model the operation takes (its annotation names generated models)."""
    from mailgun_openapi import models

    members = [part.strip() for part in annotation.split("|") if part.strip() != "None"]
    for member in members:
        if member.startswith("list[") and isinstance(data, list):
            item = getattr(models, member[5:-1], None)
            return [item.from_dict(entry) if item is not None else entry for entry in data]
        model = getattr(models, member, None)
        if model is not None and isinstance(data, dict):
            return model.from_dict(data)
    if isinstance(data, dict) and any(member in ("File", "Any", "dict[str, Any]") for member in members):
        return data
    raise click.UsageError(f"this operation's body is {annotation}: give it with --body JSON")


def _plain(value: Any) -> Any:
    """A result as plain JSON data: models through to_dict(), lists item by item."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if callable(to_dict) else value
