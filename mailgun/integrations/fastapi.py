"""FastAPI endpoints for Mailgun webhooks and inbound mail: the Starlette ones (FastAPI is Starlette underneath).

    from mailgun.integrations.fastapi import inbound_view, webhook_view

    app.add_api_route("/mailgun/events", webhook_view(on_event, signing_key=KEY, token_store=TOKENS), methods=["POST"])

See :mod:`mailgun.integrations.starlette`.
"""

from __future__ import annotations

from .starlette import inbound_view, webhook_view

__all__ = ["inbound_view", "webhook_view"]
