"""pytest fixtures for applications that use Mailgun (registered through the ``pytest11`` entry point).

- ``mailgun_fake``: a fresh ``FakeMailgun``, patched for the test: every ``Mailgun()``/``AsyncMailgun()`` your
  code builds talks to it; ``MAILGUN_API_KEY`` is its key unless the test environment set one.
- ``mailgun_client`` / ``async_mailgun_client``: clients wired to that fake, closed after the test.

pytest loads this module in every project that has the package installed: it imports ``mailgun`` (its parent
package) and nothing of the fake until a fixture is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mailgun import AsyncMailgun, Mailgun
    from mailgun.testing import FakeMailgun

__all__ = ["async_mailgun_client", "mailgun_client", "mailgun_fake"]


@pytest.fixture
def mailgun_fake() -> Iterator[FakeMailgun]:
    """A fresh fake, patched for the test. Clients keep their region or base URL: the fake answers any host."""
    from mailgun.testing import FakeMailgun

    fake = FakeMailgun()
    with fake.patch():
        yield fake


@pytest.fixture
def mailgun_client(mailgun_fake: FakeMailgun) -> Iterator[Mailgun]:
    with mailgun_fake.client() as client:
        yield client


@pytest.fixture
def async_mailgun_client(mailgun_fake: FakeMailgun) -> AsyncMailgun:
    # A plain fixture, so it works under any async plugin (pytest-asyncio strict or auto, anyio): the client's
    # transport holds no connection, so there is nothing to close.
    return mailgun_fake.async_client()
