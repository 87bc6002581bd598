"""The ``signals`` component inside the pipeline."""

from __future__ import annotations

import json

import pytest

import newsaudit
from newsaudit.article import Article
from newsaudit.components.signals import Signals
from newsaudit.signals.stance import shipped_stance_model

STORY = {
    "title": "SHOCKING: Council Closes Bridge!!",
    "text": ("The city council voted on Monday to close the Riverside bridge after engineers found cracks. "
             "According to reports, the bridge had been unsafe for years. You need to know this! "
             "The mayor said a ferry would run during the repairs."),
    "url": "https://www.example.org/news/bridge",
}


@pytest.fixture(scope="module")
def component():
    return Signals(shipped_stance_model())


def test_default_pipeline_has_signals_and_source():
    nlp = newsaudit.load()
    assert nlp.component_names.index("signals") < nlp.component_names.index("source")
    report = nlp(STORY)
    names = [s["name"] for s in report["signals"]]
    assert {"headline_capitals", "headline_body_mismatch", "dangling_source_references", "reading_ease"} <= set(names)
    json.dumps(report.to_dict())  # JSON-ready


def test_values_and_sentences(component):
    a = component(Article(body=STORY["text"], title=STORY["title"]))
    s = {x["name"]: x for x in a.parts["signals"]}
    assert s["dangling_source_references"]["value"] == 1
    assert s["clickbait_phrases"]["value"] == 1
    assert s["headline_body_mismatch"]["stance"] != "unrelated"
    assert all(isinstance(x["explanation"], str) and x["explanation"] for x in a.parts["signals"])


def test_claims_part_changes_the_attribution_signal(component):
    a = Article(body=STORY["text"], title=STORY["title"])
    a.parts["claims"] = [{"text": "x", "start": 0, "end": 1, "attributed_to": None, "flags": ["unattributed"],
                          "checkworthiness": 0.5}]
    names = [x["name"] for x in component(a).parts["signals"]]
    assert "unattributed_claims" in names and "attribution_rate" not in names


def test_pipe_agrees_with_call():
    nlp = newsaudit.load()
    items = [STORY, {"title": "", "text": "Short text with no headline at all, but enough words to read."}]
    assert [r["signals"] for r in nlp.pipe(items)] == [nlp(x)["signals"] for x in items]


@pytest.mark.parametrize(
    "body",
    [
        "",  # nothing at all
        "x" * 2_000_000,  # one 2 MB "word"
        '"' * 10_000 + "!" * 10_000,  # punctuation only
        ("word " * 400_000),  # 2 MB of words, no sentence end
    ],
)
def test_bad_input_finishes(component, body):
    a = component(Article(body=body, title="Title"))
    assert isinstance(a.parts["signals"], list)
