"""The documentation covers the code: the reference lists every method of both clients, the deprecated-API guide
covers every method that warns, and each warning links to a section of that guide that exists."""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mailgun import AsyncMailgun, Mailgun, MailgunDeprecationWarning
from mailgun._call import registered_operations
from mailgun._client import resource
from mailgun._deprecation import DOCS_URL, GUIDE_SECTIONS, OTHER_SECTION, guide_for
from mailgun._endpoint import Descriptor

ROOT = Path(__file__).resolve().parents[1]
DEPRECATED_GUIDE = ROOT / "docs" / "migrating" / "deprecated-apis.md"
OFFICIAL_GUIDE = ROOT / "docs" / "migrating" / "official-sdk.md"


def client_methods(client_class: type[Any]) -> Iterator[tuple[str, str, Descriptor[Any]]]:
    import importlib

    for group, slot in vars(client_class).items():
        if isinstance(slot, resource):
            cls = getattr(importlib.import_module(f"mailgun.resources.{slot.module}"), slot.name)
            for name, value in vars(cls).items():
                if isinstance(value, Descriptor):
                    yield group, name, value


def reference_module() -> types.ModuleType:
    """scripts/docs_reference.py with mkdocs-gen-files stubbed out (it writes the pages at build time)."""
    sys.modules.setdefault("mkdocs_gen_files", types.SimpleNamespace(open=None))  # type: ignore[arg-type]
    source = (ROOT / "scripts" / "docs_reference.py").read_text()
    module = types.ModuleType("docs_reference")
    code = source.split("\nwith mkdocs_gen_files.open", 1)[0]  # the definitions, not the writing
    exec(compile(code, "docs_reference.py", "exec"), module.__dict__)
    return module


def heading_anchors(markdown: str) -> set[str]:
    """The ids mkdocs' toc extension gives the page's headings (lowercase, punctuation dropped, spaces to '-')."""
    anchors = set()
    for line in markdown.splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            title = re.sub(r"[^\w\s-]", "", title)
            anchors.add(re.sub(r"[\s]+", "-", title).strip("-"))
    return anchors


@pytest.mark.parametrize("client_class", [Mailgun, AsyncMailgun], ids=["sync", "async"])
def test_the_reference_lists_every_method_of_both_clients(client_class: type[Any]) -> None:
    page = reference_module().render()
    methods = [f"client.{group}.{name}" for group, name, _ in client_methods(client_class)]
    missing = [method for method in methods if f"### `{method}`" not in page]
    print(f"{client_class.__name__}: {len(methods)} methods in the reference")
    assert len(methods) > 200
    assert not missing, f"not in reference/resources.md: {missing}"


def test_the_reference_renders_user_facing_results() -> None:
    page = reference_module().render()
    assert "client.domains.list(*" in page and "-> SyncPager[Domain]" in page and "-> AsyncPager[Domain]" in page
    assert "await client.domains.get(name: str, extra_query: Mapping | None = None, " in page
    assert "extra_headers: Mapping | None = None) -> DomainDetails" in page
    assert "PagedCall" not in page and "Call[" not in page


def test_the_deprecated_api_guide_covers_every_method_that_warns() -> None:
    guide = DEPRECATED_GUIDE.read_text()
    warning = [f"client.{g}.{n}" for g, n, d in client_methods(Mailgun) if d.deprecated]
    missing = [method for method in warning if f"`{method}(" not in guide]
    print(f"{len(warning)} methods warn; every one is in the guide")
    assert len(warning) >= 25
    assert not missing, f"deprecated methods missing from {DEPRECATED_GUIDE.name}: {missing}"


def test_every_deprecation_warning_links_to_an_existing_section_of_the_guide() -> None:
    anchors = heading_anchors(DEPRECATED_GUIDE.read_text())
    assert set(GUIDE_SECTIONS.values()) | {OTHER_SECTION} <= anchors
    client = Mailgun(api_key="key-docs", base_url="http://127.0.0.1:9")
    with pytest.warns(MailgunDeprecationWarning) as caught:
        client.events.list("mg.example.com")  # creating the pager warns; nothing is sent
    assert guide_for("events.get_domain_name_events") in str(caught[0].message)
    for operation in registered_operations().values():
        message = operation.deprecation
        if message is not None:
            link = re.search(r"migration guide: (\S+)\)", message)
            assert link and link[1].startswith(DOCS_URL), message
            assert link[1].rsplit("#", 1)[1] in anchors, message


OFFICIAL_README_CALLS = [
    # Every `client.<attr>.<verb>(` the official package's README shows (mailgun/mailgun-python, 2026).
    "messages.create", "mimemessage.create", "domainlist.get", "domains.get", "domains.create", "domains.put",
    "domains_connection.get", "dkim_keys.get", "dkim_keys.create", "domains_dkimauthority.put",
    "domains_tracking.get", "domains_webhooks.create", "domains_webhooks.get", "account_webhooks.create",
    "events.get", "events.stream", "bounceclassification_metrics.create", "analytics_tags.create",
    "analytics_tags.update", "analytics_tags.delete", "analytics_tags_limits.get", "analytics_logs.create",
    "analytics_metrics.create", "analytics_usage_metrics.create", "bounces.create", "unsubscribes.get",
    "unsubscribes_import.create", "complaints.create", "complaints_import.create", "whitelists.delete",
    "routes.create", "routes.get", "lists.create", "lists_members_pages.get", "lists.delete", "templates.get",
    "templates.put", "templates.create", "ippools.patch", "domains_ips.create", "ips.get", "domains_ips.delete",
    "keys.get", "keys.create", "domains_credentials.get", "domains_credentials.create", "users.get",
    "addressvalidate.create", "addressvalidate.get", "inbox_tests.get", "inboxready_domains.get", "ping",
]  # fmt: skip


def test_the_official_sdk_guide_maps_every_call_of_its_readme() -> None:
    guide = OFFICIAL_GUIDE.read_text()
    rows = [line for line in guide.splitlines() if line.startswith("| `client.")]
    missing = [call for call in OFFICIAL_README_CALLS if not any(f"`client.{call}(" in row for row in rows)]
    assert not missing, f"calls of the official README with no row in {OFFICIAL_GUIDE.name}: {missing}"


def test_the_guides_name_only_methods_that_exist() -> None:
    """A method the guides recommend (`client.group.method(`) exists on the client: a rename breaks this."""
    known = {f"{g}.{n}" for g, n, _ in client_methods(Mailgun)} | {"request", "with_options"}
    for guide in (OFFICIAL_GUIDE, DEPRECATED_GUIDE):
        text = guide.read_text()
        ours = [cell for line in text.splitlines() if line.startswith("|") for cell in line.split("|")[2:3]]
        named = set(re.findall(r"client\.([a-z_]+(?:\.[a-z_]+)?)\(", " ".join(ours)))
        assert len(named) >= 7, guide.name
        unknown = sorted(name for name in named if name not in known and not name.startswith("api."))
        assert not unknown, f"{guide.name} names methods that do not exist: {unknown}"
