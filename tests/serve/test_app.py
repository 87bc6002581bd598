"""The HTTP API: inputs, JSON errors with codes, limits, info, and the comment endpoint, with fake pipelines."""

from __future__ import annotations

import asyncio
import gc
import hashlib
import json
import os
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the service needs the 'serve' extra")
from fastapi.testclient import TestClient
from serve.fakes import RELIABILITY, FakeToxicity, FixedReliability, fake_pipeline

import newsaudit
from newsaudit.loading import MODELS_DIR
from newsaudit.serve import Limits, create_app
from newsaudit.serve.app import OPTIONS_ENV, app_from_env
from newsaudit.serve.limits import Gate, Overloaded, RequestTimeout

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "harbour-bridge-closure.txt"
PLAIN = "Storm closes port\n\nThe port shut on Monday, officials said.\n\n• Ann\n\nStay safe!\n"


def client(pipeline=None, **limits) -> TestClient:
    app = create_app(pipeline or fake_pipeline(), limits=Limits(**limits) if limits else None)
    return TestClient(app)


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]


# -- POST /v1/audit: the three ways to send an article


def test_audit_json():
    with client() as c:
        r = c.post("/v1/audit", json={"title": "Dam", "text": "The dam opened.", "url": "https://www.example.org/a",
                                      "comments": [{"author": "Ann", "text": "Good."}, "Bad."]})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    report = r.json()
    assert report["schema"] == newsaudit.SCHEMA
    assert (report["title"], report["domain"]) == ("Dam", "example.org")
    assert [(x["author"], x["text"]) for x in report["comments"]] == [("Ann", "Good."), (None, "Bad.")]
    assert report["reliability"] == RELIABILITY
    assert "body" not in report


def test_audit_plain_text_is_read_like_a_copied_page():
    with client() as c:
        r = c.post("/v1/audit", content=PLAIN.encode(), headers={"content-type": "text/plain; charset=utf-8"})
    report = r.json()
    assert report["title"] == "Storm closes port"
    assert [x["author"] for x in report["comments"]] == ["Ann"]


def test_audit_html_body_and_html_field():
    page = "<html><head><title>Dam opens</title></head><body><article><p>The dam opened on Friday.</p></article></body></html>"
    with client() as c:
        r = c.post("/v1/audit", content=page.encode(), headers={"content-type": "text/html"})
        assert r.status_code == 200, r.text
        # In JSON, what the caller states (title, comments) wins over what the page says.
        r2 = c.post("/v1/audit", json={"html": page, "title": "Stated", "comments": ["First!"]})
    assert r2.status_code == 200, r2.text
    assert r2.json()["title"] == "Stated"
    assert [x["text"] for x in r2.json()["comments"]] == ["First!"]


def test_audit_url_query_overrides_and_include_body():
    with client() as c:
        r = c.post("/v1/audit?url=https://news.example.com/x&include_body=true", content=PLAIN.encode(),
                   headers={"content-type": "text/plain"})
    report = r.json()
    assert report["domain"] == "news.example.com"
    # The body the evidence offsets point into.
    assert report["body"] == "The port shut on Monday, officials said."


# -- errors: always {"error": {"code", "message"}}


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b'{"text": ', "application/json", 400, "E015"),  # malformed JSON
        (b"\xff\xfe\x00{", "application/json", 400, "E015"),  # not even text
        (b"[1, 2]", "application/json", 422, "E015"),  # JSON, but not an object
        (b'{"text": "   "}', "application/json", 422, "E011"),  # empty article
        (b'{"title": "only a title"}', "application/json", 422, "E011"),
        (b'{"text": "x", "comments": "not a list"}', "application/json", 422, "E015"),
        (b'{"html": 3}', "application/json", 422, "E015"),
        (b"   \n", "text/plain", 422, "E011"),
        (b"\x00\x01\x02binary", "text/plain", 422, "E012"),
        (b"GIF89a", "image/gif", 415, "E015"),
    ],
    ids=["malformed", "undecodable", "array", "blank-text", "no-text", "bad-comments", "bad-html", "blank-plain",
         "binary", "media-type"],
)
def test_audit_bad_input(body, content_type, status, code):
    with client() as c:
        r = c.post("/v1/audit", content=body, headers={"content-type": content_type})
    assert r.status_code == status
    assert error_of(r)["code"] == code


def test_body_over_the_limit_is_413_from_content_length_and_while_streaming():
    with client(max_body_bytes=1000) as c:
        r = c.post("/v1/audit", content=b"x" * 1001, headers={"content-type": "text/plain"})
        assert r.status_code == 413
        assert error_of(r)["code"] == "E014"
        # No Content-Length (chunked upload): counted as it arrives.
        r = c.post("/v1/audit", content=iter([b"x" * 600, b"x" * 600]), headers={"content-type": "text/plain"})
        assert r.status_code == 413
        assert error_of(r)["code"] == "E014"
        assert c.post("/v1/audit", content=b"Title\n\n" + b"x " * 400, headers={"content-type": "text/plain"}).is_success


def test_the_default_body_limit_is_5_mb():
    assert Limits().max_body_bytes == 5_000_000
    with client() as c:
        r = c.post("/v1/audit", content=b"a " * 2_500_001, headers={"content-type": "text/plain"})
    assert r.status_code == 413


def test_unknown_path_and_method_are_json_errors():
    with client() as c:
        assert error_of(c.get("/nope"))["code"] == "HTTP404"
        r = c.get("/v1/audit")
    assert r.status_code == 405
    assert error_of(r)["code"] == "HTTP405"


def test_a_broken_pipeline_is_a_500_json_error():
    class Broken(FixedReliability):
        def __call__(self, article):
            raise RuntimeError("boom")

    app = create_app(fake_pipeline(Broken()))
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/v1/audit", json={"text": "x"})
    assert r.status_code == 500
    assert error_of(r) == {"code": "E001", "message": "internal error; the server log has the details"}


# -- time and concurrency limits


def test_the_loaded_pipeline_is_kept_out_of_full_garbage_collections():
    gc.unfreeze()
    try:
        with client():
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_request_over_the_time_limit_is_504():
    with client(fake_pipeline(FixedReliability(delay=0.5)), timeout_s=0.05) as c:
        r = c.post("/v1/audit", json={"text": "x"})
    assert r.status_code == 504
    assert error_of(r)["code"] == "E052"


def test_excess_load_is_503_with_retry_after_not_queued():
    release = threading.Event()
    slow = FixedReliability(release=release)
    with client(fake_pipeline(slow), max_concurrent=1, max_waiting=0, retry_after_s=3) as c, ThreadPoolExecutor(1) as pool:
        first = pool.submit(c.post, "/v1/audit", json={"text": "x"})
        assert slow.started.wait(5)
        # One slot, no waiting place, and it is taken: refused at once.
        r = c.post("/v1/audit", json={"text": "y"})
        release.set()
        assert first.result(10).status_code == 200
        assert c.post("/v1/audit", json={"text": "z"}).status_code == 200
    assert r.status_code == 503
    assert r.headers["retry-after"] == "3"
    assert error_of(r)["code"] == "E051"
    assert slow.calls == 2


def test_gate_bounds_work_even_after_a_timeout():
    # A timed-out call keeps its slot until its thread really ends.
    async def scenario():
        gate = Gate(Limits(max_concurrent=1, max_waiting=0, timeout_s=0.05))
        release = threading.Event()
        try:
            with pytest.raises(RequestTimeout):
                await gate.run(release.wait, 5)
            assert gate.admitted == 1
            with pytest.raises(Overloaded):
                await gate.run(lambda: 1)
            release.set()
            for _ in range(100):
                if gate.admitted == 0:
                    break
                await asyncio.sleep(0.01)
            return await gate.run(lambda: 42)
        finally:
            release.set()
            gate.close()

    assert asyncio.run(scenario()) == 42


@pytest.mark.parametrize(
    "bad", [{"max_concurrent": 0}, {"max_waiting": -1}, {"timeout_s": 0}, {"max_body_bytes": 0}], ids=str
)
def test_limits_refuse_nonsense(bad):
    with pytest.raises(ValueError):
        Limits(**bad)


# -- POST /v1/comments


def test_comments_without_the_comment_model_is_503():
    with client() as c:
        r = c.post("/v1/comments", json={"comments": [{"text": "Hi"}]})
    assert r.status_code == 503
    assert r.headers["retry-after"] == "1"
    assert error_of(r)["message"] == "comment model not available"
    assert error_of(r)["code"] == "E053"


def test_comments_scored_by_the_comment_model():
    with client(fake_pipeline(FixedReliability(), FakeToxicity())) as c:
        r = c.post("/v1/comments", json={"comments": [{"text": "You idiot", "author": "T", "id": 7}, "Nice piece"]})
    assert r.status_code == 200
    body = r.json()
    assert body["thread"] == {"comments": 2, "flagged": 1}
    assert [(x["id"], x["author"], x["scores"]["toxicity"]) for x in body["comments"]] == [("7", "T", 0.9), (None, None, 0.1)]


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [(b'{"comments": "x"}', "application/json", 422), (b"{}", "application/json", 422),
     (b"{oops", "application/json", 400), (b"hi", "text/plain", 415)],
    ids=["not-a-list", "missing", "malformed", "media-type"],
)
def test_comments_bad_input(body, content_type, status):
    with client(fake_pipeline(FixedReliability(), FakeToxicity())) as c:
        r = c.post("/v1/comments", content=body, headers={"content-type": content_type})
    assert r.status_code == status
    assert error_of(r)["code"] == "E015"


# -- info, health, docs, the page


def test_info_lists_version_limits_and_shipped_model_hashes():
    with client(timeout_s=3) as c:
        info = c.get("/v1/info").json()
    assert info["version"] == newsaudit.__version__
    assert info["components"] == ["reliability"]
    assert info["limits"]["timeout_s"] == 3
    assert info["limits"]["max_body_bytes"] == 5_000_000
    manifest = MODELS_DIR / "reliability" / "manifest.json"
    model = info["models"]["reliability"]
    assert model["files"] == json.loads(manifest.read_text())["files"]
    assert model["manifest_sha256"] == hashlib.sha256(manifest.read_bytes()).hexdigest()


def test_healthz():
    with client() as c:
        assert c.get("/healthz").json() == {"status": "ok", "components": ["reliability"]}


def test_docs_are_served_without_a_cdn():
    with client() as c:
        page = c.get("/docs")
        spec = c.get("/openapi.json").json()
        assert page.status_code == 200
        assert "cdn." not in page.text
        assert c.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert {"/v1/audit", "/v1/comments", "/v1/info", "/healthz"} <= set(spec["paths"])
    assert set(spec["paths"]["/v1/audit"]["post"]["requestBody"]["content"]) == {
        "application/json", "text/plain", "text/html"}


def test_the_page_and_its_files_are_served_with_a_strict_policy():
    with client() as c:
        page = c.get("/")
        assert page.status_code == 200
        assert "text/html" in page.headers["content-type"]
        assert "script-src" not in page.headers["content-security-policy"]  # default-src 'self' covers scripts
        assert "default-src 'self'" in page.headers["content-security-policy"]
        for name in ("app.js", "style.css"):
            assert c.get(f"/static/{name}").status_code == 200
    # No CDN, no inline script: everything the page loads is its own.
    assert "http" not in page.text.split("<body>")[0]
    assert "<script>" not in page.text


# -- loading once per process


def test_the_pipeline_loads_at_startup_when_not_given():
    app = create_app()
    assert app.state.pipeline is None
    with TestClient(app) as c:
        assert c.get("/healthz").json()["components"] == newsaudit.load().component_names
        r = c.post("/v1/audit", content=SAMPLE.read_bytes(), headers={"content-type": "text/plain"})
    assert r.json() == newsaudit.load()(SAMPLE.read_text(encoding="utf-8")).to_dict()


def test_app_from_env_reads_the_cli_options(monkeypatch):
    monkeypatch.setenv(OPTIONS_ENV, json.dumps({"limits": {"timeout_s": 2.5, "max_waiting": 3}, "exclude": []}))
    app = app_from_env()
    assert app.state.limits.timeout_s == 2.5
    assert app.state.limits.max_waiting == 3


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_command_hands_its_options_to_uvicorn(monkeypatch, tmp_path, workers):
    import uvicorn
    from click.testing import CliRunner

    from newsaudit.cli import cli
    from newsaudit.serve import workers as balanced

    served = []
    # One worker runs a plain uvicorn server; more run as balanced worker processes.
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, *a, **k: served.append((self.config, 1)))
    monkeypatch.setattr(balanced, "run", lambda config, n: served.append((config, n)))
    monkeypatch.delenv(OPTIONS_ENV, raising=False)
    port = _free_port()
    result = CliRunner().invoke(cli, ["serve", "--port", str(port), "--workers", str(workers), "--timeout", "4",
                                      "--max-concurrent", "3", "--model", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (config, n), = served
    assert n == workers
    assert config.app == "newsaudit.serve.app:app_from_env"
    assert config.factory is True
    assert (config.host, config.port) == ("127.0.0.1", port)
    options = json.loads(os.environ[OPTIONS_ENV])
    assert options == {"limits": {"timeout_s": 4.0, "max_waiting": 64, "max_concurrent": 3}, "model": str(tmp_path)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_command_on_a_busy_port_says_so_in_one_line(monkeypatch, workers):
    import uvicorn
    from click.testing import CliRunner

    from newsaudit.cli import cli
    from newsaudit.serve import workers as balanced

    served = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, *a, **k: served.append(self))
    monkeypatch.setattr(balanced, "run", lambda config, n: served.append(config))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port), "--workers", str(workers)])
    assert result.exit_code == 2
    expected = f"error: [E050] cannot listen on 127.0.0.1:{port}: Address already in use"
    assert result.output.strip().splitlines() == [expected]
    assert served == []


def test_serve_command_refuses_a_missing_model(tmp_path):
    from click.testing import CliRunner

    from newsaudit.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--model", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no model directory" in result.output
