"""``client.api``: every generated operation, run through the facade's own machinery.

Each tag package of the generated client holds ``SyncOperations``/``AsyncOperations`` (produced by
openapi/templates/endpoint_init.py.jinja): methods with the generated signature that hand the facade a ``Runner``
call, ``(operation, how to read the 2xx body, arguments)``. The runners here turn that into a ``Call`` of the one
transport: auth, region or base URL, timeouts, ``on_behalf_of``, retries by request kind, the one error mapping,
the one deprecation warning, and tolerant parsing (``model_parser``: a 2xx is never turned into an exception).

Nothing here is imported with ``mailgun``: ``client.api`` imports it on first access, a tag's operations are
imported when that tag is first used, and an operation's 2xx model when that operation is first called.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from ._call import PARSE_ERRORS, Call, Operation, list_parser, model_parser, raw_json
from ._client import kind_for_request
from ._endpoint import warn_if_deprecated
from ._exceptions import ValidationError

if TYPE_CHECKING:
    from mailgun_openapi.api import AsyncApi, Returns, SyncApi

    from ._client import AsyncMailgun, Mailgun

__all__ = ["api_call", "async_api", "sync_api"]

# Operations run through client.api, by generated module name. Kept apart from the curated methods' registry
# (mailgun._call.registered_operations), which says what the curated surface covers.
_OPERATIONS: dict[str, Operation[Any]] = {}


def _parser(returns: Returns) -> Callable[[Any], Any]:
    if returns is None:
        return raw_json
    shape, module, name = returns
    parse = model_parser(getattr(importlib.import_module(module), name))
    return list_parser(parse) if shape == "list" else parse


def api_operation(name: str, returns: Returns) -> Operation[Any]:
    """The operation behind ``client.api.<name>``: its parser and retry kind (that of ``client.request`` for its
    method and path: sends are never repeated once Mailgun may have queued them), made on its first call."""
    found = _OPERATIONS.get(name)
    if found is None:
        from mailgun_openapi._operations import OPERATIONS

        method, path, _deprecated = OPERATIONS[name]
        kind = kind_for_request(method, path)
        found = _OPERATIONS[name] = Operation(name, _parser(returns), kind=kind, register=False)
    return found


def api_call(name: str, returns: Returns, arguments: dict[str, Any]) -> Call[Any]:
    """The call ``client.api.<name>(**arguments)`` makes (None = not given); warns when it is deprecated.

    The request is built here, before anything is sent, so arguments the generated builder cannot use are a
    ``ValidationError`` naming the operation rather than an ``AttributeError`` from inside generated code."""
    operation = api_operation(name, returns)
    warn_if_deprecated(operation)
    call = operation.call(**arguments)
    try:
        request = operation.request_args(call.kwargs)
    except PARSE_ERRORS as exc:
        raise ValidationError(f"api.{name}", f"arguments the request cannot be built from ({exc})") from exc
    return call.with_overrides(**request)


class _SyncRunner:
    __slots__ = ("_client",)

    def __init__(self, client: Mailgun) -> None:
        self._client = client

    def __call__(self, operation: str, returns: Returns, arguments: dict[str, Any], /) -> Any:
        return self._client._run(api_call(operation, returns, arguments))


class _AsyncRunner:
    __slots__ = ("_client",)

    def __init__(self, client: AsyncMailgun) -> None:
        self._client = client

    def __call__(self, operation: str, returns: Returns, arguments: dict[str, Any], /) -> Awaitable[Any]:
        return self._client._run(api_call(operation, returns, arguments))


def sync_api(client: Mailgun) -> SyncApi:
    from mailgun_openapi.api import SyncApi

    return SyncApi(_SyncRunner(client))


def async_api(client: AsyncMailgun) -> AsyncApi:
    from mailgun_openapi.api import AsyncApi

    return AsyncApi(_AsyncRunner(client))
