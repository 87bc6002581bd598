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
# A comment calling for a hanging: the comment model flags it as a threat, with the rule match as a span.
HANGING = "The commissioner should be hanged by the neck for this, the useless scum."
ARTICLE = f"{SAMPLE.rstrip()}\n\n  • Vigilante\n\n    {HANGING}\n\n  • Mallory\n\n    {EVIL}\n"
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
    assert comments.count() == len(expected["comments"]) == 6
    assert comments.nth(5).text_content() == EVIL
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


def test_comment_flags_highlights_and_thread(server, browser):
    page = browser.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/")
    page.fill("#article", ARTICLE)
    page.click("#audit-button")
    page.wait_for_selector("#results:not([hidden])", timeout=15_000)
    expected = _api_report(server, ARTICLE, "https://www.example.org/harbour")
    authors = [c["author"] for c in expected["comments"]]
    hanging = expected["comments"][authors.index("Vigilante")]
    assert "threat" in hanging["flags"]
    assert any(s["text"] == "by the neck" and "rule" in s for s in hanging["spans"]["threat"])

    # The hanging comment: a red badge with the threat score, and "by the neck" highlighted in its text.
    item = page.locator("#comments > li", has=page.locator(".speaker", has_text="Vigilante"))
    assert item.count() == 1
    threat = item.locator('.item-head .badge.head[data-head="threat"]')
    assert threat.text_content() == f"threat {hanging['scores']['threat']:.2f}"
    assert item.locator(".item-head .badge.head").count() == len(hanging["flags"])
    assert item.locator(".item-text").text_content() == HANGING
    neck = item.locator(".item-text mark", has_text="by the neck")
    assert neck.count() == 1
    title = neck.get_attribute("title")
    assert "threat" in title and "calls for a hanging" in title
    # Scores of heads not flagged are shown small, not as badges; spans are not dumped as a key/value block.
    unflagged = [h for h in hanging["scores"] if h not in hanging["flags"]]
    assert item.locator(".other-scores .score").count() == len(unflagged)
    assert item.locator("dl.kv").count() == 0
    assert page.locator("#comments dl.kv").count() == 0

    # The thread summary agrees with the API.
    thread = expected["thread"]
    assert thread["flagged"] >= 1
    summary = page.text_content("#thread-summary")
    assert f"{thread['flagged']} of {thread['comments']} comments flagged" in summary
    assert f"({round(100 * thread['share_flagged'])}%)" in summary
    shown_flags = page.locator("#thread-flags .badge").all_text_contents()
    assert shown_flags == [f"{k.replace('_', ' ')} {n}" for k, n in thread["per_flag"].items() if n]
    assert page.locator("#most-severe > li").count() == len(thread["most_severe"])
    assert page.text_content("#most-severe > li .speaker") == thread["most_severe"][0]["author"]
    assert "Vigilante" in page.text_content("#flagged-authors")

    # The <script> comment is still text, never run.
    evil = page.locator("#comments > li", has=page.locator(".speaker", has_text="Mallory"))
    assert evil.locator(".item-text").text_content() == EVIL
    assert page.locator("#parts script, #parts img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert dialogs == [] and errors == []
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
        "comments": [
            {"author": "<b>Eve</b>", "text": "<i>hi</i>", "scores": {"toxicity": 0.91}, "flags": ["insult"]},
            # Spans overlap ("bad dog" and "dog you"): one highlight for the merged range, both in its tooltip.
            {"author": "Kai", "text": "Du bad dog you, 🐶 <b>x</b>", "language": "de", "scores_reliable": False,
             "scores": {"toxicity": 0.8, "threat": 0.1}, "flags": ["toxicity"],
             "spans": {"toxicity": [{"start": 3, "end": 10, "text": "bad dog", "contribution": 1.5},
                                    {"start": 7, "end": 14, "text": "dog you", "contribution": 0.5, "rule": "r<1>"},
                                    {"start": 16, "end": 17, "text": "🐶", "contribution": 0.2}]}},
            # An older report: no scores, shown as before.
            {"author": "Old", "text": "plain", "flags": ["spam"]},
        ],
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
    eve, kai, old = (page.locator(f"#comment-{i}") for i in range(3))
    assert eve.locator(".badge").all_text_contents() == ["insult"]
    assert eve.locator(".other-scores .score").all_text_contents() == ["toxicity 0.91"]
    assert eve.locator(".item-text").text_content() == "<i>hi</i>"
    assert kai.locator(".badge").all_text_contents() == ["toxicity 0.80"]
    assert kai.locator(".lang-note").text_content() == "in de — scores less reliable"
    assert kai.locator(".item-text").text_content() == "Du bad dog you, 🐶 <b>x</b>"
    assert kai.locator("mark").all_text_contents() == ["bad dog you", "🐶"]
    title = kai.locator("mark").first.get_attribute("title")
    assert '"bad dog": toxicity +1.50' in title and '"dog you": toxicity +0.50 (rule: r<1>)' in title
    assert kai.locator("mark.rule").count() == 1
    assert kai.locator("b, i").count() == 0
    assert old.locator(".speaker").text_content() == "Old"
    assert old.locator(".badge").all_text_contents() == ["spam"]
    assert old.locator(".item-text").text_content() == "plain"
    assert page.locator("#comments mark, #comments .other-scores").count() == 4
    assert "toxic share" in page.text_content("#thread")
    assert "mixed" in page.text_content('[data-part="source"]')
    page.close()
