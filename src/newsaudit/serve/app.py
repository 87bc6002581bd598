"""The HTTP service: an app factory over one loaded :class:`~newsaudit.pipeline.Pipeline`.

``create_app()`` loads the default pipeline once, when the app starts (once per
worker process under ``uvicorn --workers N``); tests pass a small pipeline or a
fake. Every error is a JSON body ``{"error": {"code", "message"}}``: input
problems are 4xx with the :mod:`newsaudit.errors` code, load and time limits are
503 and 504 (see :mod:`newsaudit.serve.limits`).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

import newsaudit
from newsaudit.article import Article
from newsaudit.errors import InputError, InputTooLargeError, NewsauditError
from newsaudit.report import Report

from .batching import Batcher
from .inputs import MalformedBody, UnsupportedMediaType, article_from_request, comments_from_request
from .limits import Gate, Limits, ServiceError, Unavailable

log = logging.getLogger("newsaudit.serve")

STATIC_DIR = Path(__file__).parent / "static"
#: The component that scores comments; ``POST /v1/comments`` needs it.
COMMENT_COMPONENT = "toxicity"
#: Sent with every response: the page loads only its own files, and runs no inline script.
_SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]

_Scope = MutableMapping[str, Any]
_Message = MutableMapping[str, Any]
_Receive = Callable[[], Awaitable[_Message]]
_Send = Callable[[_Message], Awaitable[None]]


def create_app(pipeline: Any = None, *, limits: Limits | None = None, **load_options: Any) -> FastAPI:
    """Build the ASGI app.

    Parameters
    ----------
    pipeline : Pipeline, optional
        What to serve. ``None`` loads ``newsaudit.load(**load_options)`` when the
        app starts, in each worker process.
    limits : Limits, optional
        Body size, time and concurrency limits; :class:`Limits` defaults otherwise.
    **load_options
        Passed to :func:`newsaudit.load` (``model=``, ``prior=``, ``exclude=``).

    Returns
    -------
    fastapi.FastAPI
    """
    limits = limits or Limits()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.pipeline is None:
            app.state.pipeline = await run_in_threadpool(newsaudit.load, **load_options)
            log.info("pipeline loaded: %s", ", ".join(app.state.pipeline.component_names))
        app.state.gate = Gate(limits)
        app.state.batcher = Batcher(app.state.pipeline, max_batch=limits.max_concurrent)
        # The loaded models' objects live as long as the worker: kept out of the collector's full passes,
        # which otherwise walk them every few seconds under load (a pause of about 40 ms each, every request
        # of the worker waiting). Garbage is collected first, so that none of it is kept for good.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            app.state.gate.close()
            app.state.batcher.close()

    app = FastAPI(
        title="newsaudit",
        version=newsaudit.__version__,
        summary="Audit a news article and its comment section, offline.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.pipeline = pipeline
    app.state.limits = limits
    app.add_middleware(_Guard, max_bytes=limits.max_body_bytes)
    _add_error_handlers(app)

    @app.post(
        "/v1/audit",
        summary="Audit one article",
        response_description="The report (schema newsaudit.report/1).",
        openapi_extra={"requestBody": _AUDIT_BODY},
        responses=_ERROR_RESPONSES,
    )
    async def audit(
        request: Request,
        url: str | None = Query(None, description="Where the article was published; overrides the body's url."),
        include_body: bool = Query(
            False, description="Add the article body as read (`body`), so evidence offsets can be shown in it."
        ),
    ) -> Response:
        """Audit an article sent as JSON `{"text" | "html", "title"?, "url"?, "comments"?}`, as `text/plain`
        (headline, body and comment section as copied from a page) or as `text/html`."""
        body = await request.body()
        content_type = request.headers.get("content-type")
        batcher = request.app.state.batcher

        def make_article() -> Article:
            return article_from_request(body, content_type, url=url, max_bytes=limits.max_body_bytes)

        def answer(article: Article, report: Report) -> bytes:
            if not include_body:
                return report.to_json().encode()
            data = report.to_dict()
            data["body"] = article.body
            return json.dumps(data, ensure_ascii=False).encode()

        payload = await request.app.state.gate.admit(lambda: batcher.submit(make_article, answer))
        return Response(payload, media_type="application/json")

    @app.post(
        "/v1/comments",
        summary="Score a list of comments",
        response_description='`{"comments": [...], "thread": {...}}` from the comment model.',
        openapi_extra={"requestBody": _COMMENTS_BODY},
        responses=_ERROR_RESPONSES,
    )
    async def comments(request: Request) -> Response:
        """Score comments `{"comments": [{"text", "author"?, "id"?}]}` with the comment model
        (503 when the pipeline has none)."""
        pipe = request.app.state.pipeline
        if COMMENT_COMPONENT not in pipe.component_names:
            raise Unavailable("comment model not available")
        items = comments_from_request(await request.body(), request.headers.get("content-type"))
        moderate = pipe.get(COMMENT_COMPONENT).moderate
        result = await request.app.state.gate.run(moderate, items)
        return JSONResponse(result)

    @app.get("/healthz", summary="Liveness: the pipeline is loaded")
    async def healthz(request: Request) -> dict[str, Any]:
        return {"status": "ok", "components": request.app.state.pipeline.component_names}

    @app.get("/v1/info", summary="Version, components, model hashes and limits")
    async def info(request: Request) -> dict[str, Any]:
        return {
            "name": "newsaudit",
            "version": newsaudit.__version__,
            "schema": newsaudit.SCHEMA,
            "components": request.app.state.pipeline.component_names,
            "models": shipped_models(),
            "limits": limits.to_dict(),
        }

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _add_docs(app)
    return app


def _add_docs(app: FastAPI) -> None:
    """OpenAPI reference at ``/docs``, with Swagger UI served from the installed package: no CDN."""
    from fastapi.openapi.docs import get_swagger_ui_html

    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # the 'serve' extra brings it; without it, the page loads Swagger UI from a CDN
        assets = None
    else:
        assets = "/docs-assets"
        app.mount(assets, StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> Response:
        if assets is None:
            return get_swagger_ui_html(openapi_url="/openapi.json", title="newsaudit API")
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="newsaudit API",
            swagger_js_url=f"{assets}/swagger-ui-bundle.js",
            swagger_css_url=f"{assets}/swagger-ui.css",
            swagger_favicon_url=f"{assets}/favicon-32x32.png",
        )


def shipped_models() -> dict[str, Any]:
    """Each shipped model's manifest (its files' sha256) and the sha256 of the manifest itself."""
    from newsaudit.loading import MODELS_DIR

    models = {}
    for manifest in sorted(MODELS_DIR.glob("*/manifest.json")):
        raw = manifest.read_bytes()
        models[manifest.parent.name] = {**json.loads(raw), "manifest_sha256": hashlib.sha256(raw).hexdigest()}
    return models


# -- errors


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _status_of(exc: NewsauditError) -> int:
    if isinstance(exc, ServiceError):
        return exc.status
    if isinstance(exc, InputTooLargeError):
        return 413
    if isinstance(exc, UnsupportedMediaType):
        return 415
    if isinstance(exc, MalformedBody):
        return 400
    if isinstance(exc, InputError):
        return 422
    return 500  # a broken model or pipeline: the server's problem, not the caller's


def _add_error_handlers(app: FastAPI) -> None:
    async def newsaudit_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, NewsauditError)
        status = _status_of(exc)
        headers = {"retry-after": str(app.state.limits.retry_after_s)} if status == 503 else None
        if status >= 500 and not isinstance(exc, ServiceError):
            log.error("%s %s failed: %s", request.method, request.url.path, exc)
        return error_response(status, exc.code, exc.message, headers)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return error_response(exc.status_code, f"HTTP{exc.status_code}", str(exc.detail), exc.headers)

    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(500, "E001", "internal error; the server log has the details")

    app.add_exception_handler(NewsauditError, newsaudit_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, internal_error)


class _Guard:
    """Refuse bodies over ``max_bytes`` with 413 (at once from ``Content-Length``, else while streaming them),
    and add the security headers to every response."""

    def __init__(self, app: Callable[..., Awaitable[None]], max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        received = 0
        started = False

        async def limited_receive() -> _Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def guarded_send(message: _Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                # Swagger UI at /docs starts from an inline script, which the policy would block.
                extra = _SECURITY_HEADERS if scope["path"] != "/docs" else _SECURITY_HEADERS[1:]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, guarded_send)
            return
        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if started:
                raise
            await self._refuse(scope, receive, guarded_send)

    async def _refuse(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        message = f"the request body is larger than the limit of {self.max_bytes:,} bytes"
        response = error_response(413, InputTooLargeError.code, message, {"connection": "close"})
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


# -- OpenAPI descriptions of the bodies the endpoints read by hand (several content types)

_COMMENT_SCHEMA = {
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {"text": {"type": "string"}, "author": {"type": "string"}, "id": {"type": "string"}},
            "required": ["text"],
        },
    ]
}
_AUDIT_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "text": {"type": "string", "description": "The article body (give this or html)."},
                    "html": {"type": "string", "description": "A saved page (give this or text)."},
                    "title": {"type": "string"},
                    "url": {"type": "string"},
                    "comments": {"type": "array", "items": _COMMENT_SCHEMA},
                },
            },
            "example": {
                "title": "Council approves budget",
                "text": "The city council approved the budget on Monday, officials said.",
                "comments": [{"author": "Ann", "text": "About time."}],
            },
        },
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    },
}
_COMMENTS_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"comments": {"type": "array", "items": _COMMENT_SCHEMA}},
                "required": ["comments"],
            },
            "example": {"comments": [{"author": "Ann", "text": "About time."}, {"text": "Useless idiots."}]},
        }
    },
}
_ERROR_SCHEMA = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "error": {
                        "type": "object",
                        "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                    }
                },
            }
        }
    }
}
_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"description": description, **_ERROR_SCHEMA}
    for status, description in {
        400: "Malformed JSON",
        413: "Body larger than the limit",
        415: "Unsupported Content-Type",
        422: "The input cannot be read as an article (the code says why)",
        503: "Too busy (with Retry-After), or the model is not available",
        504: "Over the per-request time limit",
    }.items()
}


# -- for uvicorn's worker processes

#: The environment variable through which ``newsaudit serve`` hands its options to every worker process.
OPTIONS_ENV = "NEWSAUDIT_SERVE_OPTIONS"


def app_from_env() -> FastAPI:
    """The app as ``newsaudit serve`` configured it (uvicorn calls this factory in each worker).

    The options are JSON in :data:`OPTIONS_ENV`: ``{"limits": {...}, "model": ..., "prior": ...}``.
    """
    import os

    options = json.loads(os.environ.get(OPTIONS_ENV) or "{}")
    limits = Limits(**options.pop("limits", {}))
    return create_app(limits=limits, **options)
