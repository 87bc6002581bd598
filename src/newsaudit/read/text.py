"""Read plain text as people copy it from a web page: title, body, then the comment section.

The expected shape::

    Headline on the first line

    Body paragraph.

    Another body paragraph.

      • Username

        Their comment, maybe over several paragraphs.

      • Another user

        Another comment.

Comments are the *trailing* run of bullet blocks: a bullet line holding a name,
then the comment text up to the next bullet line. A bulleted list inside the
body is followed by more body text, so it is not part of that run.
"""

from __future__ import annotations

import re
import textwrap

from newsaudit.article import Article, Comment
from newsaudit.read.decode import DEFAULT_MAX_BYTES, decode

# A bullet line: optional indentation, a bullet character, at least one space, the item.
_BULLET = re.compile(r"^[ \t]*([•*\-·‣◦])[ \t]+(\S.*?)\s*$")

# An author line holds a name, not a sentence.
_MAX_NAME_CHARS = 60
_MAX_NAME_WORDS = 6
_SENTENCE_END = (".", "!", "?", ":", ";", ",")
# Names may end with an initial or an abbreviation: "John Q.", "Tom Smith Jr."
_ENDS_WITH_INITIAL = re.compile(r"(?:^|\s)[A-Z][a-z]?\.$")

# A first line longer than this is a paragraph, not a headline.
_MAX_TITLE_CHARS = 200


def read_text(source: str | bytes, *, url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read an article pasted from a web page: title line, body, then reader comments.

    Parameters
    ----------
    source : str or bytes
        The text itself (not a file path).
    url : str or None
        Where the article was published, if known.
    max_bytes : int
        Largest accepted input size in bytes.

    Returns
    -------
    Article
        Title from the first non-empty line, the body paragraphs, and the trailing
        comment section split into one :class:`Comment` per bullet block.

    Raises
    ------
    InputError
        The input is empty, binary, undecodable or too large.

    Examples
    --------
    >>> a = read_text("Storm closes port\\n\\nThe port shut on Monday.\\n\\n• Ann\\n\\n  Stay safe!")
    >>> a.title, a.body, [(c.author, c.text) for c in a.comments]
    ('Storm closes port', 'The port shut on Monday.', [('Ann', 'Stay safe!')])
    """
    return parse(decode(source, max_bytes), url=url)


def parse(text: str, *, url: str | None = None) -> Article:
    """Split decoded text into title, body and comments (see :func:`read_text`).

    Parameters
    ----------
    text : str
        Text already checked by :func:`~newsaudit.read.decode.decode` (LF line endings).
    url : str or None
        Where the article was published, if known.

    Returns
    -------
    Article
    """
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    title = lines[first].strip()
    if len(title) > _MAX_TITLE_CHARS:
        title, rest = "", lines[first:]
    else:
        rest = lines[first + 1 :]
    comments_start, comments = _split_comments(rest)
    body = _join(rest[:comments_start])
    if not body:
        # A lone line is the text itself, not a headline over nothing.
        title, body = "", title
    return Article(body=body, title=title, url=url, comments=comments)


def _split_comments(lines: list[str]) -> tuple[int, list[Comment]]:
    """Return where the comment section starts (``len(lines)`` if none) and its comments.

    Each bullet character is tried on its own, so bullets of another kind inside a
    comment (a list someone typed) stay part of that comment's text. The longest
    trailing run wins; on a tie the later one, because comments come last.
    """
    bullets = [(i, m.group(1), m.group(2)) for i, line in enumerate(lines) if (m := _BULLET.match(line))]
    best_start, best = len(lines), []
    for marker in {marker for _, marker, _ in bullets}:
        items = [(i, item) for i, m, item in bullets if m == marker]
        start, comments = _trailing_run(lines, items)
        if (len(comments), start) > (len(best), best_start):
            best_start, best = start, comments
    return best_start, best


def _trailing_run(lines: list[str], items: list[tuple[int, str]]) -> tuple[int, list[Comment]]:
    """Walk back from the end over bullet blocks of one kind while each is a name plus text."""
    run: list[tuple[int, Comment]] = []
    end = len(lines)
    stopped_on_bare_item = False
    for i, item in reversed(items):
        text = _join(lines[i + 1 : end], dedent=True)
        if not text or not _is_name(item):
            stopped_on_bare_item = not text
            break
        run.append((i, Comment(text=text, author=item)))
        end = i
    run.reverse()
    if run and stopped_on_bare_item:
        # A bullet with nothing under it, right before the run, is a list item; so
        # the first block of the run is that list's last item followed by more body
        # text ("- Apples / - Pears / Then the body goes on."), not a comment.
        run.pop(0)
    start = run[0][0] if run else len(lines)
    return start, [comment for _, comment in run]


def _is_name(item: str) -> bool:
    if len(item) > _MAX_NAME_CHARS or len(item.split()) > _MAX_NAME_WORDS:
        return False
    if not any(ch.isalnum() for ch in item):
        return False
    return not item.endswith(_SENTENCE_END) or bool(_ENDS_WITH_INITIAL.search(item))


def _join(lines: list[str], *, dedent: bool = False) -> str:
    """Join lines without trailing whitespace or surrounding blank lines; dedent comment text."""
    text = "\n".join(line.rstrip() for line in lines)
    if dedent:
        text = textwrap.dedent(text)
    return text.strip()
