"""The public surface is pinned: an accidental break of the API shows up in review as a change here."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import mailgun
import mailgun.types

EXPECTED_ALL = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncMailgun",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "Mailgun",
    "MailgunDeprecationWarning",
    "MailgunError",
    "MissingFieldError",
    "NotFoundError",
    "Page",
    "PaginationLoopError",
    "PayloadTooLargeError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "Secret",
    "SyncPager",
    "ValidationError",
    "WebhookVerificationError",
    "__version__",
]


def test_mailgun_all_is_pinned() -> None:
    assert sorted(mailgun.__all__) == sorted(EXPECTED_ALL)
    for name in mailgun.__all__:
        assert hasattr(mailgun, name), name


def test_exception_tree() -> None:
    assert issubclass(mailgun.APIStatusError, mailgun.APIError)
    assert issubclass(mailgun.APIError, mailgun.MailgunError)
    assert issubclass(mailgun.APITimeoutError, mailgun.APIConnectionError)
    assert issubclass(mailgun.ValidationError, ValueError)
    for cls in (mailgun.RateLimitError, mailgun.NotFoundError, mailgun.InternalServerError):
        assert issubclass(cls, mailgun.APIStatusError)


def _types_module() -> tuple[dict[str, str], list[str]]:
    """(the TYPE_CHECKING imports, __all__) of mailgun/types.py."""
    tree = ast.parse(Path(mailgun.types.__file__).read_text())
    imports: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "mailgun_openapi.models":
            for alias in node.names:
                imports[alias.asname or alias.name] = alias.name
    return imports, list(mailgun.types.__all__)


def test_types_imports_and_all_agree_and_names_are_class_names() -> None:
    imports, exported = _types_module()
    assert sorted(exported) == sorted(imports), "mailgun/types.py: __all__ must list every imported model"
    # The public name is the generated class's own name (openapi/names.yaml): repr and IDEs show it.
    assert {public: public for public in imports} == imports
    for name in exported:
        model = getattr(mailgun.types, name)
        assert model.__name__ == name and name in repr(model)


def test_every_public_type_resolves() -> None:
    for name in mailgun.types.__all__:
        model = getattr(mailgun.types, name)
        assert isinstance(model, type), name


def test_import_mailgun_stays_light() -> None:
    code = "import sys, mailgun; print(sorted(m for m in sys.modules if m.startswith(('mailgun_openapi', 'aiohttp'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
