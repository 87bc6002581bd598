"""``segment``: split the body into sentences with character offsets.

A rule-based splitter, fast and dependency-free: a sentence ends at ``.``, ``!``,
``?`` or ``…`` (with any closing quotes or brackets) followed by space and an
upper-case letter, digit or opening quote, or at a blank line. Common
abbreviations ("Mr.", "U.S.", "Jan.") and initials ("H.L. Mencken") do not end one.
"""

from __future__ import annotations

import re

from ..article import Article, Sentence

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st gen gov sen rep col lt sgt capt cmdr adm pres rev hon
    jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc ltd co corp dept est fig approx""".split()
)
# Candidate boundary: terminal punctuation, optional closers, whitespace, then a likely sentence start.
_BOUNDARY = re.compile(r"""[.!?…]+['"’”)\]]*(?=\s+['"‘“(\[]?[A-Z0-9])|\n\s*\n""")
_WORD_BEFORE = re.compile(r"(\w+)\.$")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets; whitespace between them belongs to none.

    >>> [s.text for s in split_sentences("Mr. Kerry spoke. He left at 5 p.m. on Friday!  Then?")]
    ['Mr. Kerry spoke.', 'He left at 5 p.m. on Friday!', 'Then?']
    """
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group().startswith("."):
            word = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start() + 1)
            # "Mr." / "U.S." / "H.L." : an abbreviation or an initial, not the end of a sentence.
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        _append(out, text, start, end)
        start = end
    _append(out, text, start, len(text))
    return out


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    s = start + (len(chunk) - len(chunk.lstrip()))
    out.append(Sentence(s, s + len(stripped), stripped))


class Segmenter:
    """Assigns ``article.sentences``."""

    name = "segment"
    requires = ("body",)
    assigns = ("sentences",)

    def __call__(self, article: Article) -> Article:
        article.sentences = split_sentences(article.body)
        return article
