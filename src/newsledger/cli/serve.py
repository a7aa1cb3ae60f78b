"""``newsledger serve``: the REST API (and the web UI, when installed) over one ledger."""

from __future__ import annotations

import ipaddress

import click

from newsledger.errors import NewsLedgerError

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--token",
    envvar="NEWSLEDGER_TOKEN",
    default=None,
    help="Bearer token that enables POST /api/ingest (default: $NEWSLEDGER_TOKEN; without one the server is read-only).",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, token: str | None) -> None:
    """Serve the ledger over HTTP: JSON API under /api, API docs at /docs."""
    import uvicorn

    from newsledger.api.app import create_app

    db_path: str = ctx.obj
    # On loopback, accept only loopback Host headers: a foreign name resolving to
    # 127.0.0.1 (DNS rebinding) must not let another site's pages read the ledger.
    hosts = [*LOOPBACK_NAMES, host] if _is_loopback(host) else None
    try:
        app = create_app(db_path, token=token or None, allowed_hosts=hosts)
    except NewsLedgerError as exc:
        raise click.ClickException(str(exc)) from exc
    mode = "ingest enabled with token" if token else "read-only"
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"newsledger serving {db_path} at http://{shown}:{port}/ ({mode})")
    if token and not _is_loopback(host):
        click.echo("warning: the token travels in clear over plain HTTP; put a TLS proxy in front", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
