"""Webhook and inbound-mail views for web frameworks: ``mailgun.integrations.django``, ``.flask``, ``.starlette``
and ``.fastapi`` (the Starlette endpoints).

Each module has ``webhook_view(handler, signing_key=..., token_store=...)`` and ``inbound_view(...)``. The view
reads the raw body the way its framework needs, verifies it, and answers 403 for a bad signature, 503 when the
token store cannot answer (Mailgun retries later), 400/413 for a malformed or oversized inbound post, and the
handler's answer otherwise (200 when it returns None). Never 406: Mailgun stops retrying after a 406.

Nothing here is imported by ``import mailgun``; each module imports only its own framework.
"""
