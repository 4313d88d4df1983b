"""The three frameworks behind one small interface for the adapter tests: build an app from {path: view factory
arguments} and post raw bodies to it with the framework's own test client."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass
class Answer:
    status: int
    text: str


class Client(Protocol):
    def post(self, path: str, body: bytes, content_type: str | None) -> Answer: ...


# A route: (path, "webhook" | "inbound", handler(request, received) -> framework response or None, view options)
Route = tuple[str, str, Callable[[Any, Any], Any], dict[str, Any]]


class DjangoClient:
    name = "django"

    def __init__(self, routes: list[Route]) -> None:
        import django
        from django.conf import settings
        from django.test import Client as TestClient
        from django.urls import clear_url_caches, path

        from mailgun.integrations import django as adapter

        if not settings.configured:
            settings.configure(
                DEBUG=False,
                SECRET_KEY="receiving-tests-only",
                ALLOWED_HOSTS=["testserver"],
                ROOT_URLCONF="mailgun_receiving_test_urls",
                # CSRF middleware on: the views must be exempt, as Mailgun sends no token.
                MIDDLEWARE=["django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware"],
                INSTALLED_APPS=[],
                USE_TZ=True,
            )
            django.setup()
        urls = types.ModuleType("mailgun_receiving_test_urls")
        urls.urlpatterns = [  # type: ignore[attr-defined]
            path(route_path.lstrip("/"), getattr(adapter, f"{kind}_view")(handler, **options))
            for route_path, kind, handler, options in routes
        ]
        sys.modules["mailgun_receiving_test_urls"] = urls
        clear_url_caches()
        self._client = TestClient(enforce_csrf_checks=True)

    def post(self, path: str, body: bytes, content_type: str | None) -> Answer:
        response = self._client.post(path, data=body, content_type=content_type or "application/octet-stream")
        return Answer(response.status_code, response.content.decode())


class FlaskClient:
    name = "flask"

    def __init__(self, routes: list[Route]) -> None:
        from flask import Flask

        from mailgun.integrations import flask as adapter

        app = Flask("receiving-tests")
        for route_path, kind, handler, options in routes:
            view = getattr(adapter, f"{kind}_view")(handler, **options)
            app.add_url_rule(route_path, endpoint=route_path, view_func=view, methods=["POST"])
        self._client = app.test_client()

    def post(self, path: str, body: bytes, content_type: str | None) -> Answer:
        response = self._client.post(path, data=body, content_type=content_type)
        return Answer(response.status_code, response.get_data(as_text=True))


def _starlette_test_client() -> Any:
    import warnings

    from starlette.exceptions import StarletteDeprecationWarning

    # Starlette >= 1.x prefers the httpx2 package for its test client and warns (once, on import) when it runs on
    # httpx, which this project already depends on; the client works the same on both.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StarletteDeprecationWarning)
        from starlette.testclient import TestClient
    return TestClient


class StarletteClient:
    name = "starlette"

    def __init__(self, routes: list[Route]) -> None:
        from starlette.applications import Starlette
        from starlette.routing import Route as StarletteRoute

        from mailgun.integrations import starlette as adapter

        app = Starlette(
            routes=[
                StarletteRoute(route_path, getattr(adapter, f"{kind}_view")(handler, **options), methods=["POST"])
                for route_path, kind, handler, options in routes
            ]
        )
        self._client = _starlette_test_client()(app)

    def post(self, path: str, body: bytes, content_type: str | None) -> Answer:
        headers = {"content-type": content_type} if content_type else {}
        response = self._client.post(path, content=body, headers=headers)
        return Answer(response.status_code, response.text)


class FastAPIClient(StarletteClient):
    """FastAPI: the Starlette endpoints registered as FastAPI routes (add_api_route)."""

    name = "fastapi"

    def __init__(self, routes: list[Route]) -> None:
        from fastapi import FastAPI

        from mailgun.integrations import fastapi as adapter

        app = FastAPI()
        for route_path, kind, handler, options in routes:
            app.add_api_route(route_path, getattr(adapter, f"{kind}_view")(handler, **options), methods=["POST"])
        self._client = _starlette_test_client()(app)


FRAMEWORKS: dict[str, Callable[[list[Route]], Client]] = {
    "django": DjangoClient,
    "flask": FlaskClient,
    "starlette": StarletteClient,
    "fastapi": FastAPIClient,
}


def plain_response(framework: str, status: int, text: str) -> Any:
    """A response of the framework's own kind, for a handler that answers itself."""
    if framework == "django":
        from django.http import HttpResponse

        return HttpResponse(text, status=status)
    if framework == "flask":
        return text, status
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(text, status_code=status)
