"""The ``mailgun`` command group: configuration shared by every command, and what an error exits with.

Exit codes: 0 done; 1 Mailgun (or the network) failed, with the server's message; 2 a usage error (a bad
option, a missing API key, input the SDK refused before sending anything); 130 interrupted.
"""

from __future__ import annotations

import base64
import logging
import os
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import click
import httpx

from .. import __version__
from .._exceptions import APIError, APIStatusError, MailgunError, ValidationError
from ._output import Output

if TYPE_CHECKING:
    from .. import Mailgun

__all__ = ["Settings", "cli", "common_options", "settings"]

F = TypeVar("F", bound=Callable[..., Any])

EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


@dataclass
class Settings:
    """What the options configured; commands get their client and output from it."""

    json_mode: bool = False
    region: str | None = None
    base_url: str | None = None
    on_behalf_of: str | None = None
    debug: bool = False
    # For tests: the HTTP client the Mailgun client sends through, and the sleep of polling loops.
    http_client: httpx.Client | None = None
    sleep: Callable[[float], None] = time.sleep
    _output: Output | None = field(default=None, repr=False)

    def output(self) -> Output:
        if self._output is None:
            self._output = Output(json_mode=self.json_mode)
            self._output.add_secret(os.environ.get("MAILGUN_API_KEY"))
        return self._output

    def client(self) -> Mailgun:
        """A ``Mailgun`` client configured like the library (MAILGUN_API_KEY, MAILGUN_REGION, MAILGUN_BASE_URL)."""
        from .. import Mailgun
        from .._config import resolve_api_key

        if not os.environ.get("MAILGUN_API_KEY", "").strip():
            raise click.UsageError("no Mailgun API key: set MAILGUN_API_KEY (it is never printed)")
        key = resolve_api_key(None)  # what Mailgun() reads; a malformed key is a usage error (exit 2)
        out = self.output()
        out.add_secret(key)
        out.add_secret(base64.b64encode(f"api:{key}".encode()).decode())  # the Authorization header's form
        return Mailgun(
            key,
            region=self.region,
            base_url=self.base_url,
            on_behalf_of=self.on_behalf_of,
            http_client=self.http_client,
        )


def settings() -> Settings:
    return click.get_current_context().ensure_object(Settings)


def _remember(name: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if value is not None and value is not False:
            setattr(ctx.ensure_object(Settings), name, value)

    return callback


_COMMON = (
    click.option(
        "--json",
        "json_mode",
        is_flag=True,
        expose_value=False,
        callback=_remember("json_mode"),
        help="Print JSON for scripts instead of tables.",
    ),
    click.option(
        "--region",
        type=click.Choice(["us", "eu"], case_sensitive=False),
        expose_value=False,
        callback=_remember("region"),
        help="Mailgun region (default: MAILGUN_REGION, else us).",
    ),
    click.option(
        "--base-url",
        metavar="URL",
        expose_value=False,
        callback=_remember("base_url"),
        help="API base URL instead of a region, e.g. a local mock (default: MAILGUN_BASE_URL).",
    ),
    click.option(
        "--on-behalf-of",
        metavar="SUBACCOUNT",
        expose_value=False,
        callback=_remember("on_behalf_of"),
        help="Act for a subaccount (X-Mailgun-On-Behalf-Of).",
    ),
)


def common_options(command: F) -> F:
    """--json, --region, --base-url and --on-behalf-of, accepted before or after any command name."""
    for option in reversed(_COMMON):
        command = option(command)
    return command


class _Root(click.Group):
    """Turns the SDK's exceptions into a message and an exit code: no traceback, never the key."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with _debug_log(ctx):
                return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except ValidationError as exc:
            _fail(ctx, EXIT_USAGE, str(exc), param=exc.param)
        except APIStatusError as exc:
            _fail(
                ctx,
                EXIT_API_ERROR,
                f"{exc.status_code} {exc.message} ({exc.method} {exc.url})",
                status=exc.status_code,
                server_message=exc.message,
                request_id=exc.request_id,
            )
        except (APIError, MailgunError) as exc:
            _fail(ctx, EXIT_API_ERROR, str(exc))
        except KeyboardInterrupt:
            _fail(ctx, EXIT_INTERRUPTED, "interrupted")
        except Exception as exc:
            out = ctx.ensure_object(Settings).output()
            if ctx.ensure_object(Settings).debug:
                out.stderr.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
            _fail(ctx, EXIT_API_ERROR, f"unexpected error: {type(exc).__name__}: {exc} (--debug shows where)")


def _fail(ctx: click.Context, code: int, message: str, **details: Any) -> None:
    ctx.ensure_object(Settings).output().error(message, **{k: v for k, v in details.items() if v is not None})
    raise click.exceptions.Exit(code)


@contextmanager
def _debug_log(ctx: click.Context) -> Iterator[None]:
    """--debug: the SDK's per-request log lines on stderr while the command runs (never the key: the SDK does
    not log it, and the stream redacts it)."""
    state = ctx.ensure_object(Settings)
    if not state.debug:
        yield
        return
    handler = logging.StreamHandler(state.output().stderr)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger = logging.getLogger("mailgun")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@click.group(cls=_Root, context_settings={"help_option_names": ["-h", "--help"]})
@common_options
@click.option("--debug", is_flag=True, expose_value=False, callback=_remember("debug"), help="Log each request.")
@click.version_option(__version__, prog_name="mailgun")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Mailgun from the command line. The API key comes from MAILGUN_API_KEY and is never printed.

    Exit codes: 0 ok, 1 Mailgun answered with an error (its message is printed), 2 usage error.
    """
    ctx.ensure_object(Settings)
