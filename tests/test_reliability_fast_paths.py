"""The reliability model's fast paths give exactly what the plain computations give."""

from __future__ import annotations

import numpy as np
import pytest

from newsaudit.features import stream as stream_module
from newsaudit.features.ngrams import TokenCache
from newsaudit.features.stream import StreamEncoder, _ChunkIndex, chunk_bounds, chunk_hashes, code_points

TRICKY = [
    ("Kerry’s “big” day", ["Kerry's remarks: 20 people in Málaga!", "Don't  stop — it's 5 p.m.  "]),
    ("", ["", " ", "  leading and trailing  "]),
    ("Emoji 😀 and a lone \ud800 surrogate", ["Combining e\u0301 and \u3000 ideographic space.\u2028Next line"]),
    ("Very long word", ["x" * 10_000 + " short " + "ab" * 3_000]),
    ("Ünïcödé ½ ² Ⅻ", ["Greek αβγ text. ½ of ² people said «yes» — “maybe”! 12,000 $5."]),
    ("Tab\tand\nnewline", ["Mr. Kerry met the U.S. envoy at 5 p.m. on Friday.", "He left!\n\nThen?"]),
]
#: Marker characters as chunks of their own: such a batch is read piece by piece.
MARKERS = [("Null\x00in title", ["A body with a \x00 null and \x01 marks.", "\x00", "\x01 \x00"])]


@pytest.fixture(autouse=True)
def index_every_text(monkeypatch):
    """These texts are short: let the chunk index read them all the same, and count its reads."""
    monkeypatch.setattr(stream_module, "_MIN_INDEXED_TEXT", 0)
    reads = []
    find = _ChunkIndex.find
    monkeypatch.setattr(_ChunkIndex, "find", lambda self, *args: reads.append(1) or find(self, *args))
    return reads


def _encoder() -> StreamEncoder:
    codes = TokenCache(lambda token: sum(map(ord, token)) % 1000)
    return StreamEncoder(codes.__getitem__)


def _fields(stream) -> list[list[int]]:
    real = np.flatnonzero(stream.codes >= 0)
    starts, ends = stream.char_spans(real)
    return [
        stream.codes.tolist(), stream.piece.tolist(), stream.headline_piece.tolist(), stream._records.tolist(),
        stream._record_of.tolist(), stream.lower(real).tolist(), starts.tolist(), ends.tolist(),
    ]


def test_code_points_count_characters_as_str_indexing_does():
    for text in ["", "plain", "😀x", "lone \ud800 surrogate", "\u3000\u2028"]:
        codes = code_points(text)
        assert codes.tolist() == [ord(c) for c in text]


def test_chunk_bounds_are_those_of_split_at_single_spaces():
    for text in ["", " ", "a  b ", "one", " x\ty z  😀 "]:
        starts, ends = chunk_bounds(code_points(text))
        assert [text[s:e] for s, e in zip(starts.tolist(), ends.tolist())] == text.split(" ")


def test_chunk_hash_depends_on_the_chunk_alone():
    chunks = ["", "\x00", "\x01", "The", "She", "Kerry’s", "😀", "x" * 5000, "ab", "ba", "a\ud800"]
    codes = code_points(" ".join(chunks))
    starts, ends = chunk_bounds(codes)
    together = chunk_hashes(codes, starts, ends).tolist()
    alone = [chunk_hashes(code_points(c), np.array([0]), np.array([len(c)]))[0] for c in chunks]
    assert together == alone
    assert all(h >= 0 for h in together)
    assert len(set(together)) == len(chunks)  # not promised, but these must not collide


def test_indexed_chunks_give_the_records_of_the_cache(index_every_text):
    encoder = _encoder()
    plain = _fields(encoder.encode(TRICKY))
    cache = encoder._chunks
    assert cache.index is None  # too few chunks to index
    cache.index = _ChunkIndex.build(cache)
    assert _fields(encoder.encode(TRICKY)) == plain
    assert index_every_text  # read through the index
    # New chunks among indexed ones: the index finds some, the cache the others.
    more = [("New words here", ["Unseen chunks Kerry’s and 😀 mixed in."])]
    mixed = encoder.encode(TRICKY + more)
    again = encoder.encode(TRICKY + more)
    assert _fields(mixed) == _fields(again)
    assert _fields(mixed)[3][: len(plain[3]) - 1] == plain[3][:-1]  # the last record is the final SEP


def test_marker_characters_in_the_text_with_an_index():
    encoder = _encoder()
    plain = _fields(encoder.encode(TRICKY + MARKERS))
    encoder._chunks.index = _ChunkIndex.build(encoder._chunks)
    assert _fields(encoder.encode(TRICKY + MARKERS)) == plain


def test_a_hash_collision_only_sends_chunks_the_slow_way(monkeypatch):
    encoder = _encoder()
    plain = _fields(encoder.encode(TRICKY))
    # Every chunk hashes alike: the index's one candidate is checked and mostly rejected.
    same_hash = lambda codes, starts, ends: np.zeros(len(starts), dtype=np.int64)  # noqa: E731
    monkeypatch.setattr(stream_module, "chunk_hashes", same_hash)
    encoder._chunks.index = _ChunkIndex.build(encoder._chunks)
    assert _fields(encoder.encode(TRICKY)) == plain


def test_the_index_is_built_once_the_cache_grows():
    encoder = _encoder()
    words = [f"w{i}" for i in range(3000)]
    articles = [("Headline", [" ".join(words[k : k + 100])]) for k in range(0, 3000, 100)]
    first = _fields(encoder.encode(articles))
    index = encoder._chunks.index
    assert index is not None and index.size == len(encoder._chunks)
    assert _fields(encoder.encode(articles)) == first
    assert encoder._chunks.index is index  # nothing new: not rebuilt


@pytest.mark.parametrize("text", ["", "   ", "a" * 70_000, "word " * 5000])
def test_long_and_empty_texts_through_the_index(text):
    encoder = _encoder()
    articles = [("T", [text]), ("", [])]
    plain = _fields(encoder.encode(articles))
    encoder._chunks.index = _ChunkIndex.build(encoder._chunks)
    assert _fields(encoder.encode(articles)) == plain


def test_places_equal_repeated_shifts_plus_positions():
    from newsaudit.features.stream import _places

    rng = np.random.default_rng(3)
    for text in ["", "a", "a ", " a", "ab  cd e ", "one two three", "x " * 50]:
        starts, ends = chunk_bounds(code_points(text))
        shift = rng.integers(-100, 100, len(starts))
        expected = np.repeat(shift, ends - starts + 1)[: len(text)] + np.arange(len(text))
        assert _places(shift, starts, len(text)).tolist() == expected.tolist()


def test_head_vocabulary_counts_distinct_words_per_article():
    from newsaudit.features.style import HEAD_WORDS, head_vocabulary

    rng = np.random.default_rng(4)
    doc_of_word = np.sort(rng.integers(0, 5, 2000))
    word_ids = rng.integers(0, 400, 2000)
    for n_docs, ids in ((5, word_ids), (5, word_ids + 2**40)):  # the second too large for int32 keys
        distinct, words = head_vocabulary(doc_of_word, ids, n_docs)
        for d in range(n_docs):
            head = ids[doc_of_word == d][:HEAD_WORDS].tolist()
            assert (distinct[d], words[d]) == (len(set(head)), len(head))


def test_batch_ngram_sums_equal_the_per_article_features():
    from pathlib import Path

    from newsaudit.features.tokens import tokenize
    from newsaudit.models.reliability import ReliabilityModel

    model = ReliabilityModel.load(Path(__file__).resolve().parents[1] / "src/newsaudit/models/data/reliability")
    pairs = [(t, b) for t, bodies in TRICKY for b in bodies] + [
        ("Council approves budget", "The council approved the budget on Monday, officials said. Police said so!"),
        ("SHOCKING!!!", "You won't believe this. Share it! Share it! Share it before it is deleted!!!"),
    ]
    enc = model._encode([(t, [b]) for t, b in pairs])
    sums = model._occurrences(enc, 1.0).doc_sums
    w_end = model.words.n_features
    for got, (title, body) in zip(sums.tolist(), pairs):
        idx, values = model.words.transform(model.word_tokens(tokenize(title), tokenize(body)))
        expected = float(model.coef_[idx] @ values)
        idx, values = model.patterns.transform(tokenize(body))
        expected += float(model.coef_[w_end + idx] @ values)
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_hash_powers_are_inverse_modulo_2_to_the_64():
    from newsaudit.features.stream import _HASH_BASE, _powers

    up, down = _powers(70_000)
    assert len(up) > 70_000
    assert (up[:70_001] * down[:70_001] == 1).all()  # uint64 products wrap modulo 2^64
    assert int(up[3]) == _HASH_BASE**3 % 2**64


def test_short_texts_skip_the_index(monkeypatch, index_every_text):
    monkeypatch.setattr(stream_module, "_MIN_INDEXED_TEXT", 16_384)
    short = [article for article in TRICKY if article[0] != "Very long word"]  # a few hundred characters
    encoder = _encoder()
    plain = _fields(encoder.encode(short))
    encoder._chunks.index = _ChunkIndex.build(encoder._chunks)
    assert _fields(encoder.encode(short)) == plain
    assert not index_every_text
    long_batch = short * 60  # over 16,384 characters laid out
    assert _fields(encoder.encode(long_batch))[0] == _fields(_encoder().encode(long_batch))[0]
    assert index_every_text


def test_texts_over_the_limit_skip_the_index_and_keep_no_hash_powers(monkeypatch, index_every_text):
    # A batch of very long articles would make the index's arrays (and the powers it keeps) huge.
    monkeypatch.setattr(stream_module, "_MAX_INDEXED_TEXT", 2_000)
    batch = TRICKY * 20
    encoder = _encoder()
    plain = _fields(encoder.encode(batch))
    encoder._chunks.index = _ChunkIndex.build(encoder._chunks)  # sized by the cache, not by the batch
    monkeypatch.setattr(stream_module, "_powers_cache", (np.ones(1, dtype=np.uint64),) * 2)
    assert _fields(encoder.encode(batch)) == plain
    assert not index_every_text
    assert len(stream_module._powers_cache[0]) == 1
