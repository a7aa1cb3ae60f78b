"""The ``newsledger`` command: each command parses its options and calls one library function.

Library errors become one-line messages and a non-zero exit here, and only here.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsledger import operations
from newsledger.cli import render
from newsledger.errors import NewsLedgerError
from newsledger.export import formats as export_formats
from newsledger.query import listing
from newsledger.store.sqlite import Ledger, default_db_path

F = TypeVar("F", bound=Callable[..., Any])


def _errors_as_messages(fn: F) -> F:
    """Turn newsledger's own errors into a one-line message and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except NewsLedgerError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    help="Ledger database (default: $NEWSLEDGER_DB or ./newsledger.db).",
)
@click.version_option(package_name="newsledger")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Turn news reports into a sourced ledger of entities, dates, events and claims."""
    ctx.obj = db or default_db_path()


def _filters(fn: F) -> F:
    for option in reversed(
        [
            click.option("--entity", help="Only what involves this entity (id, name or alias)."),
            click.option("--type", "type_", metavar="T", help="Entity type, event type, or claim stance."),
            click.option("--since", metavar="DATE", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
            click.option("--until", metavar="DATE", help="Up to this date."),
            click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table."),
        ]
    ):
        fn = option(fn)
    return fn


def _open(ctx: click.Context) -> Ledger:
    return Ledger(ctx.obj)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--published", metavar="DATE", help="Publication date for inputs that carry none.")
@click.option("--outlet", metavar="NAME", help="Outlet for inputs that name none.")
@click.option("--url", metavar="URL", help="URL for inputs that carry none.")
@click.option("--title", metavar="TEXT", help="Title for inputs that carry none.")
@click.pass_context
@_errors_as_messages
def ingest(ctx: click.Context, sources: tuple[str, ...], published: str | None,
           outlet: str | None, url: str | None, title: str | None) -> None:
    """Read articles (files, folders, -, URLs, RSS/Atom feeds) into the ledger.

    Ends with a summary; exits with status 1 when any input failed (the rest is stored).
    """
    options = operations.IngestOptions(published=published, outlet=outlet, url=url, title=title)
    with render.IngestProgress() as progress:
        report = operations.ingest(
            list(sources), db=ctx.obj, options=options, stdin=sys.stdin.buffer, progress=progress
        )
    for failure in report.failed:
        click.echo(f"failed: {failure.origin}: {failure.reason}", err=True)
    click.echo(report.summary())
    if report.failed:
        ctx.exit(1)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv", *export_formats.names()]),
              default="json", show_default=True)
@click.option("--output", "-o", metavar="PATH",
              help="File (folder for csv); default stdout. See docs/exports.md for each format.")
@click.pass_context
@_errors_as_messages
def export(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Export the ledger: newsledger/1 (json, jsonl), CSV tables, or graphml, gexf, ftm, plover, claimreview."""
    path = operations.export(db=ctx.obj, format=fmt, output=output, stdout=sys.stdout)  # type: ignore[arg-type]
    if path is not None:
        click.echo(f"wrote {path}", err=True)


def _print_rows(ctx: click.Context, name: str, lister: Callable[..., list[dict[str, Any]]],
                filters: listing.Filters, as_json: bool) -> None:
    with _open(ctx) as ledger:
        rows = lister(ledger.conn, filters)
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            render.table(name, rows, render.Names(ledger.conn))


def _table_command(name: str, lister: Callable[..., list[dict[str, Any]]], help_text: str) -> None:
    @cli.command(name=name, help=help_text)
    @_filters
    @click.pass_context
    @_errors_as_messages
    def command(ctx: click.Context, entity: str | None, type_: str | None, since: str | None,
                until: str | None, as_json: bool) -> None:
        filters = listing.Filters(entity=entity, type=type_, since=since, until=until)
        _print_rows(ctx, name, lister, filters, as_json)


_table_command("documents", listing.documents, "List documents (--type filters by outlet).")
_table_command("events", listing.events, "List events (--type: event type, mode or PLOVER type).")
_table_command("claims", listing.claims, "List claims (--type: stance).")


@cli.group(invoke_without_command=True)
@_filters
@click.pass_context
@_errors_as_messages
def entities(ctx: click.Context, entity: str | None, type_: str | None, since: str | None,
             until: str | None, as_json: bool) -> None:
    """List entities (--type: person, country, weapon, ...); or merge / split two."""
    if ctx.invoked_subcommand is not None:
        return
    filters = listing.Filters(entity=entity, type=type_, since=since, until=until)
    _print_rows(ctx, "entities", listing.entities, filters, as_json)


def _judgement_command(name: str, judge: Callable[..., None], help_text: str, done: str) -> None:
    @entities.command(name=name, help=help_text)
    @click.argument("a")
    @click.argument("b")
    @click.option("--reason", help="Why; kept with the link.")
    @click.pass_context
    @_errors_as_messages
    def command(ctx: click.Context, a: str, b: str, reason: str | None) -> None:
        judge(a, b, db=ctx.obj, reason=reason)
        click.echo(done.format(a=a, b=b))


_judgement_command("merge", operations.merge_entities,
                   "Say that entities A and B are the same (kept across re-ingestion).", "merged {a} and {b}")
_judgement_command("split", operations.split_entities,
                   "Say that entities A and B are different (kept across re-ingestion).", "split {a} from {b}")


@cli.command()
@click.option("--entity", help="Only events that involve this entity.")
@click.option("--since", metavar="DATE")
@click.option("--until", metavar="DATE")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_errors_as_messages
def timeline(ctx: click.Context, entity: str | None, since: str | None, until: str | None,
             as_json: bool) -> None:
    """Events in date order, each with the documents that report it."""
    with _open(ctx) as ledger:
        rows = listing.timeline(ledger.conn, listing.Filters(entity=entity, since=since, until=until))
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            render.timeline(rows, render.Names(ledger.conn))


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="Also list corroborations.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_errors_as_messages
def contradictions(ctx: click.Context, show_all: bool, as_json: bool) -> None:
    """Claims that contradict each other, side by side with the reason."""
    with _open(ctx) as ledger:
        rows = listing.relations(ledger.conn, None if show_all else "contradicts")
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            render.relations(rows, render.Names(ledger.conn))


@cli.command()
@click.argument("ident", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@_errors_as_messages
def show(ctx: click.Context, ident: str, as_json: bool) -> None:
    """An event, entity, claim or document with every evidence sentence."""
    with _open(ctx) as ledger:
        record = listing.show(ledger.conn, ident)
        if as_json:
            click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        else:
            render.show(record, render.Names(ledger.conn))



@cli.command()
@click.option("--entity", help="Only what involves this entity (id, name or alias).")
@click.option("--since", metavar="DATE", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Up to this date.")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--output", "-o", metavar="PATH",
              help="File; default stdout. Markdown writes its map and chart as SVG files beside it.")
@click.pass_context
@_errors_as_messages
def report(ctx: click.Context, entity: str | None, since: str | None, until: str | None, fmt: str,
           output: str | None) -> None:
    """A briefing: timeline, key claims, contradictions, map and chart, each fact footnoted."""
    path = operations.report(db=ctx.obj, entity=entity, since=since, until=until, format=fmt,
                             output=output, stdout=sys.stdout)
    if path is not None:
        click.echo(f"wrote {path}", err=True)


from newsledger.cli.serve import serve  # noqa: E402  (registered after the commands above)

cli.add_command(serve)


def main() -> None:
    cli(prog_name="newsledger")
