"""Resource methods written once: a typed builder plus a one-line sync or async shell.

A resource module defines each operation once, as a function that validates plain-Python arguments and returns
a ``Call`` (or ``PagedCall``). The sync and async resource classes expose it with a descriptor::

    def get_domain(name: str) -> Call[Domain]: ...

    class Domains(SyncResource):
        get = sync_call(get_domain)          # client.domains.get("example.com") -> Domain

    class AsyncDomains(AsyncResource):
        get = async_call(get_domain)         # await client.domains.get("example.com") -> Domain

The builder's signature (a ParamSpec) is what users and type checkers see; only the I/O differs. Every bound
method also has ``.with_raw_response(...)`` for status, headers (X-RateLimit-*) and the parsed body.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, Literal, ParamSpec, TypeVar, overload

from ._call import Call, Operation, PagedCall
from ._deprecation import warn_deprecated
from ._extras import take

if TYPE_CHECKING:
    from typing_extensions import deprecated

    from ._client import AsyncMailgun, Mailgun
    from ._pagination import AsyncPager, SyncPager
    from ._response import RawResponse

__all__ = [
    "AsyncResource",
    "Descriptor",
    "SyncResource",
    "async_call",
    "async_paged",
    "built",
    "sync_call",
    "sync_paged",
    "warn_if_deprecated",
]

P = ParamSpec("P")
T = TypeVar("T")
D = TypeVar("D")


class SyncResource:
    __slots__ = ("_client",)

    def __init__(self, client: Mailgun) -> None:
        self._client = client


class AsyncResource:
    __slots__ = ("_client",)

    def __init__(self, client: AsyncMailgun) -> None:
        self._client = client


def warn_if_deprecated(operation: Operation[Any]) -> None:
    message = operation.deprecation
    if message is not None:
        warn_deprecated(message)


@overload
def built(build: Callable[..., Call[T]], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Call[T]: ...
@overload
def built(build: Callable[..., PagedCall[T]], args: tuple[Any, ...], kwargs: dict[str, Any]) -> PagedCall[T]: ...
def built(build: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """The builder's Call or PagedCall, carrying the extra_* keywords (taken off before the builder runs: it
    declares them for type checkers only; mailgun/_extras.py)."""
    extras = take(kwargs)
    result = build(*args, **kwargs)
    if extras is None:
        return result
    result = result.with_extras(extras)
    # Checked now, as every argument is (whether a body can take them depends on the request the call makes).
    (result.first if isinstance(result, PagedCall) else result).request_args()
    return result


class Descriptor(Generic[D]):
    """Binds a builder to the resource instance it is read from."""

    def __init__(self, build: Callable[..., Any], bound: type[Any]) -> None:
        self.build = build
        self.bound = bound
        self.__doc__ = build.__doc__

    @property
    def deprecated(self) -> bool:
        return self.bound in _DEPRECATED_BOUND

    @overload
    def __get__(self, obj: None, owner: type) -> Descriptor[D]: ...
    @overload
    def __get__(self, obj: object, owner: type) -> D: ...
    def __get__(self, obj: object | None, owner: type) -> Descriptor[D] | D:
        if obj is None:
            return self
        bound: D = self.bound(obj._client, self.build)  # type: ignore[attr-defined]
        return bound


class BoundSyncCall(Generic[P, T]):
    __slots__ = ("_build", "_client")

    def __init__(self, client: Mailgun, build: Callable[P, Call[T]]) -> None:
        self._client = client
        self._build = build

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> T:
        call = built(self._build, args, kwargs)
        warn_if_deprecated(call.operation)
        return self._client._run(call)

    def with_raw_response(self, *args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        call = built(self._build, args, kwargs)
        warn_if_deprecated(call.operation)
        return self._client._run_raw(call)


class BoundAsyncCall(Generic[P, T]):
    __slots__ = ("_build", "_client")

    def __init__(self, client: AsyncMailgun, build: Callable[P, Call[T]]) -> None:
        self._client = client
        self._build = build

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Awaitable[T]:
        call = built(self._build, args, kwargs)
        warn_if_deprecated(call.operation)
        return self._client._run(call)

    def with_raw_response(self, *args: P.args, **kwargs: P.kwargs) -> Awaitable[RawResponse[T]]:
        call = built(self._build, args, kwargs)
        warn_if_deprecated(call.operation)
        return self._client._run_raw(call)


class BoundSyncPaged(Generic[P, T]):
    __slots__ = ("_build", "_client")

    def __init__(self, client: Mailgun, build: Callable[P, PagedCall[T]]) -> None:
        self._client = client
        self._build = build

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> SyncPager[T]:
        paged = built(self._build, args, kwargs)
        warn_if_deprecated(paged.first.operation)
        return self._client._paginate(paged)


class BoundAsyncPaged(Generic[P, T]):
    __slots__ = ("_build", "_client")

    def __init__(self, client: AsyncMailgun, build: Callable[P, PagedCall[T]]) -> None:
        self._client = client
        self._build = build

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> AsyncPager[T]:
        paged = built(self._build, args, kwargs)
        warn_if_deprecated(paged.first.operation)
        return self._client._paginate(paged)


if not TYPE_CHECKING:

    def deprecated(message: str, /, *, category: None = None, stacklevel: int = 1) -> Callable[[T], T]:
        """PEP 702's marker for type checkers and IDEs, as ``typing_extensions.deprecated(..., category=None)``
        leaves it at run time (``__deprecated__``, no warning), without importing typing_extensions (~5 ms) on the
        first call; the run-time warning is ``warn_if_deprecated``'s."""

        def mark(target: T) -> T:
            target.__deprecated__ = message  # type: ignore[attr-defined]
            return target

        return mark


# For IDEs and type checkers (PEP 702). category=None: the run-time warning is the one mechanism's
# MailgunDeprecationWarning, which names this call's own replacement.
_STATIC_DEPRECATION = (
    "Deprecated by Mailgun (Events -> client.logs, Stats -> client.metrics, Tags v3 -> client.tags); "
    "the MailgunDeprecationWarning raised at run time names this call's replacement"
)


class DeprecatedSyncCall(BoundSyncCall[P, T]):
    __slots__ = ()

    @deprecated(_STATIC_DEPRECATION, category=None)
    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> T:
        return super().__call__(*args, **kwargs)


class DeprecatedAsyncCall(BoundAsyncCall[P, T]):
    __slots__ = ()

    @deprecated(_STATIC_DEPRECATION, category=None)
    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Awaitable[T]:
        return super().__call__(*args, **kwargs)


class DeprecatedSyncPaged(BoundSyncPaged[P, T]):
    __slots__ = ()

    @deprecated(_STATIC_DEPRECATION, category=None)
    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> SyncPager[T]:
        return super().__call__(*args, **kwargs)


class DeprecatedAsyncPaged(BoundAsyncPaged[P, T]):
    __slots__ = ()

    @deprecated(_STATIC_DEPRECATION, category=None)
    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> AsyncPager[T]:
        return super().__call__(*args, **kwargs)


@overload
def sync_call(
    build: Callable[P, Call[T]], *, deprecated: Literal[False] = False
) -> Descriptor[BoundSyncCall[P, T]]: ...
@overload
def sync_call(build: Callable[P, Call[T]], *, deprecated: Literal[True]) -> Descriptor[DeprecatedSyncCall[P, T]]: ...
def sync_call(build: Callable[P, Call[T]], *, deprecated: bool = False) -> Descriptor[Any]:
    """``deprecated=True`` for operations Mailgun deprecated (a test checks it matches the spec)."""
    return Descriptor(build, DeprecatedSyncCall if deprecated else BoundSyncCall)


@overload
def async_call(
    build: Callable[P, Call[T]], *, deprecated: Literal[False] = False
) -> Descriptor[BoundAsyncCall[P, T]]: ...
@overload
def async_call(build: Callable[P, Call[T]], *, deprecated: Literal[True]) -> Descriptor[DeprecatedAsyncCall[P, T]]: ...
def async_call(build: Callable[P, Call[T]], *, deprecated: bool = False) -> Descriptor[Any]:
    return Descriptor(build, DeprecatedAsyncCall if deprecated else BoundAsyncCall)


@overload
def sync_paged(
    build: Callable[P, PagedCall[T]], *, deprecated: Literal[False] = False
) -> Descriptor[BoundSyncPaged[P, T]]: ...
@overload
def sync_paged(
    build: Callable[P, PagedCall[T]], *, deprecated: Literal[True]
) -> Descriptor[DeprecatedSyncPaged[P, T]]: ...
def sync_paged(build: Callable[P, PagedCall[T]], *, deprecated: bool = False) -> Descriptor[Any]:
    return Descriptor(build, DeprecatedSyncPaged if deprecated else BoundSyncPaged)


@overload
def async_paged(
    build: Callable[P, PagedCall[T]], *, deprecated: Literal[False] = False
) -> Descriptor[BoundAsyncPaged[P, T]]: ...
@overload
def async_paged(
    build: Callable[P, PagedCall[T]], *, deprecated: Literal[True]
) -> Descriptor[DeprecatedAsyncPaged[P, T]]: ...
def async_paged(build: Callable[P, PagedCall[T]], *, deprecated: bool = False) -> Descriptor[Any]:
    return Descriptor(build, DeprecatedAsyncPaged if deprecated else BoundAsyncPaged)


_DEPRECATED_BOUND = (DeprecatedSyncCall, DeprecatedAsyncCall, DeprecatedSyncPaged, DeprecatedAsyncPaged)
