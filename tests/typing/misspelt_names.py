"""Each line marked `# error:` must be reported by the type checker (tests/test_typing.py checks it)."""

from __future__ import annotations

from mailgun import Mailgun
from mailgun.types import Bounce, Domian  # error: misspelt mailgun.types name


def misspelt_attribute(client: Mailgun, bounce: Bounce) -> None:
    print(bounce.adress)  # error: misspelt model attribute
    for domain in client.domains.list():
        print(domain.nmae)  # error: misspelt attribute of a listed item
    print(Domian)
