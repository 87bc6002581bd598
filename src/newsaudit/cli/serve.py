"""``newsaudit serve``: the HTTP API and its web page, run by uvicorn."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import click

from newsaudit.errors import AddressInUseError, MissingDependencyError, ModelError

from .common import model_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes; each loads the pipeline once.",
)
@model_option
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    help="Time limit of one request in seconds; then 504.",
)
@click.option(
    "--max-concurrent",
    type=click.IntRange(min=1),
    default=None,
    help="Requests in progress at once in each worker; audits among them run together in batches. [default: 16]",
)
@click.option(
    "--max-waiting",
    type=click.IntRange(min=0),
    default=64,
    show_default=True,
    help="Requests that may wait for a free slot in each worker; more are answered 503 with Retry-After.",
)
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info")
def serve(
    host: str,
    port: int,
    workers: int,
    model: Path | None,
    timeout: float,
    max_concurrent: int | None,
    max_waiting: int,
    log_level: str,
) -> None:
    """Serve the HTTP API and the web page.

    \b
    Endpoints:
      /               the web page: paste an article, see its report
      POST /v1/audit      audit an article (JSON, text/plain or text/html)
      POST /v1/comments   score comments (needs the comment model)
      GET  /v1/info       version, model hashes, limits
      GET  /healthz       liveness
      /docs               the OpenAPI reference

    \b
    Examples:
      newsaudit serve
      newsaudit serve --host 0.0.0.0 --port 8080 --workers 2
      curl -s localhost:8000/v1/audit -H 'content-type: text/plain' --data-binary @story.txt
    """
    try:
        import uvicorn

        from newsaudit.serve.app import OPTIONS_ENV
    except ImportError as exc:
        raise MissingDependencyError(f"'newsaudit serve' needs the 'serve' extra: pip install 'newsaudit[serve]' ({exc})")

    if model is not None and not model.is_dir():
        raise ModelError(f"no model directory at {model}")
    check_can_listen(host, port)
    limits = {"timeout_s": timeout, "max_waiting": max_waiting}
    if max_concurrent is not None:
        limits["max_concurrent"] = max_concurrent
    options = {"limits": limits, "model": None if model is None else str(model.resolve())}
    # Worker processes read their options from the environment they inherit.
    os.environ[OPTIONS_ENV] = json.dumps(options)
    config = uvicorn.Config(
        "newsaudit.serve.app:app_from_env", factory=True, host=host, port=port, log_level=log_level
    )
    if workers == 1:
        uvicorn.Server(config).run()
    else:
        # uvicorn's own workers let one process take every waiting connection: ours spread them evenly.
        from newsaudit.serve.workers import run

        run(config, workers)


def check_can_listen(host: str, port: int) -> None:
    """Raise :class:`AddressInUseError` when ``host:port`` cannot be listened on (a port taken, say).

    Checked before the pipeline loads, so a busy port is one line and exit code 2, not a traceback or
    uvicorn's exit status 3 after seconds of loading. Binding with ``SO_REUSEADDR`` as uvicorn does, the
    check fails only where uvicorn's own bind would.
    """
    if port == 0:
        return  # any free port
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise AddressInUseError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
