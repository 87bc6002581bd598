"""A batch of articles as one token stream, tokenized in one pass.

Calling the tokenizer once per sentence and looking every token up in a dict cost
more than all the model's arithmetic. Instead the batch is laid out as one text
(per article: headline, :data:`SEP`, the body's pieces separated by :data:`MARK`,
:data:`SEP`), split at spaces in C (``str.split(" ")``), and each space-separated
chunk (``"Kerry's,"``) is looked up once in a cache that holds the records of its
tokens as bytes. The stream is then one ``bytes.join`` and one ``np.frombuffer``,
with no Python object per token.

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

from .tokens import TOKEN

SEP = "\x00"
MARK = "\x01"
#: Token codes of the two markers; the codes of real tokens are >= 0.
SEP_CODE = -1
MARK_CODE = -2
_EMPTY_CODE = -3  # stands for a chunk without tokens ("a", ""), so that every chunk has a record
_JOIN = 3  # characters between two pieces in the layout: " \x00 " or " \x01 "
_FIELDS = 4  # int64 per record: code, lower-case id, place in the chunk, chunk length + 1 (first record only)


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
        table = _table(b"".join(map(chunks.__getitem__, _layout_chunks(articles))))
        markers = len(articles) + sum(len(body) for _, body in articles if body)
        if np.count_nonzero((table[:, 0] == SEP_CODE) | (table[:, 0] == MARK_CODE)) != markers:
            # A text holds a chunk that is a marker character: read it as text, placing the markers by position.
            table = _table(_records_by_piece(chunks, articles))
        pieces = np.array([len(body) + 1 for _, body in articles], dtype=np.int64)
        lengths = np.fromiter(map(len, _piece_texts(articles)), dtype=np.int64)
        return _stream(table, np.concatenate(([0], pieces.cumsum())), lengths)


def _layout_chunks(articles: list[tuple[str, list[str]]]) -> list[str]:
    """The chunks of the batch laid out as one text: per article headline, SEP, then its
    pieces separated by MARK and a SEP, when it has any. Every piece is followed by
    ``_JOIN`` characters: a marker between two spaces."""
    chunks: list[str] = []
    for headline, body in articles:
        chunks += headline.split(" ")
        chunks.append(SEP)
        if body:
            chunks += f" {MARK} ".join(body).split(" ")
            chunks.append(SEP)
    return chunks


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
