"""The assembled ``mailgun`` command: the root group of ``_app`` with every command module added."""

from __future__ import annotations

from . import _api, _domains, _logs, _metrics, _send, _suppressions, _webhooks
from ._app import Settings, cli

__all__ = ["cli", "run"]

for _module in (_send, _logs, _suppressions, _domains, _metrics, _webhooks, _api):
    cli.add_command(_module.command)


def run() -> None:
    cli.main(prog_name="mailgun", obj=Settings())
