"""Direct quotations and who said them.

Finding the quotes
------------------
One left-to-right pass per paragraph over the quotation marks. Curly marks say
which side they are (“ opens, ” closes); a straight ``"`` is an opener after a
space or at the start, a closer before a space or punctuation, and otherwise
toggles. A closer with no opener before it in the paragraph makes a quote that
starts where the paragraph (or, after an earlier quote, its sentence) starts: the
opening mark was lost. An opener with no closer makes a quote that runs to the
next opener or the paragraph's end, cut back to its last full stop. Paragraphs
are separated by blank lines; single line breaks are inside a paragraph, so a
quote may span them. Single marks (‘…’) count only in matched pairs outside
double quotes, because ’ is mostly an apostrophe. Quoted runs of fewer than three
words without inner punctuation ("war crimes", “beyond accidental”) are scare
quotes or names, not speech, and are left out.

Finding the speaker
-------------------
Tried in order: right after the quote ("…,” *said X* / *X said* / *X told
reporters*), then before it in its sentence ("*X said:* “…", "*Authorities in
Damascus have said* “…", "*according to X*, “…"), then, for a quote that is the
first thing in its paragraph, a previous paragraph ending in a colon, and last
the speaker of the previous quote when nothing names anyone new in between (a
quote continued over paragraphs). "he"/"she" become the nearest named person
before the pronoun; the speaker offsets then point at that person's mention.

Every step is bounded per mark, so the whole pass is linear in the text length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any, NamedTuple

from .lexicon import PERSON_PRONOUNS, SPEECH_VERBS, WEAK_SPEECH_VERBS
from .mentions import People, Phrase, Token, phrase_after, phrase_before, tokenize

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_DOUBLE_MARKS = "\"“”„‟«»"
_SINGLE_MARK = re.compile(r"[‘’']")
# A single mark that :func:`_single_quotes` may take as an opener: ‘ or ' after no letter or digit (the
# character before a paragraph never is one) and before one.
_SINGLE_OPENER = re.compile(r"['‘](?<![^\W_]['‘])(?=[^\W_])")
_OPENERS = frozenset("“„‟«")
_CLOSERS = frozenset("”»")
_SENTENCE_END = re.compile(r"[.!?…]")
# Quote runs shorter than this many words are kept only with inner punctuation.
MIN_WORDS = 3
# An unclosed quote is cut at this many characters: a lost closing mark must not swallow a page.
MAX_UNCLOSED = 1200
# Characters either side of a quote searched for its attribution.
WINDOW = 200


class _Span(NamedTuple):
    start: int  # first character of the quoted text
    end: int  # one past its last character
    outer_start: int  # the opening mark, or ``start`` when it is missing
    outer_end: int  # one past the closing mark, or ``end`` when it is missing


def find_quote_spans(body: str, sentence_starts: Sequence[int] = ()) -> list[_Span]:
    """Ranges of the direct quotations in ``body``, in order.

    Parameters
    ----------
    body : str
    sentence_starts : sequence of int
        Start offsets of the sentences (sorted); a quote whose opening mark is
        missing starts no earlier than its sentence when an earlier quote ended
        in the same paragraph.

    Examples
    --------
    >>> body = 'He said “we will win the vote,” and left. Then: "It is over."'
    >>> [body[s.start:s.end] for s in find_quote_spans(body)]
    ['we will win the vote,', 'It is over.']
    """
    return _quote_spans(body, sentence_starts, _paragraphs(body))


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph of ``body``: the text between blank lines."""
    bounds = []
    position = 0
    for m in _PARAGRAPH_BREAK.finditer(body):
        bounds.append((position, m.start()))
        position = m.end()
    bounds.append((position, len(body)))
    return bounds


def _quote_spans(body: str, sentence_starts: Sequence[int], paragraphs: list[tuple[int, int]]) -> list[_Span]:
    """:func:`find_quote_spans` with the body's :func:`_paragraphs`.

    The marks are found in one pass over the body, so that the many paragraphs without one cost a lookup.
    """
    doubles = _positions(body, _DOUBLE_MARKS)
    # A paragraph ends before a line break, so whether a mark opens reads the same in the body as in it.
    openers = [m.start() for m in _SINGLE_OPENER.finditer(body)] if "'" in body or "‘" in body else []
    spans: list[_Span] = []
    if not doubles and not openers:
        return spans
    for start, end in paragraphs:
        first, last = bisect_left(doubles, start), bisect_left(doubles, end)
        k = bisect_left(openers, start)
        has_opener = k < len(openers) and openers[k] < end
        if first < last or has_opener:
            _paragraph(body, start, end, sentence_starts, spans, doubles[first:last], has_opener)
    return spans


def _positions(text: str, chars: str) -> list[int]:
    """Where each of ``chars`` occurs in ``text``, in order (``str.find`` scans far faster than a character
    class, and an article has few quotation marks).

    >>> _positions('a “b” "c"', _DOUBLE_MARKS)
    [2, 4, 6, 8]
    """
    found = []
    for char in chars:
        i = text.find(char)
        while i >= 0:
            found.append(i)
            i = text.find(char, i + 1)
    found.sort()
    return found


def _paragraph(
    body: str,
    start: int,
    end: int,
    sentence_starts: Sequence[int],
    out: list[_Span],
    marks: list[int],
    has_opener: bool,
) -> None:
    """The quotes of the paragraph ``[start, end)``: ``marks`` are the positions of its double marks, and
    ``has_opener`` says whether a single mark in it may open a quote."""
    while start < end and body[start] in " \t\r\n•*-–—>":
        start += 1
    if start >= end:
        return
    found: list[_Span] = []
    open_at: int | None = None
    segment_start = start  # where a quote with a lost opening mark may begin
    for pos in marks:
        mark = body[pos]
        if mark == '"':
            before = body[pos - 1] if pos > start else " "
            after = body[pos + 1] if pos + 1 < end else " "
            opens = before.isspace() or before in "([{—–-/:"
            closes = after.isspace() or after in ".,;:!?)]}—–-"
            is_opener = (opens and not closes) or (opens == closes and open_at is None)
        else:
            is_opener = mark in _OPENERS
        if is_opener:
            if open_at is not None:
                _unclosed(body, open_at, pos, found)
            open_at = pos
            continue
        if open_at is not None:
            found.append(_Span(open_at + 1, pos, open_at, pos + 1))
        else:
            lead = segment_start
            if segment_start > start:
                i = bisect_right(sentence_starts, pos) - 1
                if i >= 0 and sentence_starts[i] > lead:
                    lead = sentence_starts[i]
            while lead < pos and body[lead].isspace():
                lead += 1
            found.append(_Span(lead, pos, lead, pos + 1))
        open_at = None
        segment_start = pos + 1
    if open_at is not None:
        _unclosed(body, open_at, end, found)
    if has_opener:
        _single_quotes(body, start, end, found)
    else:
        found.sort()  # no single mark can open: there is nothing to pair
    out.extend(s for s in found if body[s.start : s.end].strip())


def _unclosed(body: str, open_at: int, limit: int, out: list[_Span]) -> None:
    """A quote whose closing mark is missing: up to ``limit``, cut back to its last sentence end."""
    limit = min(limit, open_at + MAX_UNCLOSED)
    end = limit
    # Search back a bounded distance for the last full stop: the quote most likely ended there.
    for k in range(limit - 1, max(open_at, limit - 400), -1):
        if body[k] in ".!?…":
            end = k + 1
            break
    while end > open_at + 1 and body[end - 1].isspace():
        end -= 1
    out.append(_Span(open_at + 1, end, open_at, end))


def _single_quotes(body: str, start: int, end: int, found: list[_Span]) -> None:
    """Matched ‘…’ (or '…') pairs outside double quotes; an apostrophe between letters is never a mark."""
    taken = sorted((s.outer_start, s.outer_end) for s in found)
    k = 0
    open_at: int | None = None
    extra: list[_Span] = []
    for m in _SINGLE_MARK.finditer(body, start, end):
        pos = m.start()
        while k < len(taken) and taken[k][1] <= pos:
            k += 1
        if k < len(taken) and taken[k][0] <= pos:
            open_at = None
            continue
        before = body[pos - 1] if pos > start else " "
        after = body[pos + 1] if pos + 1 < end else " "
        if before.isalnum() and after.isalnum():
            continue  # Kerry’s, don't
        if m.group() in "‘'" and not before.isalnum() and after.isalnum():
            open_at = pos
        elif open_at is not None and m.group() in "’'" and not after.isalnum():
            if pos - open_at <= 400 and "\n" not in body[open_at:pos].strip("\n"):
                extra.append(_Span(open_at + 1, pos, open_at, pos + 1))
            open_at = None
    found.extend(extra)
    found.sort()


def _is_short(body: str, span: _Span) -> bool:
    """Fewer than :data:`MIN_WORDS` words and no inner punctuation: a scare quote or a name, unless attributed."""
    text = body[span.start : span.end].strip()
    return len(text.split(None, MIN_WORDS)) < MIN_WORDS and text[-1] not in ".,!?…"


# -- speakers ----------------------------------------------------------------------------------------


def find_quotes(body: str, sentence_starts: Sequence[int] = ()) -> list[dict[str, Any]]:
    """The quotations of ``body`` with their speakers, as report items.

    Examples
    --------
    >>> body = "UN’s envoy for Syria, Staffan de Mistura, spoke.\\n\\n“I am ready to go with you,” he said on Thursday."
    >>> [(q["text"], q["speaker"], q["verb"]) for q in find_quotes(body)]
    [('I am ready to go with you,', 'Staffan de Mistura', 'said')]
    """
    paragraphs = _paragraphs(body)
    spans = _quote_spans(body, sentence_starts, paragraphs)
    if not spans:
        return []
    # Read on demand (see :class:`People`): most articles never resolve a pronoun or continue a quote.
    people = People(body, [(s.outer_start, s.outer_end) for s in spans])
    paragraph_starts = [start for start, _ in paragraphs]
    short = [_is_short(body, span) for span in spans]
    quotes: list[dict[str, Any]] = []
    previous: tuple[_Span, Phrase | None, int] | None = None
    for i, span in enumerate(spans):
        paragraph = bisect_right(paragraph_starts, span.outer_start) - 1
        next_start = spans[i + 1].outer_start if i + 1 < len(spans) else len(body)
        prev_end = spans[i - 1].outer_end if i and not short[i - 1] else 0
        paragraph_end = paragraph_starts[paragraph + 1] if paragraph + 1 < len(paragraph_starts) else len(body)
        next_start = min(next_start, paragraph_end)
        phrase, verb = _attribution(body, span, next_start, prev_end, paragraph_starts[paragraph], sentence_starts)
        if short[i]:
            if phrase is None:
                continue
        elif phrase is None and previous is not None:
            phrase, verb = _continued(body, span, previous, paragraph, paragraph_starts, people)
        if phrase is not None and phrase.is_pronoun:
            phrase = people.before(phrase.start) if phrase.text.lower() in PERSON_PRONOUNS else phrase
        elif phrase is not None and phrase.is_person and verb is not None:
            people.add(phrase, subject=True)
        quotes.append(
            {
                "text": body[span.start : span.end],
                "speaker": phrase.text if phrase else None,
                "speaker_start": phrase.start if phrase else None,
                "speaker_end": phrase.end if phrase else None,
                "verb": verb,
                "start": span.start,
                "end": span.end,
            }
        )
        previous = (span, phrase, paragraph)
    return quotes


def _attribution(
    body: str, span: _Span, next_start: int, prev_end: int, paragraph_start: int, sentence_starts: Sequence[int]
) -> tuple[Phrase | None, str | None]:
    # After the quote: "…,” said X" / "…,” X said".
    after_end = min(next_start, span.outer_end + WINDOW)
    after = tokenize(body, 0, span.outer_end, after_end)
    # “… it.” She said …: a full stop inside the quote and a capital after it start a new sentence.
    new_sentence = bool(after) and after[0].is_cap and body[span.start : span.end].rstrip().endswith(".")
    found = (None, None) if new_sentence else _after(after, body)
    if found[0] is not None:
        return found
    # Before the quote, in its sentence: "X said: “…".
    i = bisect_right(sentence_starts, span.outer_start) - 1
    sentence_start = sentence_starts[i] if i >= 0 else 0
    lo = max(prev_end, paragraph_start, sentence_start, span.outer_start - WINDOW)
    found = _before(tokenize(body, 0, lo, span.outer_start), body)
    if found[0] is not None:
        return found
    # A quote opening its paragraph after "X said:" at the end of the previous one.
    if lo == paragraph_start and paragraph_start > 0:
        tail = body[max(0, paragraph_start - WINDOW) : paragraph_start].rstrip()
        if tail.endswith(":"):
            return _before(tokenize(body, 0, max(0, paragraph_start - WINDOW), paragraph_start), body)
    return None, None


def _after(tokens: list[Token], body: str) -> tuple[Phrase | None, str | None]:
    i = 0
    while i < len(tokens) and tokens[i].text in ",.;:!?—–-":
        i += 1
    if i >= len(tokens):
        return None, None
    if tokens[i].lower in SPEECH_VERBS:
        return phrase_after(tokens, i + 1, body), tokens[i].text
    phrase = phrase_after(tokens, i, body)
    if phrase is None:
        return None, None
    # Skip the phrase, an aside ("Okonkwo, 36, told"), then auxiliaries ("X has said", "X later told").
    j = i
    while j < len(tokens) and tokens[j].end <= phrase.end:
        j += 1
    if j < len(tokens) and tokens[j].text == ",":
        k = j + 1
        while k < len(tokens) and k - j <= 6 and tokens[k].text != ",":
            k += 1
        if k < len(tokens) and tokens[k].text == ",":
            j = k + 1
            if j < len(tokens) and tokens[j].lower in SPEECH_VERBS:
                return phrase, tokens[j].text
    while j < len(tokens) and tokens[j].lower in _AFTER_AUXILIARIES:
        j += 1
    if (
        j < len(tokens)
        and tokens[j].lower in SPEECH_VERBS
        and (phrase.is_pronoun or phrase.end == tokens[j - 1].end or tokens[j - 1].lower in _AFTER_AUXILIARIES)
    ):
        return phrase, tokens[j].text
    return None, None


_AFTER_AUXILIARIES = frozenset(("has", "have", "had", "also", "later", "then", "once", "again"))
# Words that may stand between a speech verb and the quote: "told reporters on Friday:", "wrote on Twitter".
_MAX_GAP = 12


def _before(tokens: list[Token], body: str) -> tuple[Phrase | None, str | None]:
    n = len(tokens)
    for i in range(n - 1, max(-1, n - 1 - _MAX_GAP - 1), -1):
        tok = tokens[i]
        if tok.text in '.!?“”"':
            break
        if tok.lower in SPEECH_VERBS:
            phrase = phrase_before(tokens, i, body)
            if phrase is None and i + 1 < n:
                phrase = phrase_after(tokens, i + 1, body)  # "said Lavrov: “…"
            if phrase is not None and tok.lower in WEAK_SPEECH_VERBS and not (phrase.is_person or phrase.is_pronoun):
                phrase = None  # "a conference call": "call" as a noun
            if phrase is not None:
                return phrase, tok.text
        if tok.lower == "to" and i > 0 and tokens[i - 1].lower == "according":
            return phrase_after(tokens, i + 1, body), "according to"
    return None, None


def _continued(
    body: str,
    span: _Span,
    previous: tuple[_Span, Phrase | None, int],
    paragraph: int,
    paragraph_starts: list[int],
    people: People,
) -> tuple[Phrase | None, str | None]:
    """A quote with no attribution of its own goes on the previous speaker's quote, if nobody new came between."""
    prev_span, prev_phrase, prev_paragraph = previous
    if prev_phrase is None or paragraph - prev_paragraph > 1:
        return None, None
    nearest = people.before(span.outer_start)
    if nearest is not None and nearest.start >= prev_span.outer_end and nearest.text != prev_phrase.text:
        return None, None
    return prev_phrase, None
