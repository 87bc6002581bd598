"""The shipped comment model on comments we wrote: what it flags, what it leaves alone, exact spans."""

from __future__ import annotations

import numpy as np
import pytest

from newsaudit.article import Article, Comment
from newsaudit.components.toxicity import Toxicity
from newsaudit.loading import MODELS_DIR
from newsaudit.models.toxicity import HEADS, ToxicityModel


@pytest.fixture(scope="module")
def toxicity() -> Toxicity:
    return Toxicity(ToxicityModel.load(MODELS_DIR / "toxicity"))


THREAD = [
    Comment("Thanks for the clear write-up.", author="Ann"),
    Comment("He should be dragged out and hanged by the neck in the town square.", author="Bo"),
    Comment("You are a pathetic idiot and a moron.", author="Cy"),
    Comment("Interesting.", author="Di"),
    Comment("I doubt the numbers in the third paragraph.", author="Ed"),
    Comment("Good point, agreed.", author="Fay"),
]


def test_a_call_for_a_hanging_has_the_highest_threat_score_in_the_thread(toxicity):
    scored = toxicity.moderate(THREAD)["comments"]
    threat = [c["scores"]["threat"] for c in scored]
    assert int(np.argmax(threat)) == 1
    assert "threat" in scored[1]["flags"]
    spans = [s["text"] for s in scored[1]["spans"]["threat"]]
    assert "by the neck" in spans


def test_plain_insults_score_as_insults(toxicity):
    scored = toxicity.moderate(THREAD)["comments"]
    assert "insult" in scored[2]["flags"]
    assert {"idiot", "moron"} & {s["text"].lower() for s in scored[2]["spans"]["insult"]}


def test_short_harmless_comments_stay_below_every_threshold(toxicity):
    scored = toxicity.moderate(THREAD)["comments"]
    for i in (0, 3, 4, 5):
        assert scored[i]["flags"] == [], scored[i]


@pytest.mark.parametrize(
    "text",
    [
        "I am a Muslim and I disagree with this article.",
        "As a gay man and a Christian, I found the piece fair.",
        "My neighbours are Mexican immigrants and they run the bakery.",
        "Mohammed and Sarah both said the same at the meeting.",
        "Jewish and Arab students organised the debate together.",
        "Two soldiers were killed in the attack, the article says; awful news.",
    ],
)
def test_mentioning_who_people_are_is_not_toxic(toxicity, text):
    (scored,) = toxicity.moderate([Comment(text)])["comments"]
    assert scored["flags"] == []
    assert scored["scores"]["identity_attack"] < 0.5


def test_contributions_add_up_to_the_logit(toxicity):
    model = toxicity.model
    texts = ["You are a pathetic idiot.", "", "They should be hanged by the neck!", "ok"]
    scored = model.score(texts)
    for i in range(len(texts)):
        contributions = model.token_contributions(scored, i)
        from newsaudit.moderation.rules import boosts

        extra = np.zeros(len(HEADS))
        for head, value in boosts(scored.rules[i]).items():
            extra[HEADS.index(head)] += value
        base = model.bias * model.calibration[:, 0] + model.calibration[:, 1]
        np.testing.assert_allclose(base + contributions.sum(axis=0) + extra, scored.logits[i], atol=1e-9)


def test_batch_scores_equal_one_at_a_time(toxicity):
    texts = ["You idiot.", "", "Nice photo of the bridge.", "hang them all", "🙂"]
    together = toxicity.model.predict_proba(texts)
    alone = np.vstack([toxicity.model.predict_proba([t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-12)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "🙂🙂🔥", "a" * 100_000, "you idiot " * 10_000, "null\x00bytes\x07and\x1bcontrol", "\u200b\u200b"],
)
def test_odd_comments_do_not_crash(toxicity, text):
    (scored,) = toxicity.moderate([Comment(text)])["comments"]
    assert set(scored["scores"]) == set(HEADS)
    assert all(0.0 <= v <= 1.0 for v in scored["scores"].values())


def test_other_languages_are_marked_and_their_scores_labelled_less_reliable(toxicity):
    texts = [
        "Das ist ein sehr guter Artikel über die Wirtschaft und die Regierung.",
        "Este artículo explica muy bien la situación política del país.",
    ]
    scored = toxicity.moderate([Comment(t) for t in texts])["comments"]
    assert [c["language"] for c in scored] == ["de", "es"]
    assert [c["scores_reliable"] for c in scored] == [False, False]
    (english,) = toxicity.moderate([Comment("This is a very good article about the economy.")])["comments"]
    assert (english["language"], english["scores_reliable"]) == ("en", True)


def test_thresholds_can_be_overridden(toxicity):
    strict = Toxicity(toxicity.model, thresholds={"toxicity": 0.0})
    (scored,) = strict.moderate([Comment("Nice photo of the bridge.")])["comments"]
    assert "toxicity" in scored["flags"]
    with pytest.raises(ValueError, match="unknown head"):
        Toxicity(toxicity.model, thresholds={"rudeness": 0.5})


def test_the_component_fills_comments_and_thread(toxicity):
    article = Article(body="The bridge reopens on Monday.", comments=THREAD[:3])
    toxicity(article)
    assert [c["author"] for c in article.parts["comments"]] == ["Ann", "Bo", "Cy"]
    thread = article.parts["thread"]
    assert thread["comments"] == 3
    assert thread["flagged"] == 2
    assert thread["most_severe"][0]["author"] in {"Bo", "Cy"}
    assert {a["author"] for a in thread["flagged_authors"]} == {"Bo", "Cy"}


def test_scoring_from_many_threads_at_once_gives_the_single_thread_scores():
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"comment {i} with a new word zq{i}x and you idiot number {i * 7}" for i in range(400)]
    expected = ToxicityModel.load(MODELS_DIR / "toxicity").predict_proba(texts)
    shared = ToxicityModel.load(MODELS_DIR / "toxicity")  # a fresh, empty token cache
    batches = [texts[i : i + 5] for i in range(0, len(texts), 5)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(shared.predict_proba, batches))
    np.testing.assert_allclose(np.vstack(results), expected, atol=1e-12)
