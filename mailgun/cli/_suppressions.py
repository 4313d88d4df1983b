"""``mailgun suppressions export|import|delete``: bounces, unsubscribes, complaints and the allowlist as CSV.

Exports walk every page and are resumable: after each page the CSV is flushed and a state file beside it
(``FILE.state.json``) records the cursor of the next page and the CSV's length. Run the same command again after
an interruption and it truncates the CSV to that length and continues from that cursor; the state file is
removed when the export is complete. Imports keep the number of rows done in the same way.
"""

from __future__ import annotations

import csv
import email.utils
import io
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click

from .._exceptions import NotFoundError
from ..resources.suppressions import MAX_BATCH
from ._app import common_options, settings
from ._output import Output
from ._progress import tracker

__all__ = ["command"]

STATE_SUFFIX = ".state.json"


@dataclass(frozen=True)
class SuppressionList:
    """How one list maps to CSV columns (the columns Mailgun's own CSV import takes, plus what it returns)."""

    attribute: str  # on the client: client.bounces, ...
    columns: tuple[str, ...]
    row: Callable[[dict[str, Any]], list[Any]]
    batch: bool  # has add_many (the allowlist has not)


def _allowlist_row(item: dict[str, Any]) -> list[Any]:
    value, kind = item.get("value"), item.get("type")
    return [
        value if kind != "domain" else "",
        value if kind == "domain" else "",
        item.get("reason"),
        item.get("createdAt"),
    ]


LISTS = {
    "bounces": SuppressionList(
        "bounces",
        ("address", "code", "error", "created_at"),
        lambda item: [item.get("address"), item.get("code"), item.get("error"), item.get("created_at")],
        batch=True,
    ),
    "unsubscribes": SuppressionList(
        "unsubscribes",
        ("address", "tags", "created_at"),
        lambda item: [item.get("address"), ",".join(map(str, item.get("tags") or [])), item.get("created_at")],
        batch=True,
    ),
    "complaints": SuppressionList(
        "complaints",
        ("address", "created_at"),
        lambda item: [item.get("address"), item.get("created_at")],
        batch=True,
    ),
    "allowlist": SuppressionList("allowlist", ("address", "domain", "reason", "created_at"), _allowlist_row, False),
}
LIST_NAME = click.Choice(sorted(LISTS))


@click.group("suppressions")
@common_options
def command() -> None:
    """Export, import or delete bounces, unsubscribes, complaints and allowlist entries (CSV)."""


def _domain_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--domain", "-d", envvar="MAILGUN_DOMAIN", required=True, help="[MAILGUN_DOMAIN]")(function)


# ------------------------------------------------------------------------------------------------- export
@command.command("export")
@click.argument("list_name", metavar="LIST", type=LIST_NAME)
@_domain_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="CSV file (default LIST.csv).")
@click.option("--page-size", type=click.IntRange(1, MAX_BATCH), default=MAX_BATCH, show_default=True)
@click.option("--restart", is_flag=True, help="Ignore an interrupted export's state and start over.")
@common_options
def export(list_name: str, domain: str, output: Path | None, page_size: int, restart: bool) -> None:
    """Every entry of a list, all pages, to a CSV file; resumes an interrupted export of the same file."""
    state = settings()
    out = state.output()
    kind = LISTS[list_name]
    path = output or Path(f"{list_name}.csv")
    state_path = Path(f"{path}{STATE_SUFFIX}")
    saved = None if restart else _load_state(state_path, {"list": list_name, "domain": domain})
    if saved is not None and not path.exists():
        raise click.UsageError(f"{state_path} resumes {path}, which is gone: pass --restart")
    with state.client() as client:
        pager = getattr(client, kind.attribute).list(domain, limit=page_size)
        if saved is not None:
            pager = pager.resume(saved["cursor"])
            out.info(f"resuming {path} at row {saved['rows']:,} ({state_path} holds where it stopped)")
        with (
            _open_csv(path, kind.columns, saved) as csv_file,
            tracker(
                out,
                f"exporting {list_name}",
                total=None,
                done=saved["rows"] if saved else 0,
                pages=saved["pages"] if saved else 0,
            ) as progress,
        ):
            for page in _interruptible(pager.iter_pages(), out, state_path):
                items = _raw_items(page.raw)
                csv_file.write(_csv_text([kind.row(item) for item in items]))
                csv_file.flush()
                progress.advance(len(items), pages=1)
                if pager.next_cursor is not None:
                    _save_state(
                        state_path,
                        {
                            "list": list_name,
                            "domain": domain,
                            "cursor": pager.next_cursor,
                            "rows": progress.items,
                            "pages": progress.pages,
                            "offset": csv_file.tell(),
                        },
                    )
    state_path.unlink(missing_ok=True)
    summary = {"list": list_name, "domain": domain, "file": str(path), "rows": progress.items, "pages": progress.pages}
    _report(out, summary, f"{progress.items:,} {list_name} written to {path}")


def _interruptible(pages: Iterator[Any], out: Output, state_path: Path) -> Iterator[Any]:
    """The pages; on Ctrl-C, says how to resume before the command exits (130)."""
    try:
        yield from pages
    except KeyboardInterrupt:
        if state_path.exists():
            out.info(f"interrupted: run the same command again to resume ({state_path} holds where it stopped)")
        raise


def _raw_items(raw: Any) -> list[dict[str, Any]]:
    items = raw.get("items") if isinstance(raw, dict) else None
    return [item for item in items or [] if isinstance(item, dict)]


def _csv_text(rows: Sequence[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(["" if v is None else v for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


class _open_csv:
    """The export's CSV, binary (its length is the resume offset): new with a header, or cut back to ``saved``."""

    def __init__(self, path: Path, columns: Sequence[str], saved: dict[str, Any] | None) -> None:
        self.path, self.columns, self.saved = path, columns, saved

    def __enter__(self) -> IO[bytes]:
        self.file: IO[bytes]
        if self.saved is None:
            self.file = open(self.path, "wb")
            self.file.write(_csv_text([list(self.columns)]))
        else:
            self.file = open(self.path, "r+b")
            self.file.truncate(int(self.saved["offset"]))
            self.file.seek(0, io.SEEK_END)
        return self.file

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def _load_state(path: Path, expected: dict[str, str]) -> dict[str, Any] | None:
    """The saved state of an interrupted job with the same list and domain, if there is one."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise click.UsageError(f"cannot read {path} ({exc}): remove it or pass --restart") from None
    if not isinstance(saved, dict) or any(saved.get(key) != value for key, value in expected.items()):
        raise click.UsageError(f"{path} belongs to another job ({saved!r:.100}): remove it or pass --restart")
    return saved


def _save_state(path: Path, state: dict[str, Any]) -> None:
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(state), encoding="utf-8")
    os.replace(partial, path)  # atomic: an interruption leaves the old state or the new one


# ------------------------------------------------------------------------------------------------- import
@command.command("import")
@click.argument("list_name", metavar="LIST", type=LIST_NAME)
@click.argument("csv_path", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_domain_option
@click.option("--restart", is_flag=True, help="Ignore an interrupted import's state and start over.")
@common_options
def import_(list_name: str, csv_path: Path, domain: str, restart: bool) -> None:
    """Add every row of a CSV (columns as export writes them; 'address' is required, 'domain' for allowlist
    domains). Resumes an interrupted import of the same file."""
    state = settings()
    out = state.output()
    kind = LISTS[list_name]
    entries = _read_entries(csv_path, list_name)
    state_path = Path(f"{csv_path}.import{STATE_SUFFIX}")
    saved = None if restart else _load_state(state_path, {"list": list_name, "domain": domain})
    done = int(saved["rows"]) if saved else 0
    if saved:
        out.info(f"resuming the import of {csv_path} at row {done:,}")
    size = MAX_BATCH if kind.batch else 1
    with state.client() as client, tracker(out, f"importing {list_name}", total=len(entries), done=done) as progress:
        resource = getattr(client, kind.attribute)
        for start in _interruptible(iter(range(done, len(entries), size)), out, state_path):
            chunk = entries[start : start + size]
            if kind.batch:
                resource.add_many(domain, chunk)
            else:
                resource.add(domain, chunk[0]["address"], reason=chunk[0].get("reason"))
            progress.advance(len(chunk), pages=1)
            _save_state(state_path, {"list": list_name, "domain": domain, "rows": progress.items})
    state_path.unlink(missing_ok=True)
    summary = {"list": list_name, "domain": domain, "file": str(csv_path), "rows": progress.items}
    _report(out, summary, f"{progress.items:,} rows added to {list_name} of {domain}")


def _read_entries(path: Path, list_name: str) -> list[dict[str, Any]]:
    with open(path, newline="", encoding="utf-8-sig") as file:
        reader = csv.DictReader(file)
        fields = set(reader.fieldnames or ())
        if "address" not in fields and not (list_name == "allowlist" and "domain" in fields):
            raise click.UsageError(f"{path}: no 'address' column (columns: {sorted(fields)})")
        return [_entry(list_name, row, number) for number, row in enumerate(reader, start=2)]


def _entry(list_name: str, row: dict[str, str | None], line: int) -> dict[str, Any]:
    """One CSV row as the SDK's entry (``add_many``'s dicts; for the allowlist, ``add``'s arguments)."""
    value = {key: (text or "").strip() for key, text in row.items() if key}
    address = value.get("address") or (value.get("domain") if list_name == "allowlist" else "")
    if not address:
        raise click.UsageError(f"line {line}: no address")
    entry: dict[str, Any] = {"address": address}
    if list_name == "allowlist":
        entry["reason"] = value.get("reason") or None
        return entry
    if value.get("created_at"):
        entry["created_at"] = _datetime(value["created_at"], line)
    if list_name == "bounces":
        entry.update({key: value[key] for key in ("code", "error") if value.get(key)})
    if list_name == "unsubscribes" and value.get("tags"):
        entry["tags"] = [tag.strip() for tag in value["tags"].split(",") if tag.strip()]
    return entry


def _datetime(text: str, line: int) -> Any:
    import datetime as dt

    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        pass
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise click.UsageError(f"line {line}: created_at {text!r} is not an RFC 2822 or ISO date") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


# ------------------------------------------------------------------------------------------------- delete
@command.command("delete")
@click.argument("list_name", metavar="LIST", type=LIST_NAME)
@click.argument("addresses", nargs=-1)
@_domain_option
@click.option(
    "--csv", "csv_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Addresses from a CSV."
)
@click.option("--all", "everything", is_flag=True, help="Empty the whole list.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before --all.")
@common_options
def delete(
    list_name: str, addresses: tuple[str, ...], domain: str, csv_path: Path | None, everything: bool, yes: bool
) -> None:
    """Take addresses off a list (Mailgun delivers to them again), or empty it with --all."""
    state = settings()
    out = state.output()
    resource_name = LISTS[list_name].attribute
    if everything:
        if addresses or csv_path:
            raise click.UsageError("--all takes no addresses")
        if not yes:
            click.confirm(f"Delete every entry of {list_name} for {domain}?", abort=True, err=True)
        with state.client() as client:
            body = getattr(client, resource_name).delete_all.with_raw_response(domain).json()
        _report(out, {"list": list_name, "domain": domain, "deleted": "all", "response": body}, f"{list_name} emptied")
        return
    targets = list(addresses) + ([entry["address"] for entry in _read_entries(csv_path, list_name)] if csv_path else [])
    if not targets:
        raise click.UsageError("give addresses, --csv FILE or --all")
    deleted, missing = 0, []
    with state.client() as client, tracker(out, f"deleting from {list_name}", total=len(targets)) as progress:
        resource = getattr(client, resource_name)
        for address in _each(targets):
            try:
                resource.delete(domain, address)
                deleted += 1
            except NotFoundError:
                missing.append(address)
            progress.advance(1, pages=1)
    summary = {"list": list_name, "domain": domain, "deleted": deleted, "not_found": missing}
    note = f"; not on the list: {', '.join(missing)}" if missing else ""
    _report(out, summary, f"{deleted:,} deleted from {list_name}{note}")


def _each(items: list[str]) -> Iterator[str]:
    yield from dict.fromkeys(items)  # once each, in order


def _report(out: Output, summary: dict[str, Any], message: str) -> None:
    if out.json_mode:
        out.json(summary)
    else:
        out.line(message)
