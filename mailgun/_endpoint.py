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
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar, overload

from ._call import Call, Operation, PagedCall
from ._deprecation import warn_deprecated

if TYPE_CHECKING:
    from ._client import AsyncMailgun, Mailgun
    from ._pagination import AsyncPager, SyncPager
    from ._response import RawResponse

__all__ = ["AsyncResource", "SyncResource", "async_call", "async_paged", "sync_call", "sync_paged"]

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


def _warn(operation: Operation[Any]) -> None:
    message = operation.deprecation
    if message is not None:
        # stacklevel: warn_deprecated <- _warn <- bound __call__ <- the user's line.
        warn_deprecated(message, stacklevel=3)


class _Descriptor(Generic[D]):
    """Binds a builder to the resource instance it is read from."""

    def __init__(self, build: Callable[..., Any], bound: type[D]) -> None:
        self.build = build
        self.bound = bound
        self.__doc__ = build.__doc__

    @overload
    def __get__(self, obj: None, owner: type) -> _Descriptor[D]: ...
    @overload
    def __get__(self, obj: object, owner: type) -> D: ...
    def __get__(self, obj: object | None, owner: type) -> _Descriptor[D] | D:
        if obj is None:
            return self
        return self.bound(obj._client, self.build)  # type: ignore[attr-defined,call-arg]


class BoundSyncCall(Generic[P, T]):
    __slots__ = ("_build", "_client")

    def __init__(self, client: Mailgun, build: Callable[P, Call[T]]) -> None:
        self._client = client
        self._build = build

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> T:
        call = self._build(*args, **kwargs)
        _warn(call.operation)
        return self._client._run(call)

    def with_raw_response(self, *args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        call = self._build(*args, **kwargs)
        _warn(call.operation)
        return self._client._run_raw(call)


class BoundAsyncCall(Generic[P, T]):
    __slots__ = ("_build", "_client")

    def __init__(self, client: AsyncMailgun, build: Callable[P, Call[T]]) -> None:
        self._client = client
        self._build = build

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Awaitable[T]:
        call = self._build(*args, **kwargs)
        _warn(call.operation)
        return self._client._run(call)

    def with_raw_response(self, *args: P.args, **kwargs: P.kwargs) -> Awaitable[RawResponse[T]]:
        call = self._build(*args, **kwargs)
        _warn(call.operation)
        return self._client._run_raw(call)


class BoundSyncPaged(Generic[P, T]):
    __slots__ = ("_build", "_client")

    def __init__(self, client: Mailgun, build: Callable[P, PagedCall[T]]) -> None:
        self._client = client
        self._build = build

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> SyncPager[T]:
        paged = self._build(*args, **kwargs)
        _warn(paged.first.operation)
        return self._client._paginate(paged)


class BoundAsyncPaged(Generic[P, T]):
    __slots__ = ("_build", "_client")

    def __init__(self, client: AsyncMailgun, build: Callable[P, PagedCall[T]]) -> None:
        self._client = client
        self._build = build

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> AsyncPager[T]:
        paged = self._build(*args, **kwargs)
        _warn(paged.first.operation)
        return self._client._paginate(paged)


def sync_call(build: Callable[P, Call[T]]) -> _Descriptor[BoundSyncCall[P, T]]:
    return _Descriptor(build, BoundSyncCall)


def async_call(build: Callable[P, Call[T]]) -> _Descriptor[BoundAsyncCall[P, T]]:
    return _Descriptor(build, BoundAsyncCall)


def sync_paged(build: Callable[P, PagedCall[T]]) -> _Descriptor[BoundSyncPaged[P, T]]:
    return _Descriptor(build, BoundSyncPaged)


def async_paged(build: Callable[P, PagedCall[T]]) -> _Descriptor[BoundAsyncPaged[P, T]]:
    return _Descriptor(build, BoundAsyncPaged)
