"""The web page end to end: the real server and pipeline, driven in headless Chromium.

Uses Debian's ``chromium`` through Playwright with the system executable (no
browser download); skips when either is absent. ``.ci/run`` installs chromium.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import threading
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the service needs the 'serve' extra")
uvicorn = pytest.importorskip("uvicorn", reason="the service needs the 'serve' extra")
sync_api = pytest.importorskip("playwright.sync_api", reason="the browser test needs playwright (the 'test' extra)")
Image = pytest.importorskip("PIL.Image", reason="the screenshot check needs pillow (the 'test' extra)")

from newsaudit.serve import create_app

CHROMIUM = os.environ.get("NEWSAUDIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "examples" / "harbour-bridge-closure.txt").read_text(encoding="utf-8")
# A comment that would run script if the page put comment text in as HTML.
EVIL = '<script>window.__pwned = "script"</script><img src="x" onerror="window.__pwned = \'img\'; alert(1)"> Nice!'
ARTICLE = f"{SAMPLE.rstrip()}\n\n  • Mallory\n\n    {EVIL}\n"
# The verdict's background colours (style.css).
VERDICT_RGB = {"unreliable": (198, 40, 40), "reliable": (46, 125, 50), "uncertain": (183, 121, 31)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """The real app with the real pipeline, served by uvicorn in a thread on a free port."""
    port = _free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(300):
        if srv.started:
            break
        thread.join(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield b
        b.close()


def _api_report(base: str, text: str, url: str) -> dict:
    request = urllib.request.Request(
        f"{base}/v1/audit?url={url}", data=text.encode(), headers={"content-type": "text/plain; charset=utf-8"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def test_paste_an_article_and_see_its_report(server, browser, tmp_path):
    page = browser.new_page(accept_downloads=True)
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/")
    page.fill("#article", ARTICLE)
    page.fill("#url", "https://www.example.org/harbour")
    page.click("#audit-button")
    page.wait_for_selector("#results:not([hidden])", timeout=15_000)
    expected = _api_report(server, ARTICLE, "https://www.example.org/harbour")

    # The verdict and probability, as the API gives them.
    label = expected["reliability"]["label"]
    assert page.text_content("#verdict-label") == label
    probability = 100 * expected["reliability"]["probability_unreliable"]
    assert f"{probability:.1f}%" in page.text_content("#verdict-probability")
    assert "example.org" in page.text_content("#source-line")

    # The comment's markup is shown as text, never run.
    comments = page.locator("#comments .item-text")
    assert comments.count() == len(expected["comments"]) == 5
    assert comments.nth(4).text_content() == EVIL
    assert page.locator("#comments script, #comments img, #parts script, #parts img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert dialogs == [] and errors == []

    # Evidence sentences are highlighted in the body, coloured by the sign of their contribution.
    spans = page.locator("#article-body .ev")
    assert spans.count() >= 1
    highlighted = "".join(spans.all_text_contents())
    body_evidence = [e for e in expected["reliability"]["evidence"] if e["field"] == "body"]
    assert body_evidence
    for item in body_evidence:
        assert item["text"] in highlighted
    strongest = max(body_evidence, key=lambda e: abs(e["contribution"]))
    direction = "up" if strongest["contribution"] > 0 else "down"
    first_word = strongest["text"].split()[0]
    assert page.locator(f"#article-body .ev.{direction}", has_text=first_word).count() >= 1
    assert page.locator("#article-body .ev-phrase").count() >= 1
    # The body around the evidence is all there, unhighlighted text included.
    assert page.text_content("#article-body").startswith("The city of Port Elsworth closed the Harbour Bridge")

    # The JSON download is the report.
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "newsaudit-report.json"
    saved = tmp_path / "report.json"
    download.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8")) == expected

    # A screenshot of the verdict: not blank, and mostly the verdict's colour.
    image = Image.open(io.BytesIO(page.locator("#verdict").screenshot())).convert("RGB")
    raw = image.tobytes()
    pixels = [tuple(raw[i : i + 3]) for i in range(0, len(raw), 3)]
    target = VERDICT_RGB[label]
    near = sum(all(abs(c - t) <= 12 for c, t in zip(px, target, strict=True)) for px in pixels)
    light = sum(min(px) >= 200 for px in pixels)  # the white label text
    assert len(set(pixels)) > 10, "the verdict screenshot is blank"
    assert near / len(pixels) > 0.5
    assert light / len(pixels) > 0.01
    page.close()


def test_an_error_is_shown_not_thrown(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/")
    page.fill("#article", "<html><body></body></html>")
    page.click("#audit-button")
    page.wait_for_selector("#status.error", timeout=15_000)
    assert "[E011]" in page.text_content("#status")
    assert page.locator("#results").is_hidden()
    page.close()


def test_parts_the_page_does_not_know_are_shown_generically(server, browser):
    # A report part that lands later (here faked in the browser) appears without changing the page.
    page = browser.new_page()
    report = {
        "schema": "newsaudit.report/1", "title": "T", "url": None, "domain": None,
        "reliability": {"label": "reliable", "probability_unreliable": 0.1, "evidence": []},
        "quotes": [{"text": "We are safe", "speaker": "Dana", "start": 0, "end": 5}],
        "claims": [{"text": "42,000 vehicles cross", "flags": ["number"], "check_worthiness": 0.8}],
        "comments": [{"author": "<b>Eve</b>", "text": "<i>hi</i>", "scores": {"toxicity": 0.91}, "flags": ["insult"]}],
        "thread": {"comments": 1, "toxic_share": 1.0},
        "source": {"domain": "example.org", "rating": "mixed"},
    }
    page.route("**/v1/audit*", lambda route: route.fulfill(status=200, content_type="application/json",
                                                            body=json.dumps({**report, "body": "Body."})))
    page.goto(f"{server}/")
    page.fill("#article", "anything")
    page.click("#audit-button")
    page.wait_for_selector("#results:not([hidden])")
    assert page.text_content("#quotes .speaker") == "Dana"
    assert page.text_content("#claims .badge") == "number"
    assert "check worthiness 0.800" in page.text_content("#claims")
    assert page.text_content("#comments .speaker") == "<b>Eve</b>"
    assert page.locator("#comments .badge").all_text_contents() == ["insult", "toxicity 0.91"]
    assert "toxic share" in page.text_content("#thread")
    assert "mixed" in page.text_content('[data-part="source"]')
    page.close()
