"""The reliability model: a calibrated linear model over three feature views.

``logit = bias + words·w + patterns·w + style·w``, then Platt scaling. Because
the model is linear, each feature's contribution is ``weight × value``; the
explanation spreads each n-gram's contribution evenly over the places it occurs
and sums them per sentence, so the listed evidence, the unlisted remainder and
the bias add up exactly to the logit that gives the probability.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..article import Article, Sentence
from ..errors import ModelError
from ..features.ngrams import NgramVectorizer, TokenCache, unique_counts
from ..features.stream import SEP_CODE, StreamEncoder, TokenStream
from ..features.style import (
    CODES,
    NAMES,
    WORD_CODES,
    body_facts,
    compute_style_code,
    head_vocabulary,
    headline_facts,
    style_matrix,
)
from .calibration import Platt, sigmoid
from .evidence import Phrases, evidence_item, listed_pieces, signal_entries, top_occurrences
from .store import load_model, save_model

KIND = "newsaudit.reliability"
#: The sentences and phrases shown by default.
TOP_SENTENCES = 5
TOP_PHRASES = 3
#: Below this many words of body the verdict is "uncertain" whatever the probability: the
#: model learnt from articles (200+ characters), and a headline or a caption is too little to go on.
MIN_WORDS = 30


@dataclass
class _Encoded:
    """A batch's tokens as the three views read them, with where each token belongs."""

    word_ids: np.ndarray
    pattern_ids: np.ndarray  # 0 in headlines: the pattern view reads bodies only
    codes: np.ndarray  # style codes
    piece: np.ndarray  # per token: its headline or sentence (see TokenStream)
    headline_piece: np.ndarray  # per article: the piece of its headline; then the number of pieces
    doc_of_piece: np.ndarray
    doc_of_token: np.ndarray
    separator: np.ndarray  # per token: a break between headline, body and the next article
    in_headline: np.ndarray  # per token: part of a headline piece (its separator included)
    stream: TokenStream

    @property
    def n_docs(self) -> int:
        return len(self.headline_piece) - 1


@dataclass
class _Occurrences:
    """Every n-gram occurrence of a batch: in *runs* (words view then patterns view, each by
    n-gram size), each run by first token."""

    doc_sums: np.ndarray  # per article: the n-grams' contribution
    share: np.ndarray  # per occurrence: its share of its feature's contribution
    first: np.ndarray  # per occurrence: its first token
    columns: np.ndarray  # per occurrence: its column in its view
    run_start: np.ndarray  # where each run starts, then the number of occurrences
    run_size: list[int]  # per run: the n-gram size
    run_is_pattern: list[bool]  # per run: from the patterns view

    def starting_in(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The occurrences whose first token is in ``[starts[g], ends[g])``, group after group,
        each group in occurrence order; and the size of each group."""
        lo = np.zeros((len(starts), len(self.run_size)), dtype=np.int64)  # group-major, run-minor
        hi = lo.copy()
        for r, (a, b) in enumerate(zip(self.run_start[:-1].tolist(), self.run_start[1:].tolist())):
            run = self.first[a:b]
            lo[:, r], hi[:, r] = run.searchsorted(starts) + a, run.searchsorted(ends) + a
        lengths = (hi - lo).ravel()
        ends_at = lengths.cumsum()
        occurrences = (lo.ravel() - ends_at + lengths).repeat(lengths) + np.arange(ends_at[-1] if len(ends_at) else 0)
        return occurrences, (hi - lo).sum(axis=1)


@dataclass
class _Explained:
    """The numbers of a batch's explanations; per article unless said otherwise.

    Flat lists where there would be a small list per article: they live until every
    report of the batch is built.
    """

    sentences: list[list[Sentence]]  # the sentences read
    bias: float  # the same for every article
    logits: list[float]
    probabilities: list[float]
    words: list[int]  # words of body read
    sums: np.ndarray  # per piece (headline or sentence) of the batch: its contribution
    heads: list[int]  # the headline piece of each article, then the number of pieces
    listed: list[list[int]]  # the pieces listed, by index within the article
    phrases: Phrases
    signal_values: list[float]  # style feature values rounded for display, len(NAMES) per article
    signal_order: list[int]  # the order of the signals in the report, len(NAMES) per article
    style_contributions: list[float]  # len(NAMES) per article
    style_sums: list[float]
    style_mass: list[float]  # sum of the absolute style contributions


def _view_contributions(
    vec: NgramVectorizer, coef: np.ndarray, enc: _Encoded, cols: np.ndarray, first: np.ndarray, share: np.ndarray
) -> np.ndarray:
    """Each article's contribution from one view, given its n-gram occurrences (``cols``
    starting at tokens ``first``); writes each occurrence's share of it into ``share``.

    An n-gram's contribution is ``coef × value``, its value the (log-count) idf weight
    L2-normalised over the article's n-grams; it is split evenly over its occurrences.
    """
    n = enc.n_docs
    # (article, column) in one integer, the column in the low bits: shifts and masks
    # take it apart faster than a division, and it sorts in the same order.
    bits = max(vec.n_features - 1, 0).bit_length()
    keys = (enc.doc_of_token.take(first) << bits) | cols
    keys, counts, inverse = unique_counts(keys, with_inverse=True, bound=n << bits)
    doc = keys >> bits
    col = keys & ((1 << bits) - 1)
    idf = vec.idf.take(col)
    v = idf * (1.0 + np.log(counts)) if vec.counts else idf
    norm = np.sqrt(np.bincount(doc, weights=v * v, minlength=n))
    contrib = coef.take(col) * (v / np.where(norm > 0, norm, 1.0).take(doc))
    np.take(contrib / counts, inverse, out=share)
    return np.bincount(doc, weights=contrib, minlength=n)


@dataclass
class ReliabilityModel:
    """Scores how likely an article is unreliable, and says why.

    Attributes
    ----------
    words, patterns : NgramVectorizer
        Word 1–2grams of title and body; shape patterns of the body.
    style_mean, style_scale : ndarray
        Standardisation of :func:`~newsaudit.features.style.style_features`.
    style_factor : float
        Weight of the standardised style block relative to the n-gram blocks.
    coef_ : ndarray
        Weights of ``[words | patterns | style]``.
    intercept_ : float
    calibration : Platt
    uncertain_band : (float, float)
        Probabilities in ``[lo, hi]`` get the label "uncertain".
    max_chars : int
        Only the first ``max_chars`` characters of the body are read.
    """

    words: NgramVectorizer
    patterns: NgramVectorizer
    style_mean: np.ndarray
    style_scale: np.ndarray
    style_factor: float
    coef_: np.ndarray
    intercept_: float
    calibration: Platt
    uncertain_band: tuple[float, float] = (0.4, 0.6)
    max_chars: int = 6000
    style_clip: float = 5.0
    info: dict[str, Any] | None = None
    #: sha256 of each model file, from the manifest checked at load (not saved with the model).
    sha256: dict[str, str] | None = None

    def __post_init__(self) -> None:
        # One code per token holds its words-view id, patterns-view id and style code,
        # packed in one integer; the stream encoder caches the codes of whole chunks.
        if self.patterns.n_features >= 2**24 or self.words.n_features >= 2**31:
            raise ModelError("vocabulary too large for packed token codes")
        word_id, pattern_id = self.words.compute_unit_id, self.patterns.compute_unit_id
        codes = TokenCache(lambda t: (word_id(t) << 32) | (pattern_id(t) << 8) | compute_style_code(t))
        self._stream = StreamEncoder(codes.__getitem__)

    # -- features ------------------------------------------------------------------
    @staticmethod
    def word_tokens(title_tokens: list[str], body_tokens: list[str]) -> list[str]:
        """Tokens of the words view: headline, a break, then the body."""
        return [*title_tokens, "\n", *body_tokens]

    @property
    def _style_start(self) -> int:
        """Index of the first style weight in :attr:`coef_` (after the word and pattern blocks)."""
        return self.words.n_features + self.patterns.n_features

    def raw_logit(self, title: str, body: str) -> float:
        """The uncalibrated logit for one article (no explanation)."""
        return float(self.raw_logits([(title, body)])[0])

    def raw_logits(self, articles: list[tuple[str, str]]) -> np.ndarray:
        """:meth:`raw_logit` for many ``(title, body)`` pairs at once, vectorised over the batch."""
        return self._batch(articles)[0]

    def _encode(self, articles: list[tuple[str, list[str]]]) -> _Encoded:
        """The tokens of a batch of ``(headline, body pieces)``, decoded into the views' ids.

        Separators break every n-gram, so none spans two texts; the pattern view reads
        bodies only, so headline tokens get pattern id 0.
        """
        stream = self._stream.encode(articles)
        packed = stream.codes
        separator = packed == SEP_CODE
        word_ids, pattern_ids, codes = packed >> 32, (packed >> 8) & 0xFFFFFF, packed & 0xFF
        # Zeroed explicitly, whatever a text of the training corpus held.
        word_ids[separator] = 0
        pattern_ids[separator] = 0
        heads = stream.headline_piece
        doc_of_piece = np.arange(len(heads) - 1).repeat(heads[1:] - heads[:-1])
        doc_of_token = doc_of_piece.take(stream.piece)
        in_headline = stream.piece == heads.take(doc_of_token)
        pattern_ids[in_headline] = 0
        return _Encoded(
            word_ids, pattern_ids, codes, stream.piece, heads, doc_of_piece, doc_of_token, separator, in_headline,
            stream,
        )

    def _style_rows(self, enc: _Encoded, titles: list[str], bodies: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Raw style vectors of a batch (one row per article), and the words of each body."""
        n = enc.n_docs
        text = ~enc.separator
        in_body = ~enc.in_headline
        region = 2 * enc.doc_of_token + in_body  # headline, body, next headline, ...
        counts = np.bincount((region * CODES + enc.codes)[text], minlength=2 * n * CODES).reshape(n, 2, CODES)
        body_words = (text & in_body & (enc.codes < WORD_CODES)).nonzero()[0]
        distinct, head_words = head_vocabulary(enc.doc_of_token.take(body_words), enc.stream.lower(body_words), n)
        raw = style_matrix(
            counts[:, 0], counts[:, 1], list(map(headline_facts, titles)), list(map(body_facts, bodies)),
            distinct, head_words,
        )
        return raw, counts[:, 1, :WORD_CODES].sum(axis=1)

    def _scaled_style(self, raw: np.ndarray) -> np.ndarray:
        """The style block of the model's input: standardised, clipped and weighted."""
        z = np.clip((raw - self.style_mean) / self.style_scale, -self.style_clip, self.style_clip)
        return z * self.style_factor

    def _occurrences(self, enc: _Encoded, scale: float) -> _Occurrences:
        """Every feature occurrence of the batch with its share of the logit times ``scale``
        (1 for the raw logit, the calibration's scale for the calibrated one)."""
        w_end = self.words.n_features
        views = ((self.words, enc.word_ids, self.coef_[:w_end]), (self.patterns, enc.pattern_ids, self.coef_[w_end:]))
        hits = [vec.hits_by_size(ids) for vec, ids, _ in views]
        runs = [(size, vec is self.patterns, len(c)) for (vec, _, _), found in zip(views, hits) for size, c, _ in found]
        run_start = np.cumsum([0] + [length for _, _, length in runs])
        # Each view fills its part of the batch-wide arrays: no copies to join the views afterwards.
        total = int(run_start[-1])
        share, first, columns = np.empty(total), np.empty(total, dtype=np.int64), np.empty(total, dtype=np.int64)
        sums = np.zeros(enc.n_docs)
        at = 0
        for (vec, _, coef), found in zip(views, hits):
            end = at + sum(len(c) for _, c, _ in found)
            if found:
                np.concatenate([c for _, c, _ in found], out=columns[at:end])
                np.concatenate([f for _, _, f in found], out=first[at:end])
            sums += _view_contributions(vec, coef * scale, enc, columns[at:end], first[at:end], share[at:end])
            at = end
        return _Occurrences(
            sums, share, first, columns, run_start, [size for size, _, _ in runs], [pattern for _, pattern, _ in runs]
        )

    def _batch(self, articles: list[tuple[str, str]]) -> tuple[np.ndarray, list[int]]:
        """Raw logits and body word counts of a batch, the numeric work done once per batch."""
        if not articles:
            return np.zeros(0), []
        titles = [t for t, _ in articles]
        cuts = [b[: self.max_chars] for _, b in articles]
        enc = self._encode([(t, [cut]) for t, cut in zip(titles, cuts)])
        logits = self.intercept_ + self._occurrences(enc, 1.0).doc_sums
        raw, words = self._style_rows(enc, titles, cuts)
        style = self._scaled_style(raw)
        style_coef = self.coef_[self._style_start :]
        for i in range(len(articles)):
            logits[i] += style_coef @ style[i]  # per article: a matrix product may add in another order
        return logits, words.tolist()

    def predict_proba(self, articles: list[tuple[str, str]]) -> np.ndarray:
        """Calibrated probability of "unreliable" for ``(title, body)`` pairs."""
        return np.asarray(self.calibration(self.raw_logits(articles)))

    def scores(self, articles: list[Article]) -> list[dict[str, Any]]:
        """The reliability part without evidence, for many articles: label, probability, logit."""
        raw, words = self._batch([(a.title, a.body) for a in articles])
        z = self.calibration.logit(raw)
        p = np.asarray(sigmoid(z))
        return [
            {"label": self.label(pi, wi), "probability_unreliable": pi, "logit": zi, "words_read": wi,
             "uncertain_band": list(self.uncertain_band)}
            for zi, pi, wi in zip(z.tolist(), p.tolist(), words)
        ]

    def label(self, p: float, words: int = MIN_WORDS) -> str:
        """The verdict for probability ``p`` of a body of ``words`` words."""
        lo, hi = self.uncertain_band
        if words < MIN_WORDS or lo <= p <= hi:
            return "uncertain"
        return "unreliable" if p > hi else "reliable"

    # -- explanation ---------------------------------------------------------------
    def explain(self, article: Article, *, top_sentences: int = TOP_SENTENCES) -> dict[str, Any]:
        """The report's reliability part: label, probability and exact evidence."""
        return self.explain_many([article], top_sentences=top_sentences)[0]

    def _read(self, article: Article) -> tuple[str, list[Sentence]]:
        """The part of the body read, and its sentences: those that start inside it, trimmed to it."""
        cut = article.body[: self.max_chars]
        sentences = article.sentences
        if len(article.body) > self.max_chars:
            sentences = [
                Sentence(sn.start, min(sn.end, len(cut)), cut[sn.start : min(sn.end, len(cut))])
                for sn in sentences
                if sn.start < len(cut)
            ]
        if not sentences and cut.strip():
            sentences = [Sentence(0, len(cut), cut)]
        return cut, sentences

    def explain_many(self, articles: list[Article], *, top_sentences: int = TOP_SENTENCES) -> list[dict[str, Any]]:
        """:meth:`explain` for a batch, with the numeric work done once for the whole batch.

        The stream holds each headline and each sentence as a *piece* (the same tokens
        as the whole text, since sentences end at whitespace), so every n-gram
        occurrence knows its piece without character offsets; offsets are computed
        only for the phrases shown. Each n-gram's contribution is split evenly over
        its occurrences and summed per piece.
        """
        if not articles:
            return []
        found = self._explain_batch(articles, top_sentences)
        return [self._part(article, found, i) for i, article in enumerate(articles)]

    def _explain_batch(self, articles: list[Article], top_sentences: int) -> _Explained:
        """Every number of a batch's explanations, computed batch-wide."""
        a = self.calibration.scale
        cuts, sentences = zip(*map(self._read, articles))
        titles = [article.title for article in articles]
        enc = self._encode([(title, [sn.text for sn in sns]) for title, sns in zip(titles, sentences)])
        occ = self._occurrences(enc, a)
        heads = enc.headline_piece
        piece_of = enc.piece.take(occ.first)
        sums = np.bincount(piece_of, weights=occ.share, minlength=heads[-1])
        present = np.bincount(piece_of, minlength=heads[-1]) > 0
        listed = listed_pieces(sums, present, heads, enc.doc_of_piece, top_sentences)
        raw_style, n_words = self._style_rows(enc, titles, list(cuts))
        style_contrib = (a * self.coef_[self._style_start :]) * self._scaled_style(raw_style)
        style_sums = style_contrib.sum(axis=1)
        bias = a * self.intercept_ + self.calibration.shift
        logits = bias + occ.doc_sums + style_sums
        return _Explained(
            sentences=list(sentences),
            bias=bias,
            logits=logits.tolist(),
            probabilities=np.asarray(sigmoid(logits)).tolist(),
            words=n_words.tolist(),
            sums=sums,
            heads=heads.tolist(),
            listed=listed,
            phrases=self._phrases(enc, listed, occ),
            signal_values=[round(v, 4) for v in raw_style.ravel().tolist()],
            signal_order=np.argsort(-np.abs(style_contrib), axis=1, kind="stable").ravel().tolist(),
            style_contributions=style_contrib.ravel().tolist(),
            style_sums=style_sums.tolist(),
            style_mass=np.abs(style_contrib).sum(axis=1).tolist(),
        )

    @staticmethod
    def _phrases(enc: _Encoded, listed: list[list[int]], occ: _Occurrences) -> Phrases:
        """The phrases shown for the listed pieces: each one's strongest occurrences."""
        heads = enc.headline_piece.tolist()
        pieces = np.array(sorted(heads[i] + k for i, ks in enumerate(listed) for k in ks), dtype=np.int64)
        piece_start = enc.piece.searchsorted(np.concatenate((pieces, pieces + 1)))
        occurrences, group_sizes = occ.starting_in(piece_start[: len(pieces)], piece_start[len(pieces) :])
        picks = top_occurrences(occ.share, occurrences, group_sizes, TOP_PHRASES)
        rows, ranks = np.nonzero(picks >= 0)
        chosen = picks[rows, ranks]
        run = occ.run_start.searchsorted(chosen, side="right") - 1
        first = occ.first.take(chosen)
        size = np.array(occ.run_size).take(run)
        # A pattern running into the next sentence is cut at its piece's last token.
        last = piece_start[len(pieces) :].take(rows) - 1
        last -= enc.separator.take(last)
        start, end = enc.stream.char_spans(np.concatenate([first, np.minimum(first + size - 1, last)]))
        column = np.where(np.array(occ.run_is_pattern).take(run), occ.columns.take(chosen), -1)
        return Phrases(
            at=pieces.take(rows).searchsorted(np.arange(heads[-1] + 1)).tolist(),
            start=start[: len(chosen)].tolist(),
            end=end[len(chosen) :].tolist(),
            share=occ.share.take(chosen).tolist(),
            column=column.tolist(),
        )

    def _part(self, article: Article, found: _Explained, i: int) -> dict[str, Any]:
        """Article ``i``'s reliability part, from its batch's numbers."""
        lo, hi = found.heads[i], found.heads[i + 1]
        local = found.sums[lo:hi]
        local_list = local.tolist()
        listed = found.listed[i]
        names = self.patterns.feature_names()
        evidence = []
        for k in listed:
            if k == 0:
                kind, text, span, source = "title", article.title, (0, len(article.title)), article.title
            else:
                sn = found.sentences[i][k - 1]
                kind, text, span, source = "sentence", sn.text, (sn.start, sn.end), article.body
            evidence.append(evidence_item(kind, text, span, source, local_list[k], found.phrases, lo + k, names))
        n, at = len(NAMES), len(NAMES) * i
        signals = signal_entries(
            found.signal_values[at : at + n], found.style_contributions[at : at + n], found.signal_order[at : at + n]
        )
        style_sum, style_mass = found.style_sums[i], found.style_mass[i]
        listed_sum = math.fsum(local_list[k] for k in listed)
        mass = float(np.abs(local).sum()) + style_mass
        listed_mass = math.fsum(abs(local_list[k]) for k in listed) + style_mass
        n_words = found.words[i]
        p = found.probabilities[i]
        note = (
            "logit = bias + listed_sum + unlisted_sum, exactly; listed_sum covers the evidence items "
            "and every signal; coverage is the listed share of the absolute contributions"
        )
        if len(article.body) > self.max_chars:
            note += f"; only the first {self.max_chars} characters of the body were read"
        if n_words < MIN_WORDS:
            note += f"; the body has {n_words} words, fewer than {MIN_WORDS}, so the verdict is 'uncertain'"
        return {
            "label": self.label(p, n_words),
            "words_read": n_words,
            "probability_unreliable": p,
            "logit": found.logits[i],
            "bias": found.bias,
            "evidence": evidence,
            "signals": signals,
            "explanation": {
                "listed_sum": listed_sum + style_sum,
                "unlisted_sum": float(local.sum()) - listed_sum,
                "coverage": listed_mass / mass if mass else 1.0,
                "note": note,
            },
            "uncertain_band": list(self.uncertain_band),
        }

    # -- persistence ---------------------------------------------------------------
    def save(self, directory: str | Path) -> Path:
        config = {
            "kind": KIND,
            "words": self.words.to_config(),
            "patterns": self.patterns.to_config(),
            "style_names": list(NAMES),
            "style_factor": self.style_factor,
            "style_clip": self.style_clip,
            "intercept": self.intercept_,
            "calibration": {"scale": self.calibration.scale, "shift": self.calibration.shift},
            "uncertain_band": list(self.uncertain_band),
            "max_chars": self.max_chars,
            "info": self.info or {},
        }
        arrays = {
            "coef": self.coef_.astype(np.float64),
            "words_idf": self.words.idf.astype(np.float64),
            "patterns_idf": self.patterns.idf.astype(np.float64),
            "style_mean": self.style_mean.astype(np.float64),
            "style_scale": self.style_scale.astype(np.float64),
        }
        return save_model(directory, config, arrays)

    @classmethod
    def load(cls, directory: str | Path) -> ReliabilityModel:
        config, arrays, manifest = load_model(directory, KIND)
        if config["style_names"] != list(NAMES):
            raise ModelError(f"{directory} was trained with other style features; retrain it with `newsaudit train`")
        words = NgramVectorizer.from_config(config["words"], arrays["words_idf"])
        patterns = NgramVectorizer.from_config(config["patterns"], arrays["patterns_idf"])
        expected = words.n_features + patterns.n_features + len(NAMES)
        if arrays["coef"].shape != (expected,):
            raise ModelError(f"{directory}: coef has shape {arrays['coef'].shape}, expected ({expected},)")
        return cls(
            words=words,
            patterns=patterns,
            style_mean=arrays["style_mean"],
            style_scale=arrays["style_scale"],
            style_factor=config["style_factor"],
            coef_=arrays["coef"],
            intercept_=config["intercept"],
            calibration=Platt(**config["calibration"]),
            uncertain_band=tuple(config["uncertain_band"]),
            max_chars=config["max_chars"],
            style_clip=config["style_clip"],
            info=config.get("info", {}),
            sha256=manifest["files"],
        )
