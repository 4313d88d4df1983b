"""The one door from the facade into the generated client (generated/ never imports mailgun/).

The generated models raise ``mailgun_openapi.types.missing_field_error`` when a reliably sent field is read from an
answer that lacked it; the facade plugs its own ``MissingFieldError`` (a ``MailgunError``) in there the first time
it imports generated code, so ``except mailgun.MissingFieldError`` catches it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ._exceptions import MissingFieldError

_hooked = False


def import_generated(name: str) -> ModuleType:
    """Import a module of the generated client (``mailgun_openapi...``) with the facade's hooks in place."""
    global _hooked
    if not _hooked:
        import mailgun_openapi.types

        # Raised errors are both the facade's class and the generated one, so either `except` catches them.
        generated = mailgun_openapi.types.MissingFieldError
        mailgun_openapi.types.missing_field_error = type(
            "MissingFieldError", (MissingFieldError, generated), {"__module__": MissingFieldError.__module__}
        )
        _hooked = True
    return importlib.import_module(name)
