"""Which language a comment is in, asked only when the model does not know its words.

py3langid (a packaged model, no download) costs about 50 µs a comment, more than
scoring it; most comments are English and made of words the toxicity model
knows, so only comments whose known-word share is low are sent to it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Below this share of known words (and with at least :data:`MIN_TOKENS` tokens) a comment is identified.
KNOWN_SHARE = 0.6
MIN_TOKENS = 3
UNDETERMINED = "und"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # py3langid ships its model as an .npz read without pickle.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language(text: str, n_tokens: int, known_share: float) -> str:
    """An ISO 639-1 code, ``"en"`` for comments made mostly of known words, ``"und"`` for no words.

    >>> language("", 0, 0.0)
    'und'
    >>> language("good point", 2, 1.0)
    'en'
    """
    if n_tokens == 0:
        return UNDETERMINED
    if n_tokens < MIN_TOKENS or known_share >= KNOWN_SHARE:
        return "en"
    code, _confidence = _identifier().classify(text)
    return str(code)


def languages(texts: list[str], n_tokens: list[int], known_shares: list[float]) -> list[str]:
    """:func:`language` of each text, for a batch (the common cases decided without a call each).

    >>> languages(["", "good point"], [0, 2], [0.0, 1.0])
    ['und', 'en']
    """
    out = ["en"] * len(texts)
    for i, (n, share) in enumerate(zip(n_tokens, known_shares)):
        if n == 0 or (n >= MIN_TOKENS and share < KNOWN_SHARE):
            out[i] = language(texts[i], n, share)
    return out
