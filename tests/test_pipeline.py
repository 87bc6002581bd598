from __future__ import annotations

import json

import pytest

import newsaudit
from newsaudit import Article, Comment
from newsaudit.errors import PipelineError
from newsaudit.pipeline import Pipeline


class _Echo:
    name = "echo"
    requires = ("sentences",)
    assigns = ("echo",)

    def __call__(self, article):
        article.parts["echo"] = {"n": len(article.sentences)}
        return article


class _Broken:
    name = "broken"
    requires = ()
    assigns = ()

    def __call__(self, article):
        return None


def test_a_requirement_no_earlier_component_assigns_is_refused():
    with pytest.raises(PipelineError, match="requires \\['sentences'\\]"):
        Pipeline([_Echo()])


def test_a_component_returning_none_is_an_error():
    with pytest.raises(PipelineError, match="returned None"):
        Pipeline([_Broken()])(Article(body="x"))


class _Tally:
    """Counts the marks earlier runs left on an article, and fails on the body "boom"."""

    name = "tally"
    requires = ()
    assigns = ("tally",)

    def __call__(self, article):
        if article.body == "boom":
            raise ValueError("boom")
        article.parts["tally"] = article.parts.get("tally", 0) + 1
        return article


def test_reports_or_errors_isolates_the_article_a_component_fails_on():
    articles = [Article(body=b) for b in ("one", "boom", "two")]
    out = Pipeline([_Tally()]).reports_or_errors(articles)
    assert isinstance(out[1], ValueError) and str(out[1]) == "boom"
    # The others ran again from their input fields: the half-done batch left no mark on their reports.
    assert [r.to_dict()["tally"] for r in (out[0], out[2])] == [1, 1]
    assert [r.to_dict()["tally"] for r in Pipeline([_Tally()]).reports_or_errors([Article(body="a")])] == [1]


def test_pipe_agrees_with_call(tiny_model):
    nlp = newsaudit.load(tiny_model)
    texts = [
        "Council approves budget\n\nThe council approved the budget on Monday, officials said.",
        "You Won't Believe This!\n\nSHOCKING!!! Share this before it gets deleted!",
        "Short one\n\nPolice declined to comment.",
    ]
    one_by_one = [nlp(t).to_dict() for t in texts]
    assert [r.to_dict() for r in nlp.pipe(texts, batch_size=2)] == one_by_one


def test_report_schema_and_parts(tiny_model):
    nlp = newsaudit.load(tiny_model)
    article = Article(
        body="The council approved the budget on Monday, officials said.",
        title="Council approves budget",
        url="https://www.example.org/news/1",
        comments=[Comment("Good news.", author="Ann")],
    )
    report = nlp(article).to_dict()
    assert report["schema"] == "newsaudit.report/1"
    assert report["title"] == "Council approves budget"
    assert report["domain"] == "example.org"
    (comment,) = report["comments"]
    assert (comment["author"], comment["text"], comment["flags"]) == ("Ann", "Good news.", [])
    assert set(comment["scores"]) == {"toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack"}
    assert report["thread"]["comments"] == 1
    assert report["reliability"]["label"] in {"reliable", "unreliable", "uncertain"}
    assert {"quotes", "claims", "signals", "source"} <= set(report)
    json.dumps(report)  # plain data all the way down


def test_prior_shifts_the_logit_only(tiny_model):
    text = "Council approves budget\n\nThe council approved the budget on Monday, officials said."
    base = newsaudit.load(tiny_model)(text)["reliability"]
    low = newsaudit.load(tiny_model, prior=0.1)(text)["reliability"]
    assert low["probability_unreliable"] < base["probability_unreliable"]
    # Evidence is unchanged; the difference sits in the bias, so the sum still holds.
    assert [e["contribution"] for e in low["evidence"]] == [e["contribution"] for e in base["evidence"]]
    assert low["bias"] + low["explanation"]["listed_sum"] + low["explanation"]["unlisted_sum"] == pytest.approx(low["logit"])


def test_prior_outside_zero_one_is_refused(tiny_model):
    with pytest.raises(ValueError, match="prior"):
        newsaudit.load(tiny_model, prior=1.0)


def test_load_without_a_model_is_a_clear_error(tmp_path):
    with pytest.raises(newsaudit.ModelError, match="no reliability model"):
        newsaudit.load(tmp_path / "missing")


def test_scores_without_evidence_equal_the_explained_ones(tiny_model):
    texts = [
        "Council approves budget\n\nThe council approved the budget on Monday, officials said.",
        "You Won't Believe This!\n\nSHOCKING!!! Share this before it gets deleted!",
        "Only a headline",
    ]
    full = [r["reliability"] for r in newsaudit.load(tiny_model).pipe(texts)]
    fast = [r["reliability"] for r in newsaudit.load(tiny_model, evidence=False).pipe(texts, batch_size=2)]
    assert [f["probability_unreliable"] for f in fast] == pytest.approx([f["probability_unreliable"] for f in full], abs=1e-12)
    assert [f["label"] for f in fast] == [f["label"] for f in full]
    assert "evidence" not in fast[0]
