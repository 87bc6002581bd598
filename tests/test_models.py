"""The reliability model file format and the exactness of its explanations."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from newsaudit import Article
from newsaudit.components.segment import split_sentences
from newsaudit.errors import ModelError, ModelIntegrityError
from newsaudit.models.reliability import ReliabilityModel
from newsaudit.models.store import load_model, save_model

ARTICLES = [
    ("Council approves budget", "The council approved the budget on Monday, officials said. Police declined to comment."),
    ("You Won't Believe This!", "SHOCKING!!! Share this before it gets deleted! Wake up, people!"),
    ("", "A body with no headline at all, which the council said was fine."),
]


def _article(title: str, body: str) -> Article:
    a = Article(body=body, title=title)
    a.sentences = split_sentences(body)
    return a


def test_save_load_gives_identical_probabilities(tiny_model, tmp_path):
    model = ReliabilityModel.load(tiny_model)
    model.save(tmp_path / "copy")
    again = ReliabilityModel.load(tmp_path / "copy")
    assert np.array_equal(model.predict_proba(ARTICLES), again.predict_proba(ARTICLES))
    # Same arrays and config give the same bytes, so the same hashes.
    assert json.loads((tiny_model / "manifest.json").read_text()) == json.loads((tmp_path / "copy" / "manifest.json").read_text())


def test_model_separates_the_two_styles(tiny_model):
    p = ReliabilityModel.load(tiny_model).predict_proba(ARTICLES[:2])
    assert p[0] < 0.5 < p[1]


@pytest.mark.parametrize("title, body", ARTICLES)
def test_evidence_adds_up_to_the_logit(tiny_model, title, body):
    model = ReliabilityModel.load(tiny_model)
    part = model.explain(_article(title, body))
    ex = part["explanation"]
    assert part["bias"] + ex["listed_sum"] + ex["unlisted_sum"] == pytest.approx(part["logit"], abs=1e-9)
    # The explained logit is the one the probability comes from.
    assert part["probability_unreliable"] == pytest.approx(1 / (1 + np.exp(-part["logit"])), abs=1e-12)
    assert part["probability_unreliable"] == pytest.approx(model.predict_proba([(title, body)])[0], abs=1e-12)
    assert 0.0 <= ex["coverage"] <= 1.0


def test_evidence_offsets_point_into_the_text(tiny_model):
    title, body = ARTICLES[0]
    part = ReliabilityModel.load(tiny_model).explain(_article(title, body))
    for item in part["evidence"]:
        source = title if item["field"] == "title" else body
        assert source[item["start"] : item["end"]] == item["text"]
        for phrase in item["phrases"]:
            assert source[phrase["start"] : phrase["end"]] == phrase["text"]
            assert item["start"] <= phrase["start"] < phrase["end"] <= item["end"]


def test_all_sentences_listed_cover_everything(tiny_model):
    title, body = ARTICLES[0]  # two sentences and a title: all fit in the listed items
    part = ReliabilityModel.load(tiny_model).explain(_article(title, body))
    assert part["explanation"]["unlisted_sum"] == pytest.approx(0.0, abs=1e-12)
    assert part["explanation"]["coverage"] == pytest.approx(1.0)


def test_empty_body_is_scored_without_crashing(tiny_model):
    part = ReliabilityModel.load(tiny_model).explain(_article("Council approves budget", ""))
    # Only the headline carries features, so it is the only evidence.
    assert [item["field"] for item in part["evidence"]] == ["title"]


def test_tampered_weights_are_refused(tiny_model, tmp_path):
    copy = shutil.copytree(tiny_model, tmp_path / "m")
    data = bytearray((copy / "weights.npz").read_bytes())
    data[-40] ^= 0xFF
    (copy / "weights.npz").write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="does not match its sha256"):
        ReliabilityModel.load(copy)


def test_tampered_config_is_refused(tiny_model, tmp_path):
    copy = shutil.copytree(tiny_model, tmp_path / "m")
    config = json.loads((copy / "config.json").read_text())
    config["intercept"] += 1.0
    (copy / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelIntegrityError):
        ReliabilityModel.load(copy)


def test_missing_model_directory_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="manifest.json is missing"):
        ReliabilityModel.load(tmp_path / "nowhere")


def test_object_arrays_cannot_be_saved(tmp_path):
    # An object array would need pickle to load: the store refuses to write one.
    with pytest.raises(ModelError, match="dtype object"):
        save_model(tmp_path, {}, {"bad": np.array([{"a": 1}], dtype=object)})


def test_store_round_trip(tmp_path):
    save_model(tmp_path, {"kind": "x", "n": 3}, {"w": np.arange(3.0)})
    config, arrays, manifest = load_model(tmp_path)
    assert config == {"kind": "x", "n": 3}
    assert arrays["w"].tolist() == [0.0, 1.0, 2.0]
    assert set(manifest["files"]) == {"config.json", "weights.npz"}


def test_too_little_text_is_uncertain_whatever_the_probability(tiny_model):
    model = ReliabilityModel.load(tiny_model)
    short = _article("You Won't Believe This!", "SHOCKING!!! Share this before it gets deleted!")
    part = model.explain(short)
    assert part["probability_unreliable"] > 0.5
    assert (part["label"], part["words_read"]) == ("uncertain", 7)
    assert "fewer than 30" in part["explanation"]["note"]
    # The batch path applies the same rule.
    assert model.scores([short])[0]["label"] == "uncertain"


def test_enough_text_gets_a_verdict(tiny_model):
    body = " ".join(["SHOCKING!!! Share this before it gets deleted! Wake up, people!"] * 4)
    part = ReliabilityModel.load(tiny_model).explain(_article("You Won't Believe This!", body))
    assert part["words_read"] == 40
    assert part["label"] == "unreliable"
