"""The speed-ups of the comment model give exactly what the plain code gives."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from newsaudit.features.keytable import KeyTable
from newsaudit.features.subwords import (
    _TOKEN,
    TOKEN,
    batch_char_keys,
    batch_tokens,
    char_keys,
    token_offsets,
    token_spans,
    tokens,
)
from newsaudit.loading import MODELS_DIR
from newsaudit.models.toxicity import HEADS, ToxicityModel
from newsaudit.moderation.rules import _GROUP, _VIOLENT, needed_literals

TRICKY = [
    "f**k you", "f***", "a**b**", "ab*c*", "don't", "word's'", "x_y y", "__init__", "e-mail@home.com",
    "naïve café", "İstanbul", "I’m", "$$$money$$$", "a*'b'", "k.y.s", "ÀÉÎ õü", "123abc456", "日本語のテキスト",
]


def _random_texts(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    alphabet = "abcXYZ019 _*$@'’-.!éİß\n"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(n)]


@pytest.mark.parametrize("text", TRICKY + _random_texts(300))
def test_the_fast_token_pattern_matches_exactly_what_the_plain_one_does(text):
    assert [m.span() for m in TOKEN.finditer(text)] == [m.span() for m in re.finditer(_TOKEN, text)]


def test_batch_tokens_equal_tokens_of_each_text():
    texts = TRICKY + _random_texts(100, seed=1) + ["", "  "]
    flat, counts = batch_tokens(texts)
    assert counts == [len(tokens(t)) for t in texts]
    assert flat == [tok for t in texts for tok in tokens(t)]


def test_batch_tokens_survives_a_comment_holding_the_separator():
    from newsaudit.features.subwords import _SEPARATOR

    texts = ["one two", f"odd {_SEPARATOR} word", "three"]
    assert batch_tokens(texts) == (["one", "two", "odd", _SEPARATOR, "word", "three"], [2, 3, 1])


@pytest.mark.parametrize("text", TRICKY + _random_texts(200, seed=2))
def test_token_offsets_equal_token_spans(text):
    toks = tokens(text)
    assert token_offsets(text, toks, len(toks)) == token_spans(text)
    assert token_offsets(text, toks, 2) == token_spans(text, 2)


def test_batch_char_keys_equal_char_keys_of_each_token_in_order():
    # Repeated n-grams ("haha", "aaaa"), tokens at and over the 30-character cut, one-letter tokens, and
    # tokens outside ASCII (hashed one by one) mixed in among ASCII ones.
    toks = ["haha", "aaaa", "a", "ab", "x" * 29, "y" * 30, "zq" * 40, "naïve", "f*ck", "don't", "it’s",
            "mississippi", "日本語", "e\u0301", "ß"] + [t for text in _random_texts(200, seed=2) for t in tokens(text)]
    for sample in (toks, toks[:1], ["only", "ascii", "tokens"], ["é", "ü"]):
        keys, counts = batch_char_keys(sample)
        assert keys.dtype == np.uint32
        assert counts.tolist() == [len(char_keys(t)) for t in sample]
        assert keys.tolist() == [k for t in sample for k in char_keys(t)]
    assert batch_char_keys([])[0].size == 0


def test_key_table_finds_every_32_bit_key_and_nothing_else():
    rng = np.random.default_rng(0)
    keys = np.unique(rng.integers(0, 2**32, 5000, dtype=np.uint64).astype(np.uint32))
    index = KeyTable(keys.astype(np.int64), np.arange(len(keys)), room=4)
    assert index.find(keys).tolist() == list(range(len(keys)))
    absent = np.setdiff1d(rng.integers(0, 2**32, 5000, dtype=np.uint64).astype(np.uint32), keys)
    assert (index.find(absent) == -1).all()
    assert index.find(np.array([], dtype=np.uint32)).tolist() == []


def test_strongest_tokens_are_the_top_of_a_plain_stable_sort():
    model = ToxicityModel.load(MODELS_DIR / "toxicity")
    texts = ["you idiot idiot moron", "", "hang him by the neck you traitor", "nice", "stupid stupid stupid"]
    scored = model.score(texts)
    wanted = np.ones((len(texts), len(HEADS)), dtype=bool)
    strongest = model.strongest_tokens(scored, wanted, 3)
    for i in range(len(texts)):
        contributions = model.token_contributions(scored, i)
        for j in range(len(HEADS)):
            if not len(contributions):
                assert (i, j) not in strongest
                continue
            order = np.argsort(-contributions[:, j], kind="stable")[:3]
            assert strongest[(i, j)] == (order.tolist(), contributions[order, j].tolist())


@pytest.mark.parametrize("rule", [r for r in _VIOLENT + _GROUP if r.needs], ids=lambda r: r.pattern.pattern[:30])
def test_each_rule_only_skips_windows_it_cannot_match(rule):
    # Every match must hold one of the strings the screen looks for.
    samples = {
        "should be hanged", "let's kill them", "Hang him", "kill them all", "die in a fire", "by the neck",
        "string him up", "the gallows", "deserves a bullet", "should die", "hope you die", "a bullet in",
        "against the wall", "death to", "i will find you", "kill yourself", "kys", "muslims are vermin",
        "these immigrants should be deported", "deport all the migrants", "go back to your country",
        "filthy jews", "gays are animals", "we'll hunt you", "I'll break your",
    }
    matched = [m.group() for text in samples for m in rule.pattern.finditer(text.lower())]
    assert matched
    assert all(any(n in m for n in rule.needs) for m in matched)


def test_needed_literals_reads_alternations_and_optional_letters():
    assert needed_literals(r"\bby the neck\b") == ("by the neck",)
    assert needed_literals(r"\b(?:should|must) die\b") == (" die",)
    assert needed_literals(r"\bdeath to\b|\bkys\b") is None
