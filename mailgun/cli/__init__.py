"""The ``mailgun`` command: Mailgun operations from a shell (``pip install 'mailgun-typed[cli]'``).

``main()`` is the console script. It imports click and rich only when it runs, so ``import mailgun`` never
pulls them in, and says which extra to install when they are missing.
"""

from __future__ import annotations

import sys

__all__ = ["main"]

MISSING_EXTRA = (
    "mailgun: the command-line tool needs the 'cli' extra ({missing} is not installed).\n"
    "Install it with: pip install 'mailgun-typed[cli]'\n"
)


def main() -> None:
    try:
        import click  # noqa: F401
        import rich  # noqa: F401
    except ImportError as exc:
        sys.stderr.write(MISSING_EXTRA.format(missing=exc.name or "click or rich"))
        raise SystemExit(2) from None
    from ._main import run

    run()
