"""``mailgun api GROUP OPERATION --param key=value``: any operation of the pinned spec, for what has no command.

The operations are the generated index (``mailgun_openapi._operations.OPERATIONS``: group.operation -> method,
path template, deprecated); the request goes through the client's ``request()`` (same auth, retries, errors).
Parameters named in the path fill it; the others go in the query (GET, DELETE) or a form body (POST, PUT, PATCH),
or give the whole body as JSON with ``--body``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any
from urllib.parse import quote

import click

from ._app import common_options, settings
from ._params import KEY_VALUE

__all__ = ["command", "operations"]

_PLACEHOLDER = re.compile(r"\{([^}]+)\}")
_BODY_METHODS = ("POST", "PUT", "PATCH")


def operations() -> dict[str, dict[str, tuple[str, str, bool]]]:
    """group -> operation -> (method, path template, deprecated)."""
    from mailgun_openapi._operations import OPERATIONS

    groups: dict[str, dict[str, tuple[str, str, bool]]] = defaultdict(dict)
    for name, spec in OPERATIONS.items():
        group, _, operation = name.partition(".")
        groups[group][operation] = spec
    return dict(groups)


@click.command("api")
@click.argument("group", required=False)
@click.argument("operation", required=False)
@click.option("--param", "-p", "params", multiple=True, type=KEY_VALUE, help="key=value (repeatable).")
@click.option("--body", help="The request body as JSON (instead of form parameters).")
@common_options
def command(group: str | None, operation: str | None, params: tuple[tuple[str, str], ...], body: str | None) -> None:
    """Call any operation of Mailgun's spec; without OPERATION, list a GROUP's operations; without GROUP, the groups.

    \b
    mailgun api bounces get_domain_name_bounces -p domain_name=mg.example.com -p limit=10
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
    method, template, deprecated = groups[group][operation]
    if deprecated:
        out.info(f"{group}.{operation} is deprecated by Mailgun")
    path, rest = _fill_path(template, params)
    request: dict[str, Any] = {}
    if body is not None:
        try:
            request["json"] = json.loads(body)
        except ValueError as exc:
            raise click.BadParameter(f"not JSON: {exc}", param_hint="--body") from None
    if method in _BODY_METHODS and body is None:
        request["data"] = rest or None
    else:
        request["params"] = rest or None
    with config.client() as client:
        response = client.request(method, path, **request)
        result = response.json()
    if out.json_mode:
        out.json(result)
    else:
        out.auto(result, title=f"{method} {path}")


def _fill_path(template: str, params: tuple[tuple[str, str], ...]) -> tuple[str, dict[str, Any]]:
    """The path with its placeholders filled (URL-quoted) and the other parameters (repeated keys as lists)."""
    values: dict[str, Any] = {}
    for key, value in params:
        if key in values:
            previous = values[key]
            values[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            values[key] = value
    missing = []

    def fill(match: re.Match[str]) -> str:
        name = match[1]
        for key in (name, name.replace("-", "_"), name.replace("_", "-")):
            if key in values and isinstance(values[key], str):
                return quote(values.pop(key), safe="")
        missing.append(name)
        return match[0]

    path = _PLACEHOLDER.sub(fill, template)
    if missing:
        raise click.UsageError(f"{template} needs " + ", ".join(f"--param {name}=..." for name in missing))
    return path, values
