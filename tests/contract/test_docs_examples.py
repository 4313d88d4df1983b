"""Every Python example of README.md, of docs/ and of the curated methods' docstrings runs: an example that
drifts from the API (a renamed method, a wrong argument, a request the spec refuses) fails here.

Examples run against the testing kit's ``FakeMailgun`` (``mailgun.testing``) when it is installed: it keeps
state and paginates for real, and refuses a request its spec does not allow. Where the fake lacks the state an
example assumes (it reads a template or a list it did not create: ``NotFoundError``; it brings its own key or
transport: ``AuthenticationError``), the example runs against Prism serving the fixed spec, which answers every
path with the spec's example. Both regions point at Prism, so ``Mailgun(region="eu")`` in an example talks to
the mock too; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import gc
import os
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mailgun import AsyncMailgun, AuthenticationError, Mailgun, MailgunDeprecationWarning, NotFoundError
from mailgun import _config as config
from tests.docs_examples import DOC_FILES, FIXTURE_FILES, Example, docstring_examples, examples_in, run_page

from .conftest import prismlib

PAGES = {path: list(examples_in(path)) for path in DOC_FILES}
DOCSTRING_EXAMPLES = docstring_examples()


@pytest.fixture
def example_folder(prism: prismlib.PrismServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name, content in FIXTURE_FILES.items():
        (tmp_path / name).write_bytes(content)
    monkeypatch.chdir(tmp_path)
    for name in ("MAILGUN_BASE_URL", "MAILGUN_REGION", "MAILGUN_DOMAIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MAILGUN_API_KEY", prismlib.TEST_API_KEY)
    monkeypatch.setenv("MAILGUN_WEBHOOK_SIGNING_KEY", "docs-example-signing-key")  # the README's webhook example
    monkeypatch.setattr(config, "REGIONS", dict.fromkeys(config.REGIONS, prism.base_url))
    yield tmp_path


@pytest.fixture
def opened_clients(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every client the examples make, closed at the end as the end of a reader's script would (a client an
    example drops would otherwise be reported, as a ResourceWarning, during whichever example the garbage
    collector happens to run in)."""
    made: list[Any] = []
    for cls in (Mailgun, AsyncMailgun):
        init = cls.__init__

        def recording_init(self: Any, *args: Any, _init: Any = init, **kwargs: Any) -> None:
            _init(self, *args, **kwargs)
            made.append(self)

        monkeypatch.setattr(cls, "__init__", recording_init)
    yield made
    close_all(made)


def new_fake() -> Any:
    """A fresh ``FakeMailgun`` (``mg.example.com`` exists), or None without the testing kit and its extra."""
    try:
        from mailgun.testing import FakeMailgun

        return FakeMailgun()
    except ImportError:
        return None


def run_served(examples: list[Example], namespace: Callable[[], dict[str, Any]]) -> str:
    """Run ``examples`` against the fake, else Prism (see the module's docstring); returns which served them."""
    fake = new_fake()
    if fake is not None:
        try:
            with fake.patch():
                run_page(examples, namespace())
            return "fake"
        except AssertionError as exc:
            if not isinstance(exc.__cause__, (NotFoundError, AuthenticationError)):
                raise
    run_page(examples, namespace())
    return "prism"


def close_all(clients: list[Any]) -> None:
    for client in clients:
        client.close() if isinstance(client, Mailgun) else asyncio.run(client.aclose())
    gc.collect()


@pytest.mark.parametrize("page", [path for path, examples in PAGES.items() if examples], ids=lambda path: path.name)
def test_every_example_of_the_page_runs(page: Path, example_folder: Path, opened_clients: list[Any]) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        served = run_served(PAGES[page], lambda: {"__name__": "__docs_example__"})
        print(f"{page.name}: served by {served}")
        close_all(opened_clients)
    unexpected = [w for w in caught if not issubclass(w.category, MailgunDeprecationWarning)]
    assert not unexpected, [f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})" for w in unexpected]


@pytest.mark.parametrize("example", DOCSTRING_EXAMPLES, ids=lambda example: example.where)
def test_every_docstring_example_runs(example: Example, example_folder: Path, opened_clients: list[Any]) -> None:
    """A curated method's ``Example:`` runs as written, with ``client = Mailgun()`` and ``domain`` defined."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        served = run_served(
            [example], lambda: {"__name__": "__docs_example__", "client": Mailgun(), "domain": "mg.example.com"}
        )
        print(f"{example.where}: served by {served}")
        close_all(opened_clients)
    unexpected = [w for w in caught if not issubclass(w.category, MailgunDeprecationWarning)]
    assert not unexpected, [f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})" for w in unexpected]


def test_examples_are_found_and_skips_say_why() -> None:
    examples: list[Example] = [example for found in PAGES.values() for example in found]
    skipped = [example for example in examples if example.skip_reason is not None]
    print(f"{len(examples)} Python examples in {len(PAGES)} pages; {len(skipped)} skipped with a reason")
    assert len(examples) >= 20
    assert all(example.skip_reason for example in skipped)
    assert len(skipped) < len(examples) / 2, "most examples must run"


def test_a_broken_example_fails(tmp_path: Path) -> None:
    page = tmp_path / "broken.md"
    page.write_text("Text.\n\n```python\nfrom mailgun import Mailgun\nMailgun(api_key='k').domains.lisst()\n```\n")
    with pytest.raises(AssertionError, match=r"broken.md:3 failed: AttributeError"):
        run_page(list(examples_in(page)), {})


def test_skip_markers_are_read(tmp_path: Path) -> None:
    page = tmp_path / "skips.md"
    page.write_text("<!-- example: skip (needs a live account) -->\n```python\nraise SystemExit\n```\n")
    [example] = examples_in(page)
    assert example.skip_reason == "needs a live account"
    run_page([example], {})
    assert os.getcwd()  # nothing ran
