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
from itertools import chain, islice
from pathlib import Path
from typing import Any

import numpy as np

from ..article import Article, Sentence
from ..errors import ModelError
from ..features.ngrams import NgramVectorizer, TokenCache, unique_counts
from ..features.style import DESCRIPTIONS, NAMES, compute_style_code, count_words, style_features
from ..features.tokens import TOKEN, tokenize
from .calibration import Platt, sigmoid
from .store import load_model, save_model

KIND = "newsaudit.reliability"
_SEPARATOR = "\x00"  # between texts in a batch: a break in every view, and no style class of its own
#: The sentences and phrases shown by default.
TOP_SENTENCES = 5
TOP_PHRASES = 3
#: Below this many words of body the verdict is "uncertain" whatever the probability: the
#: model learnt from articles (200+ characters), and a headline or a caption is too little to go on.
MIN_WORDS = 30


@dataclass
class _Encoded:
    """A batch's token stream: where each text starts, and every token's ids and codes."""

    title_at: np.ndarray  # start of each text's headline, plus the stream length
    body_at: np.ndarray  # start of each text's body
    word_ids: np.ndarray
    pattern_ids: np.ndarray
    codes: np.ndarray  # style codes
    doc_of_token: np.ndarray

    def codes_of(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Style codes of text ``i``'s headline and body (separators left out)."""
        return self.codes[self.title_at[i] : self.body_at[i] - 1], self.codes[self.body_at[i] : self.title_at[i + 1] - 1]


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
        # One cache maps a token to its words-view id, patterns-view id and style code at
        # once, packed in one integer: a single C-level pass over the tokens per text.
        if self.patterns.n_features >= 2**24 or self.words.n_features >= 2**31:
            raise ModelError("vocabulary too large for packed token codes")
        word_id, pattern_id = self.words.compute_unit_id, self.patterns.compute_unit_id
        self._codes = TokenCache(lambda t: (word_id(t) << 32) | (pattern_id(t) << 8) | compute_style_code(t))

    def _token_codes(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        packed = np.fromiter(map(self._codes.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        return packed >> 32, (packed >> 8) & 0xFFFFFF, packed & 0xFF

    # -- features ------------------------------------------------------------------
    @staticmethod
    def word_tokens(title_tokens: list[str], body_tokens: list[str]) -> list[str]:
        """Tokens of the words view: headline, a break, then the body."""
        return [*title_tokens, "\n", *body_tokens]

    @property
    def _style_start(self) -> int:
        """Index of the first style weight in :attr:`coef_` (after the word and pattern blocks)."""
        return self.words.n_features + self.patterns.n_features

    def _style(self, title, cut, tt, bt, title_codes, body_codes) -> tuple[np.ndarray, np.ndarray]:
        raw = style_features(title, cut, tt, bt, title_codes=title_codes, body_codes=body_codes)
        z = np.clip((raw - self.style_mean) / self.style_scale, -self.style_clip, self.style_clip)
        return raw, z * self.style_factor

    def raw_logit(self, title: str, body: str) -> float:
        """The uncalibrated logit for one article (no explanation)."""
        return float(self.raw_logits([(title, body)])[0])

    def raw_logits(self, articles: list[tuple[str, str]]) -> np.ndarray:
        """:meth:`raw_logit` for many ``(title, body)`` pairs at once, vectorised over the batch."""
        return self._batch(articles)[0]

    def _encode(self, pairs: list[tuple[list[str], list[str]]]) -> _Encoded:
        """All tokens of a batch in one stream (headline, separator, body, separator, ...),
        mapped through the token cache in one pass.

        The separators break every n-gram, so none spans two texts; the pattern view
        reads bodies only, so headline tokens get pattern id 0.
        """
        stream: list[str] = []
        title_at, body_at = [], []
        for tt, bt in pairs:
            title_at.append(len(stream))
            stream += tt
            stream.append(_SEPARATOR)
            body_at.append(len(stream))
            stream += bt
            stream.append(_SEPARATOR)
        title_at.append(len(stream))
        starts, bodies = np.array(title_at, dtype=np.int64), np.array(body_at, dtype=np.int64)
        word_ids, pattern_ids, codes = self._token_codes(stream)
        # Zeroed explicitly, whatever a text of the training corpus held.
        separators = np.concatenate([bodies - 1, starts[1:] - 1])
        word_ids[separators] = 0
        pattern_ids[separators] = 0
        in_title = np.zeros(len(stream) + 1, dtype=np.int64)
        np.add.at(in_title, starts[:-1], 1)
        np.add.at(in_title, bodies, -1)
        pattern_ids = np.where(np.cumsum(in_title[:-1]) > 0, 0, pattern_ids)
        doc_of_token = np.searchsorted(starts, np.arange(len(stream)), side="right") - 1
        return _Encoded(starts, bodies, word_ids, pattern_ids, codes, doc_of_token)

    def _occurrences(self, enc: _Encoded, scale: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every feature occurrence of the batch with its share of the logit times ``scale``
        (1 for the raw logit, the calibration's scale for the calibrated one).

        Returns per-article sums of the n-gram contributions, and per occurrence its
        share (a feature's contribution split evenly over its occurrences), first token,
        size and pattern column (-1 for word n-grams).
        """
        n = len(enc.body_at)
        w_end = self.words.n_features
        sums = np.zeros(n)
        shares, firsts, sizes, pattern_cols = [], [], [], []
        for vec, ids, base in ((self.words, enc.word_ids, 0), (self.patterns, enc.pattern_ids, w_end)):
            cols, first, size = vec.hits_from_ids(ids)
            keys, counts, inverse = unique_counts(enc.doc_of_token[first] * vec.n_features + cols, with_inverse=True)
            doc, col = keys // vec.n_features, keys % vec.n_features
            v = vec.idf[col] * ((1.0 + np.log(counts)) if vec.counts else 1.0)
            norm = np.sqrt(np.bincount(doc, weights=v * v, minlength=n))
            contrib = scale * self.coef_[base + col] * (v / np.where(norm > 0, norm, 1.0)[doc])
            sums += np.bincount(doc, weights=contrib, minlength=n)
            shares.append((contrib / counts)[inverse])
            firsts.append(first)
            sizes.append(size)
            pattern_cols.append(cols if vec is self.patterns else np.full(len(cols), -1))
        return sums, np.concatenate(shares), np.concatenate(firsts), np.concatenate(sizes), np.concatenate(pattern_cols)

    def _batch(self, articles: list[tuple[str, str]]) -> tuple[np.ndarray, list[int]]:
        """Raw logits and body word counts of a batch, the numeric work done once per batch."""
        if not articles:
            return np.zeros(0), []
        titles = [t for t, _ in articles]
        cuts = [b[: self.max_chars] for _, b in articles]
        pairs = [(tokenize(t), tokenize(b)) for t, b in zip(titles, cuts)]
        enc = self._encode(pairs)
        logits = self.intercept_ + self._occurrences(enc, 1.0)[0]
        style_coef = self.coef_[self._style_start :]
        words = []
        for i, ((tt, bt), title, cut) in enumerate(zip(pairs, titles, cuts)):
            t_codes, b_codes = enc.codes_of(i)
            logits[i] += style_coef @ self._style(title, cut, tt, bt, t_codes, b_codes)[1]
            words.append(count_words(b_codes))
        return logits, words

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

    def explain_many(self, articles: list[Article], *, top_sentences: int = TOP_SENTENCES) -> list[dict[str, Any]]:
        """:meth:`explain` for a batch, with the numeric work done once for the whole batch.

        Tokens are read sentence by sentence (the same tokens as the whole text, since
        sentences end at whitespace), so every n-gram occurrence knows its sentence
        without character offsets; offsets are computed only for the phrases shown.
        Each n-gram's contribution is split evenly over its occurrences and summed per
        sentence ("bucket": the headline is bucket 0 of its article, sentence i bucket i + 1).
        """
        a = self.calibration.scale
        docs, pairs, token_bucket = [], [], []
        sentence_first = []  # per bucket: index in the stream of its first token
        bucket_base = position = 0
        for article in articles:
            cut = article.body[: self.max_chars]
            sentences = article.sentences
            if len(article.body) > self.max_chars:  # only sentences that start inside the cut, trimmed to it
                sentences = [
                    Sentence(sn.start, min(sn.end, len(cut)), cut[sn.start : min(sn.end, len(cut))])
                    for sn in sentences
                    if sn.start < len(cut)
                ]
            if not sentences and cut.strip():
                sentences = [Sentence(0, len(cut), cut)]
            tt = tokenize(article.title)
            per_sentence = [tokenize(sn.text) for sn in sentences]
            bt = list(chain.from_iterable(per_sentence))
            # The stream layout of _encode: headline, separator, body, separator.
            sentence_first.append(position)
            token_bucket += [bucket_base] * (len(tt) + 1)
            position += len(tt) + 1
            for j, toks in enumerate(per_sentence, start=1):
                sentence_first.append(position)
                token_bucket += [bucket_base + j] * len(toks)
                position += len(toks)
            token_bucket.append(bucket_base)
            position += 1
            docs.append({"article": article, "cut": cut, "sentences": sentences, "tt": tt, "bt": bt, "base": bucket_base})
            pairs.append((tt, bt))
            bucket_base += len(sentences) + 1
        n_buckets = bucket_base
        enc = self._encode(pairs)
        feature_sums, share, first, size, pattern_of = self._occurrences(enc, a)
        bucket = np.array(token_bucket, dtype=np.int64)[first]
        sums = np.bincount(bucket, weights=share, minlength=n_buckets)
        present = np.bincount(bucket, minlength=n_buckets) > 0
        by_bucket = np.argsort(bucket, kind="stable")
        bounds = np.searchsorted(bucket[by_bucket], np.arange(n_buckets + 1))
        names = self.patterns.feature_names()
        bias = a * self.intercept_ + self.calibration.shift
        style_coef = a * self.coef_[self._style_start :]

        parts = []
        for i, d in enumerate(docs):
            article, cut, sentences = d["article"], d["cut"], d["sentences"]
            t_codes, b_codes = enc.codes_of(i)
            raw_style, style = self._style(article.title, cut, d["tt"], d["bt"], t_codes, b_codes)
            style_contrib = style_coef * style
            n_words = count_words(b_codes)
            logit = bias + float(feature_sums[i]) + float(style_contrib.sum())
            p = float(sigmoid(logit))
            lo, hi = d["base"], d["base"] + len(sentences) + 1
            local = sums[lo:hi]
            order = [int(k) for k in np.argsort(-np.abs(local), kind="stable") if present[lo + k]]
            listed = order[:top_sentences]
            if present[lo] and 0 not in listed:
                listed.append(0)
            evidence = []
            for k in listed:
                occurrences = by_bucket[bounds[lo + k] : bounds[lo + k + 1]]
                evidence.append(
                    self._evidence_item(article, sentences, k, float(local[k]), occurrences, share, first, size,
                                        pattern_of, names, sentence_first[lo + k])
                )
            style_sum = float(style_contrib.sum())
            style_mass = float(np.abs(style_contrib).sum())
            listed_sum = math.fsum(local[k] for k in listed)
            mass = float(np.abs(local).sum()) + style_mass
            listed_mass = math.fsum(abs(local[k]) for k in listed) + style_mass
            signals = [
                {"name": name, "value": round(float(v), 4), "description": DESCRIPTIONS[name], "contribution": float(c)}
                for name, v, c in zip(NAMES, raw_style, style_contrib)
            ]
            signals.sort(key=lambda sig: -abs(sig["contribution"]))
            note = (
                "logit = bias + listed_sum + unlisted_sum, exactly; listed_sum covers the evidence items "
                "and every signal; coverage is the listed share of the absolute contributions"
            )
            if len(article.body) > self.max_chars:
                note += f"; only the first {self.max_chars} characters of the body were read"
            if n_words < MIN_WORDS:
                note += f"; the body has {n_words} words, fewer than {MIN_WORDS}, so the verdict is 'uncertain'"
            parts.append(
                {
                    "label": self.label(p, n_words),
                    "words_read": n_words,
                    "probability_unreliable": p,
                    "logit": logit,
                    "bias": bias,
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
            )
        return parts

    @staticmethod
    def _evidence_item(article, sentences, k, total, occurrences, share, first, size, pattern_of, names, first_token):
        """One evidence item (headline ``k == 0`` or sentence ``k``) with its strongest phrases."""
        if k == 0:
            item = {"kind": "title", "field": "title", "text": article.title, "start": 0, "end": len(article.title)}
            origin, source = 0, article.title
        else:
            sn = sentences[k - 1]
            item = {"kind": "sentence", "field": "body", "text": sn.text, "start": sn.start, "end": sn.end}
            origin, source = sn.start, article.body
        top = occurrences[np.argsort(-np.abs(share[occurrences]), kind="stable")[:TOP_PHRASES]].tolist()
        # Character spans of the item's tokens, as far as the phrases shown need them.
        last = max((int(first[j]) - first_token + int(size[j]) for j in top), default=0)
        spans = [m.span() for m in islice(TOKEN.finditer(item["text"]), last)]
        phrases = []
        for j in top:
            lo = int(first[j]) - first_token
            hi = min(lo + int(size[j]) - 1, len(spans) - 1)  # a pattern running into the next sentence is cut
            s, e = origin + spans[lo][0], origin + spans[hi][1]
            phrase = {"text": source[s:e], "start": s, "end": e, "contribution": float(share[j])}
            if pattern_of[j] >= 0:
                phrase["pattern"] = names[pattern_of[j]]
            phrases.append(phrase)
        return {**item, "contribution": total, "phrases": phrases}

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
