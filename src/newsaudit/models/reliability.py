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
from ..features.ngrams import NgramVectorizer
from ..features.style import DESCRIPTIONS, NAMES, style_features
from .calibration import Platt, sigmoid
from .store import load_model, save_model

KIND = "newsaudit.reliability"
#: The sentences and phrases shown by default.
TOP_SENTENCES = 5
TOP_PHRASES = 3


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

    # -- features ------------------------------------------------------------------
    @staticmethod
    def document(title: str, body: str, max_chars: int) -> str:
        return f"{title}\n\n{body[:max_chars]}"

    def style_vector(self, title: str, body: str) -> np.ndarray:
        z = (style_features(title, body[: self.max_chars]) - self.style_mean) / self.style_scale
        return np.clip(z, -self.style_clip, self.style_clip) * self.style_factor

    def _blocks(self) -> tuple[int, int]:
        nw = self.words.n_features
        return nw, nw + self.patterns.n_features

    def raw_logit(self, title: str, body: str) -> float:
        """The uncalibrated logit for one article (no explanation)."""
        w_end, p_end = self._blocks()
        wi, wv = self.words.transform(self.document(title, body, self.max_chars))
        pi, pv = self.patterns.transform(body[: self.max_chars])
        s = self.style_vector(title, body)
        coef = self.coef_
        return float(self.intercept_ + coef[wi] @ wv + coef[w_end + pi] @ pv + coef[p_end:] @ s)

    def predict_proba(self, articles: list[tuple[str, str]]) -> np.ndarray:
        """Calibrated probability of "unreliable" for ``(title, body)`` pairs."""
        z = np.array([self.raw_logit(t, b) for t, b in articles])
        return np.asarray(self.calibration(z))

    def label(self, p: float) -> str:
        lo, hi = self.uncertain_band
        return "uncertain" if lo <= p <= hi else ("unreliable" if p > hi else "reliable")

    # -- explanation ---------------------------------------------------------------
    def explain(self, article: Article, *, top_sentences: int = TOP_SENTENCES) -> dict[str, Any]:
        """The report's reliability part: label, probability and exact evidence."""
        title, body = article.title, article.body
        cut = body[: self.max_chars]
        body_offset = len(title) + 2
        a = self.calibration.scale
        w_end, p_end = self._blocks()

        # Every occurrence of every feature, in document coordinates, with its share of
        # that feature's contribution (a feature's contribution split evenly over its occurrences).
        cols_w, s_w, e_w = self.words.hits(self.document(title, body, self.max_chars), spans=True)
        cols_p, s_p, e_p = self.patterns.hits(cut, spans=True)
        shares, feature_sum = [], 0.0
        for vec, cols, base in ((self.words, cols_w, 0), (self.patterns, cols_p, w_end)):
            idx, values, counts, inverse = vec.weigh(cols)
            contrib = a * self.coef_[base + idx] * values
            feature_sum += float(contrib.sum())
            shares.append((contrib / counts)[inverse])
        share = np.concatenate(shares)
        starts = np.concatenate([s_w, s_p + body_offset])
        ends = np.concatenate([e_w, e_p + body_offset])
        pattern_of = np.concatenate([np.full(len(cols_w), -1), cols_p])

        style = self.style_vector(title, body)
        style_contrib = a * self.coef_[p_end:] * style
        bias = a * self.intercept_ + self.calibration.shift
        logit = bias + feature_sum + float(style_contrib.sum())
        p = float(sigmoid(logit))

        # Sentence of each occurrence: the title is bucket 0, body sentence i is bucket i + 1.
        sentences = [sn for sn in article.sentences if sn.start < len(cut)] or [Sentence(0, len(cut), cut)]
        bounds = np.array([0] + [body_offset + sn.start for sn in sentences[1:]])
        bucket = np.where(starts < body_offset, 0, np.searchsorted(bounds, starts, side="right"))
        sums = np.bincount(bucket, weights=share, minlength=len(sentences) + 1)
        present = np.bincount(bucket, minlength=len(sentences) + 1) > 0

        order = [int(i) for i in np.argsort(-np.abs(sums)) if present[i]]
        listed = order[:top_sentences]
        if present[0] and 0 not in listed:
            listed.append(0)
        style_sum = float(style_contrib.sum())
        style_mass = float(np.abs(style_contrib).sum())
        listed_sum = math.fsum(sums[i] for i in listed)
        mass = float(np.abs(sums).sum()) + style_mass
        listed_mass = math.fsum(abs(sums[i]) for i in listed) + style_mass
        patterns = self.patterns.feature_names() if len(listed) else []
        evidence = [
            self._item(i, sentences, article, sums[i], bucket, share, starts, ends, pattern_of, patterns, body_offset)
            for i in listed
        ]
        signals = [
            {"name": n, "value": round(float(v), 4), "description": DESCRIPTIONS[n], "contribution": float(c)}
            for n, v, c in zip(NAMES, style_features(title, cut), style_contrib)
        ]
        signals.sort(key=lambda s: -abs(s["contribution"]))
        note = (
            "logit = bias + listed_sum + unlisted_sum, exactly; listed_sum covers the evidence items "
            "and every signal; coverage is the listed share of the absolute contributions"
        )
        if len(body) > self.max_chars:
            note += f"; only the first {self.max_chars} characters of the body were read"
        return {
            "label": self.label(p),
            "probability_unreliable": p,
            "logit": logit,
            "bias": bias,
            "evidence": evidence,
            "signals": signals,
            "explanation": {
                "listed_sum": listed_sum + style_sum,
                "unlisted_sum": float(sums.sum()) - listed_sum,
                "coverage": listed_mass / mass if mass else 1.0,
                "note": note,
            },
            "uncertain_band": list(self.uncertain_band),
        }

    @staticmethod
    def _item(i, sentences, article, total, bucket, share, starts, ends, pattern_of, patterns, body_offset):
        if i == 0:
            field, start, end, text, offset, source = "title", 0, len(article.title), article.title, 0, article.title
        else:
            sn = sentences[i - 1]
            field, start, end, text, offset, source = "body", sn.start, sn.end, sn.text, body_offset, article.body
        mine = np.flatnonzero(bucket == i)
        top = mine[np.argsort(-np.abs(share[mine]), kind="stable")[:TOP_PHRASES]]
        phrases = []
        for k in top.tolist():
            s = max(int(starts[k]) - offset, 0)
            e = min(int(ends[k]) - offset, len(source))  # a bigram joining headline and body is cut at the headline
            phrase = {"text": source[s:e], "start": s, "end": e, "contribution": float(share[k])}
            if pattern_of[k] >= 0:
                phrase["pattern"] = patterns[pattern_of[k]]
            phrases.append(phrase)
        return {
            "kind": "title" if i == 0 else "sentence",
            "field": field,
            "text": text,
            "start": start,
            "end": end,
            "contribution": float(total),
            "phrases": phrases,
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
        config, arrays, manifest = load_model(directory)
        if config.get("kind") != KIND:
            raise ModelError(f"{directory} holds a {config.get('kind')!r} model, not a reliability model")
        if config["style_names"] != list(NAMES):
            raise ModelError(f"{directory} was trained with other style features; retrain it with `newsaudit train`")
        words = NgramVectorizer.from_config(config["words"], arrays["words_idf"])
        patterns = NgramVectorizer.from_config(config["patterns"], arrays["patterns_idf"])
        expected = words.n_features + patterns.n_features + len(NAMES)
        if arrays["coef"].shape != (expected,):
            raise ModelError(f"{directory}: coef has shape {arrays['coef'].shape}, expected ({expected},)")
        info = dict(config.get("info", {}))
        info["sha256"] = manifest["files"]
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
            info=info,
        )
