"""Writes the reference pages made from the code, at build time (mkdocs-gen-files): reference/resources.md (every
method of every `client.<group>`) and reference/types.md (every model `mailgun.types` exports).

The page is made from the clients themselves, so a method added to a resource class is documented by the next
build with nothing to edit here. Each method is a typed builder exposed on `Mailgun` and `AsyncMailgun`; a
method is rendered from its builder's signature (with the result types users see: `SyncPager[X]` for a listing on
`Mailgun`, `AsyncPager[X]` on `AsyncMailgun`) and its Google-style docstring.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Iterator
from typing import Any

import griffe
import mkdocs_gen_files

from mailgun import AsyncMailgun, Mailgun
from mailgun._client import resource
from mailgun._endpoint import Descriptor

INTRO = """# Resources: `client.<group>`

Every group below is an attribute of both clients. On `Mailgun` a method returns its result (a listing returns a
lazy iterator over every page); on `AsyncMailgun` the same method is awaited (a listing is iterated with
`async for`). Each bound method also has `.with_raw_response(...)` (status, headers, request id, parsed body).
Methods marked *deprecated* call an API Mailgun retires: see
[Migrating off deprecated Mailgun APIs](../migrating/deprecated-apis.md).

"""


def resource_groups() -> Iterator[tuple[str, type[Any]]]:
    """(attribute, sync resource class) for every group of the sync client, in declaration order."""
    for attr, slot in vars(Mailgun).items():
        if isinstance(slot, resource):
            module = importlib.import_module(f"mailgun.resources.{slot.module}")
            yield attr, getattr(module, slot.name)
    missing = {a for a, s in vars(AsyncMailgun).items() if isinstance(s, resource)} ^ {
        a for a, s in vars(Mailgun).items() if isinstance(s, resource)
    }
    if missing:
        raise RuntimeError(f"the sync and async clients differ in groups: {sorted(missing)}")


def methods(cls: type[Any]) -> Iterator[tuple[str, Descriptor[Any]]]:
    for name, value in vars(cls).items():
        if isinstance(value, Descriptor):
            yield name, value


# What `**extras: Unpack[RequestExtras]` means to a caller (mailgun/_extras.py): three optional keywords.
EXTRAS = "extra_query: Mapping | None = None, extra_body: Mapping | None = None, extra_headers: Mapping | None = None"


def user_signature(group: str, name: str, build: Any) -> tuple[str, str]:
    """What users call and get, sync and async: the builder's parameters with the client's return types."""
    signature = inspect.signature(build)
    params = str(signature.replace(return_annotation=inspect.Signature.empty)).replace("'", "")
    params = params.replace("**extras: Unpack[RequestExtras]", EXTRAS)
    returned = str(signature.return_annotation).replace("'", "")
    paged = re.fullmatch(r"PagedCall\[(.*)\]", returned)
    single = re.fullmatch(r"Call\[(.*)\]", returned)
    if paged:
        sync_result, async_result = f"SyncPager[{paged[1]}]", f"AsyncPager[{paged[1]}]"
    else:
        result = single[1] if single else returned
        sync_result, async_result = result, result
    call = f"client.{group}.{name}{params}"
    return f"{call} -> {sync_result}", f"{'' if paged else 'await '}{call} -> {async_result}"


def docstring_markdown(build: Any) -> str:
    """The builder's docstring (Google style) as Markdown: text, a parameter table, returns, raises, examples."""
    text = inspect.getdoc(build) or ""
    if not text:
        return ""
    parts: list[str] = []
    for section in griffe.Docstring(text, parser="google").parse(warn_missing_types=False):
        kind = section.kind.value
        if kind == "text":
            parts.append(section.value)
        elif kind == "parameters":
            rows = [f"| `{p.name}` | {' '.join(p.description.split())} |" for p in section.value]
            parts.append("| parameter | description |\n|---|---|\n" + "\n".join(rows))
        elif kind == "returns":
            parts.append("**Returns:** " + " ".join(" ".join(r.description.split()) for r in section.value))
        elif kind == "raises":
            items = [f"- `{r.annotation}`: {' '.join(r.description.split())}" for r in section.value]
            parts.append("**Raises:**\n\n" + "\n".join(items))
        elif kind == "admonition":
            parts.append(f"**{section.title or section.value.annotation}:**\n\n{section.value.description}")
        elif kind == "examples":
            parts.append("**Examples:**\n\n" + "\n".join(str(value) for _, value in section.value))
    return "\n\n".join(parts)


def method_section(group: str, name: str, descriptor: Descriptor[Any]) -> str:
    flag = " *(deprecated)*" if descriptor.deprecated else ""
    sync_line, async_line = user_signature(group, name, descriptor.build)
    return (
        f"### `client.{group}.{name}`{flag} {{ #client.{group}.{name} }}\n\n"
        f"```text\n{sync_line}\n{async_line}\n```\n\n{docstring_markdown(descriptor.build)}\n\n"
    )


def render() -> str:
    parts = [INTRO]
    for group, cls in resource_groups():
        parts.append(f"## `client.{group}`\n\n")
        summary = inspect.getdoc(importlib.import_module(cls.__module__)) or ""
        if summary:
            parts.append(summary.split("\n\n")[0] + "\n\n")
        for name, descriptor in methods(cls):
            parts.append(method_section(group, name, descriptor))
    return "".join(parts)


TYPES_INTRO = """# Types

`mailgun.types` names every model a method returns. They are attrs classes: fields are attributes, fields
Mailgun sends that the spec does not declare stay in `.additional_properties`, and `.to_dict()` gives the JSON
shape back. Import them from `mailgun.types` (`from mailgun.types import Domain`), never from the generated
package.

"""


def render_types() -> str:
    import mailgun.types

    parts = [TYPES_INTRO]
    for name in sorted(mailgun.types.__all__):
        cls = getattr(mailgun.types, name)
        parts.append(
            f"::: {cls.__module__}.{cls.__qualname__}\n"
            f"    options:\n"
            f'      heading: "{name}"\n'
            f'      toc_label: "{name}"\n'
            f"      heading_level: 2\n"
            f"      show_bases: false\n"
            f'      filters: ["!^_", "!^from_dict$", "!^additional_keys$"]\n\n'
        )
    return "".join(parts)


with mkdocs_gen_files.open("reference/resources.md", "w") as page:
    page.write(render())
with mkdocs_gen_files.open("reference/types.md", "w") as page:
    page.write(render_types())
