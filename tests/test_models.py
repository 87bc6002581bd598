"""The reliability model file format and the exactness of its explanations."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from newsaudit import Article
from newsaudit.components.segment import split_sentences
from newsaudit.errors import ModelError, ModelIntegrityError
from newsaudit.features.keytable import KeyTable
from newsaudit.features.ngrams import NgramVectorizer, TokenCache, sort_with_order, unique_counts
from newsaudit.features.stream import StreamEncoder
from newsaudit.features.style import style_features
from newsaudit.features.tokens import TOKEN, tokenize
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


# -- the batched reading behind the explanations ----------------------------------------------------

# Texts that exercise the layout: runs of spaces, line breaks, a no-break space inside a chunk,
# one-letter words (chunks without tokens), the marker characters themselves, empty texts.
AWKWARD = [
    ("Kerry’s “big” day", ("Mr. Kerry met the U.S. envoy.  He left at 5 p.m.\n\nThen?\tYes:\u00a0a deal. "
                           "I am  here.")),
    ("", "A body with no headline. It has two sentences."),
    ("Only a headline", ""),
    ("Null \x00 in a title", "A body with a \x00 null and \x01 marks.\x01 And more \x00text here."),
    ("\x01", "\x00 \x01 \x00"),
    ("Greek αβγ ½ ²", "Ünïcödé «yes» — “maybe”! 12,000 $5.\u2028Next line\u3000here. 😀 emoji too."),
]


def test_explain_many_equals_one_at_a_time(tiny_model):
    model = ReliabilityModel.load(tiny_model)
    long_body = " ".join(["SHOCKING!!! Share this before it gets deleted!"] * 200)  # past max_chars, mid-sentence
    articles = [_article(t, b) for t, b in ARTICLES + AWKWARD + [("Long one", long_body), ("", "")]]
    assert model.explain_many(articles) == [model.explain(a) for a in articles]


def test_batch_scores_agree_with_the_explained_logits(tiny_model):
    model = ReliabilityModel.load(tiny_model)
    articles = [_article(t, b) for t, b in ARTICLES + AWKWARD]
    for part, score in zip(model.explain_many(articles), model.scores(articles)):
        assert score["logit"] == pytest.approx(part["logit"], abs=1e-9)
        assert (score["label"], score["words_read"]) == (part["label"], part["words_read"])


def test_batch_style_rows_equal_style_features(tiny_model):
    model = ReliabilityModel.load(tiny_model)
    pairs = ARTICLES + AWKWARD
    enc = model._encode([(t, [b]) for t, b in pairs])
    raw, _ = model._style_rows(enc, [t for t, _ in pairs], [b for _, b in pairs])
    for row, (title, body) in zip(raw, pairs):
        assert np.array_equal(row, style_features(title, body))


def test_stream_holds_the_tokenizer_s_tokens_and_their_places():
    tokens: list[str] = []
    code = TokenCache(lambda t: tokens.append(t) or len(tokens) - 1)  # token -> its index in ``tokens``
    articles = [(title, [s.text for s in split_sentences(body)]) for title, body in AWKWARD]
    stream = StreamEncoder(code.__getitem__).encode(articles)
    real = np.flatnonzero(stream.codes >= 0)  # separators left out
    starts, ends = stream.char_spans(real)
    texts = [text for title, body in articles for text in [title, *body]]
    expected = [(k, m.group(), m.span()) for k, text in enumerate(texts) for m in TOKEN.finditer(text)]
    got = [(p, tokens[c], (s, e)) for p, c, s, e in zip(stream.piece[real], stream.codes[real], starts, ends)]
    assert got == expected
    # Lower-case ids are equal exactly where the lower-cased tokens are.
    lower = stream.lower(real)
    forms = [tokens[c].lower() for c in stream.codes[real]]
    assert all((lower[i] == lower[j]) == (forms[i] == forms[j]) for i in range(len(forms)) for j in range(len(forms)))
    assert stream.headline_piece.tolist() == np.cumsum([0] + [len(body) + 1 for _, body in articles]).tolist()


def test_key_table_finds_exactly_its_keys():
    rng = np.random.default_rng(0)
    for n in (0, 1, 7, 5000):
        keys = np.unique(rng.integers(0, 2**50, n))
        columns = rng.permutation(len(keys))
        table = KeyTable(keys, columns)
        needles = rng.permutation(np.concatenate([keys, rng.integers(0, 2**50, 3 * n + 1), keys[: n // 2]]))
        expected = dict(zip(keys.tolist(), columns.tolist()))
        assert table.find(needles).tolist() == [expected.get(k, -1) for k in needles.tolist()]


def test_sort_with_order_is_a_stable_sort():
    rng = np.random.default_rng(1)
    empty, negative = np.zeros(0, dtype=np.int64), np.array([-3, 5, -3])
    samples = (empty, rng.integers(0, 50, 1000), rng.integers(0, 2**60, 100), negative)
    for values in samples:
        order, ordered = sort_with_order(values)
        assert order.tolist() == np.argsort(values, kind="stable").tolist()
        assert ordered.tolist() == np.sort(values).tolist()
    values = rng.integers(0, 1000, 5000)
    keys, counts, inverse = unique_counts(values, with_inverse=True, bound=1000)
    ref_keys, ref_inverse, ref_counts = np.unique(values, return_inverse=True, return_counts=True)
    assert keys.tolist() == ref_keys.tolist()
    assert counts.tolist() == ref_counts.tolist()
    assert inverse.tolist() == ref_inverse.tolist()


def test_hits_through_the_hash_table_match_every_vocabulary_ngram():
    # Enough units that bigram keys outgrow a direct table and go through a KeyTable.
    rng = np.random.default_rng(2)
    units = [f"w{i}" for i in range(3000)]
    bigrams = {f"{units[a]} {units[b]}" for a, b in rng.integers(0, 3000, (4000, 2))}
    vocabulary = {g: k for k, g in enumerate(sorted(set(units[:2000]) | bigrams))}
    vec = NgramVectorizer(vocabulary, np.ones(len(vocabulary)), n_max=2)
    assert any(isinstance(t, KeyTable) for t in vec._tables)
    words = [units[i] for i in rng.integers(0, 3000, 20000)]
    for k in range(0, 20000, 7):  # plant known bigrams
        a, b = rng.choice(sorted(bigrams)).split(" ")
        words[k : k + 2] = [a, b]
    tokens = " ".join(words).replace("w1 ", "w1 , ").split(" ")  # punctuation breaks some bigrams
    cols, first, size = vec.hits(tokens)
    expected = sorted(
        (n, i, vocabulary[" ".join(tokens[i : i + n])])
        for n in (1, 2) for i in range(len(tokens) - n + 1) if " ".join(tokens[i : i + n]) in vocabulary
    )
    assert sorted(zip(size.tolist(), first.tolist(), cols.tolist())) == expected
    assert tokenize("w1 , w2") == ["w1", ",", "w2"]


def test_a_full_chunk_cache_starts_afresh_without_changing_results(tiny_model):
    model = ReliabilityModel.load(tiny_model)
    articles = [_article(t, b) for t, b in ARTICLES + AWKWARD]
    expected = model.explain_many(articles)
    model._stream.max_chunks = 5  # replaced before nearly every batch
    assert [model.explain_many([a])[0] for a in articles] == expected
    assert model.explain_many(articles) == expected
