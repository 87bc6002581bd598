"""A batch of articles as one token stream, tokenized in one pass.

Calling the tokenizer once per sentence and looking every token up in a dict cost
more than all the model's arithmetic. Instead the batch is laid out as one text
(per article: headline, :data:`SEP`, the body's pieces separated by :data:`MARK`,
:data:`SEP`), split at spaces in C (``str.split(" ")``), and each space-separated
chunk (``"Kerry's,"``) is looked up once in a cache that holds the records of its
tokens as bytes. The stream is then one ``bytes.join`` and one ``np.frombuffer``,
with no Python object per token.

Looking the chunks up one by one still cost as much as the numeric work after it:
each chunk split off is a new string whose hash Python computes, and a cache of
10^5 entries misses the CPU caches. Once the cache has grown, its chunks are also
kept as arrays (:class:`_ChunkIndex`): the batch's chunks are hashed with numpy
(a polynomial hash of their code points), found in a
:class:`~newsaudit.features.keytable.KeyTable`, and checked character by character
against the cached chunk, so a hash collision can only send a chunk the slow way,
never give it another chunk's records. Chunks the index lacks go through the cache.

That is the tokenizer's own output: a token never contains a space, so the tokens
of the chunks, in order, are the tokens of the text; a marker between spaces is a
chunk, and a token, of its own. And since chunks are separated by exactly one
space, where each chunk, and so each token, lies in the text follows from the
chunks' lengths, which the records carry.

:data:`SEP` stays in the stream as a break between headline and body and between
articles; :data:`MARK` only says where a body piece (a sentence) ends, and is dropped.
A text holding a marker character as a chunk of its own is read piece by piece
instead, the markers placed by position, so any text gives the tokenizer's tokens.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .keytable import KeyTable
from .tokens import TOKEN

SEP = "\x00"
MARK = "\x01"
#: Token codes of the two markers; the codes of real tokens are >= 0.
SEP_CODE = -1
MARK_CODE = -2
_EMPTY_CODE = -3  # stands for a chunk without tokens ("a", ""), so that every chunk has a record
_JOIN = 3  # characters between two pieces in the layout: " \x00 " or " \x01 "
_FIELDS = 4  # int64 per record: code, lower-case id, place in the chunk, chunk length + 1 (first record only)
_RECORD_BYTES = 8 * _FIELDS
_SPACE = ord(" ")
_HASH_BASE = 0x100000001B3  # odd, so it has an inverse modulo 2^64
_LENGTH_MIX = np.uint64(0xC2B2AE3D27D4EB4F)  # the length enters the hash: "" and "\x00" differ
_SIGN_MASK = np.int64(2**63 - 1)  # KeyTable keys are non-negative
#: The chunk index is rebuilt once this many chunks (or a quarter of those indexed, if more) are not in it.
_MIN_NEW_CHUNKS = 1024
#: Shorter batch texts (one or two articles) go through the cache alone: the index's array
#: passes cost about 100 µs whatever the text's length, more than a few hundred lookups.
_MIN_INDEXED_TEXT = 16_384
#: Longer batch texts go through the cache alone too: the index's arrays take about 40 bytes a character
#: while they work, and the hash powers it keeps take 16 (a batch of 256 articles of 4 kB is 1M characters).
_MAX_INDEXED_TEXT = 1 << 21


@dataclass
class TokenStream:
    """The tokens of a batch, in order, with :data:`MARK` removed.

    A *piece* is a headline or one body piece; an article with ``k`` body pieces has
    ``k + 1`` pieces, its headline first. A :data:`SEP` token belongs to the piece it ends.
    """

    codes: np.ndarray  # per token: ``token_code(token)``, SEP_CODE for a separator
    piece: np.ndarray  # per token: its piece
    headline_piece: np.ndarray  # per article: the piece of its headline; then the number of pieces
    _records: np.ndarray  # every record of the layout, markers and empty chunks included
    _record_of: np.ndarray  # per token: its record
    _piece_lengths: np.ndarray  # characters of each piece's text

    def lower(self, tokens: np.ndarray) -> np.ndarray:
        """For each of ``tokens`` (indices into the stream): an id of its lower-cased form,
        equal ids for equal forms within the batch."""
        return self._records[:, 1].take(self._record_of.take(tokens))

    def char_spans(self, tokens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where each of ``tokens`` (indices into the stream) starts and ends in the text of its piece."""
        chunk_field = self._records[:, 3]
        first = chunk_field > 0  # a chunk's first record holds the chunk's length + 1
        chunk_at = np.concatenate(([0], chunk_field[first].cumsum()))
        piece_at = np.concatenate(([0], (self._piece_lengths + _JOIN).cumsum()))
        records = self._record_of.take(tokens)
        place = self._records[:, 2].take(records)
        chunk = first.cumsum().take(records) - 1
        start = chunk_at.take(chunk) + (place >> 32) - piece_at.take(self.piece.take(tokens))
        return start, start + (place & 0xFFFFFFFF)


class _ChunkRecords(dict):
    """Space-separated chunk -> the records of its tokens as int64 bytes (``_FIELDS`` per token).

    Lower-case ids come from one counter, so equal forms get equal ids for as long as
    this cache lives; :class:`StreamEncoder` replaces it (never clears it) when it grows
    large, so a batch that started with it keeps consistent ids even under threads.
    """

    def __init__(self, token_code: Callable[[str], int]) -> None:
        super().__init__()
        self.token_code = token_code
        self._lower_ids: dict[str, int] = {}
        self._next_id = itertools.count()  # next() is atomic: no two forms share an id
        #: This cache's chunks as arrays, rebuilt as it grows; replaced, never changed, so a batch can hold on to it.
        self.index: _ChunkIndex | None = None
        self[SEP] = array("q", [SEP_CODE, -1, 1, 2]).tobytes()
        self[MARK] = array("q", [MARK_CODE, -1, 1, 2]).tobytes()

    def convert(self, chunk: str) -> bytes:
        records = []
        for match in TOKEN.finditer(chunk):
            token = match.group()
            lower = self._lower_ids.setdefault(token.lower(), next(self._next_id))
            records += (self.token_code(token), lower, match.start() << 32 | len(token), 0)
        if not records:
            records = [_EMPTY_CODE, -1, 0, 0]
        records[3] = len(chunk) + 1
        return array("q", records).tobytes()

    def __missing__(self, chunk: str) -> bytes:
        value = self[chunk] = self.convert(chunk)
        return value


class StreamEncoder:
    """Turns batches of ``(headline, body pieces)`` into :class:`TokenStream` s.

    Parameters
    ----------
    token_code : callable
        A token's code (an int >= 0); called once per distinct token the cache meets.
    max_chunks : int
        A batch starts with a fresh chunk cache once the cache holds more entries than this.
    """

    def __init__(self, token_code: Callable[[str], int], max_chunks: int = 200_000) -> None:
        self.token_code = token_code
        self.max_chunks = max_chunks
        self._chunks = _ChunkRecords(token_code)

    def encode(self, articles: list[tuple[str, list[str]]]) -> TokenStream:
        chunks = self._chunks
        if len(chunks) > self.max_chunks:
            chunks = self._chunks = _ChunkRecords(self.token_code)
        table = _layout_records(chunks, _layout_text(articles)) if articles else _table(b"")
        markers = len(articles) + sum(len(body) for _, body in articles if body)
        if np.count_nonzero((table[:, 0] == SEP_CODE) | (table[:, 0] == MARK_CODE)) != markers:
            # A text holds a chunk that is a marker character: read it as text, placing the markers by position.
            table = _table(_records_by_piece(chunks, articles))
        pieces = np.array([len(body) + 1 for _, body in articles], dtype=np.int64)
        lengths = np.fromiter(map(len, _piece_texts(articles)), dtype=np.int64)
        return _stream(table, np.concatenate(([0], pieces.cumsum())), lengths)


def _layout_text(articles: list[tuple[str, list[str]]]) -> str:
    """The batch laid out as one text: per article headline, SEP, then its pieces separated
    by MARK and a SEP, when it has any; the parts joined by single spaces. Every piece is
    followed by ``_JOIN`` characters: a marker between two spaces."""
    parts: list[str] = []
    for headline, body in articles:
        parts += (headline, SEP)
        if body:
            parts += (f" {MARK} ".join(body), SEP)
    return " ".join(parts)


def _layout_records(chunks: _ChunkRecords, text: str) -> np.ndarray:
    """The records of the chunks of ``text`` (split at single spaces), in order: those the
    chunk index holds gathered from it, the others looked up in (and added to) ``chunks``."""
    index = chunks.index
    if index is None or not _MIN_INDEXED_TEXT <= len(text) <= _MAX_INDEXED_TEXT:
        table = _table(b"".join(map(chunks.__getitem__, text.split(" "))))
        _update_index(chunks)
        return table
    codes = code_points(text)
    starts, ends = chunk_bounds(codes)
    entry = index.find(codes, starts, ends)
    missed = (entry < 0).nonzero()[0]
    if not len(missed):
        return index.gather(entry)
    # Sliced from the text by code point, as str indexing counts: the chunks text.split(" ") gives.
    missing = map(text.__getitem__, map(slice, starts[missed].tolist(), ends[missed].tolist()))
    found = list(map(chunks.__getitem__, missing))
    table = index.gather(entry, missed, found)
    _update_index(chunks)
    return table


def _update_index(chunks: _ChunkRecords) -> None:
    """Rebuild the chunk index once enough of the cache's chunks are missing from it: the
    rebuilds come at sizes growing geometrically, so their cost per chunk stays bounded."""
    indexed = chunks.index.size if chunks.index is not None else 0
    if len(chunks) - indexed >= max(_MIN_NEW_CHUNKS, indexed // 4):
        chunks.index = _ChunkIndex.build(chunks)


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as uint32, one per character as ``str`` indexing counts
    (lone surrogates included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def chunk_bounds(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each chunk of a text split at single spaces (``str.split(" ")``) starts and ends."""
    spaces = (codes == _SPACE).nonzero()[0]
    return np.concatenate(([0], spaces + 1)), np.concatenate((spaces, [len(codes)]))


_powers_cache: tuple[np.ndarray, np.ndarray] = (np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``BASE**i`` and ``BASE**-i`` modulo 2^64 for ``i <= n`` (at least), kept for the next call.

    They grow to the longest batch text seen (16 bytes a character), in steps of 2^16.
    """
    global _powers_cache
    up, down = _powers_cache
    if len(up) <= n:
        size = (n >> 16) + 1 << 16
        up = np.full(size, _HASH_BASE, dtype=np.uint64)
        down = np.full(size, pow(_HASH_BASE, -1, 2**64), dtype=np.uint64)
        up[0] = down[0] = 1
        # Replaced as a whole: another thread sees the old pair or the new one, never half of each.
        _powers_cache = up, down = np.cumprod(up, dtype=np.uint64), np.cumprod(down, dtype=np.uint64)
    return up, down


def chunk_hashes(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A non-negative int64 hash of each chunk ``codes[starts[i]:ends[i]]``, the same wherever the chunk lies.

    ``sum(code[j] * BASE**(j - start))`` modulo 2^64: a prefix sum of ``code[j] * BASE**j``
    differenced at the bounds and moved back by ``BASE**-start``, plus the length.
    """
    up, down = _powers(len(codes))
    prefix = np.empty(len(codes) + 1, dtype=np.uint64)
    prefix[0] = 0
    terms = prefix[1:]  # filled in place: one array, not three, of the text's length
    terms[:] = codes
    terms *= up[: len(codes)]  # uint64 arithmetic wraps modulo 2^64
    np.cumsum(terms, out=terms)
    lengths = (ends - starts).astype(np.uint64)
    hashes = (prefix.take(ends) - prefix.take(starts)) * down.take(starts) + lengths * _LENGTH_MIX
    return hashes.view(np.int64) & _SIGN_MASK


@dataclass(frozen=True)
class _ChunkIndex:
    """The chunks of a chunk cache, as arrays: found by their hash, checked against their characters.

    Entries are numbered in the cache's order; each entry's records are those the cache holds.
    """

    size: int  # entries
    table: KeyTable  # chunk hash -> entry
    text: np.ndarray  # uint32: the entries' characters, each entry followed by a space
    text_start: np.ndarray  # per entry: where it starts in ``text``
    length: np.ndarray  # per entry: its characters
    record_start: np.ndarray  # per entry: its first record; then the number of records
    records: np.ndarray  # (n, _FIELDS) int64

    @classmethod
    def build(cls, chunks: dict[str, bytes]) -> _ChunkIndex:
        items = list(chunks.items())  # one snapshot, though another thread may add to the cache
        keys = [key for key, _ in items]
        values = [value for _, value in items]
        codes = code_points(" ".join(keys) + " ")
        starts, ends = chunk_bounds(codes)
        starts, ends = starts[:-1], ends[:-1]  # the empty chunk after the last space is no entry
        record_counts = np.fromiter(map(len, values), dtype=np.int64, count=len(values)) // _RECORD_BYTES
        return cls(
            size=len(keys),
            table=KeyTable(chunk_hashes(codes, starts, ends), np.arange(len(keys)), room=4),
            text=codes,
            text_start=starts,
            length=ends - starts,
            record_start=np.concatenate(([0], record_counts.cumsum())),
            records=_table(b"".join(values)),
        )

    def find(self, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """The entry of each chunk ``codes[starts[i]:ends[i]]`` (chunks separated by single
        spaces, as :func:`chunk_bounds` gives them), -1 where there is none."""
        entry = self.table.find(chunk_hashes(codes, starts, ends))
        some = np.maximum(entry, 0)
        lengths = ends - starts
        match = (entry >= 0) & (self.length.take(some) == lengths)
        # Each character of the text (and the space after each chunk) against the character
        # at the same place in its entry; a chunk without an entry compares with rubbish.
        places = _places(self.text_start.take(some) - starts, starts, len(codes))
        differ = (self.text.take(places, mode="clip") != codes).nonzero()[0]
        match[starts.searchsorted(differ, side="right") - 1] = False
        return np.where(match, entry, -1)

    def gather(self, entry: np.ndarray, missed: np.ndarray | None = None, found: list[bytes] = ()) -> np.ndarray:
        """The records of chunks, in order: of entry ``entry[i]``, or for the chunks at
        ``missed`` (where ``entry`` is -1), the records ``found`` for them."""
        some = np.maximum(entry, 0)
        first = self.record_start.take(some)
        counts = self.record_start.take(some + 1) - first
        extra = _table(b"".join(found))
        if missed is not None and len(missed):
            # Places past this index's records stand for the extra records.
            found_counts = np.fromiter(map(len, found), dtype=np.int64, count=len(found)) // _RECORD_BYTES
            counts[missed] = found_counts
            first[missed] = len(self.records) + found_counts.cumsum() - found_counts
        rows = np.repeat(first - (counts.cumsum() - counts), counts) + np.arange(counts.sum())
        if not len(extra):
            return self.records.take(rows, axis=0)
        out = np.empty((len(rows), _FIELDS), dtype=np.int64)
        own = rows < len(self.records)
        out[own] = self.records.take(rows[own], axis=0)
        out[~own] = extra.take(rows[~own] - len(self.records), axis=0)
        return out


def _places(shift: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    """``i + shift[k]`` for each of ``n`` characters ``i``, ``k`` the chunk that starts at or
    before it (chunk ``k`` starts at ``starts[k]``; ``starts[0]`` is 0).

    A running sum of steps of 1 that jump at each chunk's start: two passes over the
    characters, where ``np.repeat`` of the shifts plus an ``arange`` takes three.
    """
    steps = np.ones(n + 1, dtype=np.int64)  # one more: the last chunk may start at n (a text ending in a space)
    steps[starts] = np.diff(shift, prepend=1) + 1
    return np.cumsum(steps, out=steps)[:n]


def _table(records: bytes) -> np.ndarray:
    return np.frombuffer(records, dtype=np.int64).reshape(-1, _FIELDS)


def _piece_texts(articles: list[tuple[str, list[str]]]):
    for headline, body in articles:
        yield headline
        yield from body


def _records_by_piece(chunks: _ChunkRecords, articles: list[tuple[str, list[str]]]) -> bytes:
    """The records of :meth:`StreamEncoder.encode`, with the markers placed by position, not found in the text."""

    def text_records(text: str) -> list[bytes]:
        # A chunk that is a marker character is text here: convert it rather than read the marker's entry.
        return [chunks.convert(c) if c in (SEP, MARK) else chunks[c] for c in text.split(" ")]

    out: list[bytes] = []
    for headline, body in articles:
        out += text_records(headline)
        out.append(chunks[SEP])
        for k, piece in enumerate(body):
            if k:
                out.append(chunks[MARK])
            out += text_records(piece)
        if body:
            out.append(chunks[SEP])
    return b"".join(out)


def _stream(records: np.ndarray, headline_piece: np.ndarray, piece_lengths: np.ndarray) -> TokenStream:
    """Pieces from the markers (each ends one piece), then the :data:`MARK` and empty-chunk records dropped."""
    codes = records[:, 0]
    boundary = (codes == SEP_CODE) | (codes == MARK_CODE)
    piece = boundary.cumsum() - boundary
    kept = (codes >= SEP_CODE).nonzero()[0]
    return TokenStream(codes.take(kept), piece.take(kept), headline_piece, records, kept, piece_lengths)
