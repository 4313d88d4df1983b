"""``mailgun send``: a message from flags, or a MIME message from a .eml file or stdin; prints its id."""

from __future__ import annotations

import email
import email.policy
import sys
from email.utils import getaddresses
from pathlib import Path
from typing import Any

import click

from ._app import common_options, settings
from ._params import KEY_VALUE

__all__ = ["command"]


@click.command("send")
@click.argument("mime", required=False, type=click.Path(dir_okay=False, allow_dash=True, path_type=str))
@click.option("--domain", "-d", envvar="MAILGUN_DOMAIN", required=True, help="Sending domain [MAILGUN_DOMAIN].")
@click.option("--from", "from_", metavar="ADDRESS", help="Sender, e.g. 'Shop <shop@mg.example.com>'.")
@click.option("--to", multiple=True, metavar="ADDRESS", help="Recipient (repeatable). With MIME: the envelope.")
@click.option("--cc", multiple=True, metavar="ADDRESS")
@click.option("--bcc", multiple=True, metavar="ADDRESS")
@click.option("--subject", "-s")
@click.option("--text", help="Plain-text body.")
@click.option("--html", help="HTML body.")
@click.option(
    "--html-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="HTML body from a file."
)
@click.option("--attach", "-a", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--inline", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--template", help="A stored template (subject and body may then be left out).")
@click.option("--template-version")
@click.option("--var", "template_vars", multiple=True, type=KEY_VALUE, help="Template variable key=value.")
@click.option("--tag", "tags", multiple=True, help="o:tag (repeatable).")
@click.option("--header", "headers", multiple=True, type=KEY_VALUE, help="Extra header Name=value (repeatable).")
@click.option("--test-mode", is_flag=True, help="Mailgun accepts the message but does not deliver it.")
@common_options
def command(
    mime: str | None,
    domain: str,
    from_: str | None,
    to: tuple[str, ...],
    cc: tuple[str, ...],
    bcc: tuple[str, ...],
    subject: str | None,
    text: str | None,
    html: str | None,
    html_file: Path | None,
    attach: tuple[Path, ...],
    inline: tuple[Path, ...],
    template: str | None,
    template_version: str | None,
    template_vars: tuple[tuple[str, str], ...],
    tags: tuple[str, ...],
    headers: tuple[tuple[str, str], ...],
    test_mode: bool,
) -> None:
    """Send a message; prints its Message-Id.

    \b
    mailgun send -d mg.example.com --from me@mg.example.com --to you@example.org -s Hi --text Hello
    mailgun send -d mg.example.com message.eml        # a MIME message; '-' reads stdin

    A MIME message's recipients are its To/Cc/Bcc unless --to is given.
    """
    state = settings()
    options: dict[str, Any] = {
        "template": template,
        "template_version": template_version,
        "template_variables": dict(template_vars) or None,
        "tags": list(tags) or None,
        "headers": dict(headers) or None,
        "test_mode": True if test_mode else None,
    }
    if html_file is not None:
        if html is not None:
            raise click.UsageError("give --html or --html-file, not both")
        html = html_file.read_text(encoding="utf-8")
    with state.client() as client:
        if mime is not None:
            _refuse_with_mime(from_=from_, subject=subject, text=text, html=html, attach=attach, inline=inline)
            data = _read_mime(mime)
            recipients = list(to) or _recipients_of(data)
            raw = client.messages.send_mime.with_raw_response(domain, to=recipients, mime=data, **options)
        else:
            if from_ is None or not to:
                raise click.UsageError("--from and --to are required (or give a MIME file)")
            raw = client.messages.send.with_raw_response(
                domain,
                from_=from_,
                to=list(to),
                cc=list(cc) or None,
                bcc=list(bcc) or None,
                subject=subject,
                text=text,
                html=html,
                attachments=list(attach) or None,
                inline=list(inline) or None,
                **options,
            )
    body = raw.json()
    result = body if isinstance(body, dict) else {"response": body}
    out = state.output()
    if out.json_mode:
        out.json(result)
    else:
        out.line(str(result.get("id", "")))
        if result.get("message"):
            out.info(str(result["message"]))


def _refuse_with_mime(**given: Any) -> None:
    clashing = [f"--{name.rstrip('_').replace('_', '-')}" for name, value in given.items() if value]
    if clashing:
        raise click.UsageError(f"a MIME message carries its own headers, body and attachments: drop {clashing}")


def _read_mime(path: str) -> bytes:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    if not data.strip():
        raise click.UsageError(f"the MIME message in {path!r} is empty")
    return data


def _recipients_of(data: bytes) -> list[str]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    headers = [str(value) for name in ("to", "cc", "bcc") for value in message.get_all(name, [])]
    recipients = [address for _, address in getaddresses(headers) if address]
    if not recipients:
        raise click.UsageError("the MIME message has no To/Cc/Bcc recipients: give --to")
    return recipients
