"""Read an article from an HTML page: title and body via trafilatura, comments from their markup.

Comments are found where the markup says so: an element whose class or id has
the word ``comment`` (``<li class="comment">``, ``<div class="comment-body">``,
``id="comment-12"``) or a schema.org ``itemtype`` ending in ``/Comment``. Each
comment is anchored on its author element, so the nested wrappers of one comment
(WordPress puts ``article.comment-body`` inside ``li.comment``) count once, while
replies nested inside a comment count as comments of their own. Comment elements
are removed from the page before the body is extracted, so their text cannot leak
into it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsaudit.article import Article, Comment
from newsaudit.errors import EmptyInputError, FormatError
from newsaudit.read.decode import DEFAULT_MAX_BYTES, decode

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

# Words of a class or id, split at "-", "_" and camelCase: "commentBody" -> comment, body.
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# Words that make a "comment-..." class a part of a comment, not a comment.
_PART_WORDS = frozenset({
    "author", "name", "fn", "meta", "metadata", "content", "text", "date", "time", "avatar", "link", "links",
    "button", "form", "respond", "count", "title", "header", "footer", "nav", "no", "edit", "permalink",
    "awaiting", "moderation",
})  # fmt: skip
_AUTHOR_WORDS = frozenset({"author", "name", "fn", "username", "nickname"})
_TEXT_WORDS = frozenset({"content", "text", "body", "message"})
# Containers of the whole comment section, removed with the comments: id="comments", class="commentlist".
_SECTION_FIRST_WORDS = frozenset({"comments", "commentlist"})
_COMMENT_ITEMTYPES = ("/Comment", "/UserComments")

_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head"})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
})  # fmt: skip
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def read_html(source: str | bytes, *, url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read an article and its comments from an HTML page.

    Parameters
    ----------
    source : str or bytes
        The HTML itself (not a file path).
    url : str or None
        Where the page was published; when not given, taken from
        ``<link rel="canonical">`` or the ``og:url`` meta tag.
    max_bytes : int
        Largest accepted input size in bytes.

    Returns
    -------
    Article
        Title and body as extracted by trafilatura (offline, favouring precision),
        or the text of ``<article>``/``<body>`` when it finds nothing, and the
        comments marked up on the page.

    Raises
    ------
    EmptyInputError
        The input is blank, or the page holds no article text.
    InputError
        The input is binary, undecodable, too large or not parseable HTML.

    Examples
    --------
    >>> page = '''<html><head><link rel="canonical" href="https://example.org/dam"></head>
    ... <body><article><p>The dam opened on Friday.</p></article>
    ... <ol><li class="comment"><b class="author">Ann</b><p class="text">Finally!</p></li></ol></body></html>'''
    >>> a = read_html(page)
    >>> a.body, a.domain, [(c.author, c.text) for c in a.comments]
    ('The dam opened on Friday.', 'example.org', [('Ann', 'Finally!')])
    """
    return parse(decode(source, max_bytes), url=url)


def parse(text: str, *, url: str | None = None) -> Article:
    """Build an :class:`Article` from decoded HTML (see :func:`read_html`).

    Parameters
    ----------
    text : str
        Text already checked by :func:`~newsaudit.read.decode.decode`.
    url : str or None
        Where the page was published, if known.

    Returns
    -------
    Article
    """
    # Imported here: lxml and trafilatura are slow to import and only HTML needs them.
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise FormatError(f"the input could not be parsed as HTML: {exc}") from exc
    url = url or _page_url(tree)
    comments = _extract_comments(tree)
    title, body = _extract_article(tree)
    if not body:
        raise EmptyInputError("the HTML page holds no article text")
    return Article(body=body, title=title, url=url, comments=comments)


def _extract_article(tree: HtmlElement) -> tuple[str, str]:
    import trafilatura

    doc = trafilatura.bare_extraction(tree, include_comments=False, favor_precision=True, with_metadata=True)
    title = (doc.title or "").strip() if doc is not None else ""
    title = title or _fallback_title(tree)
    if doc is not None and doc.text and doc.text.strip():
        # trafilatura puts one element per line; the body keeps paragraphs apart with a blank line.
        paragraphs = [line.strip() for line in doc.text.split("\n") if line.strip()]
    else:
        main = next(iter(tree.xpath("//article") or tree.xpath("//body")), tree)
        paragraphs = _text(main).split("\n\n")
    # The headline is often repeated as the first line of the extracted text.
    if len(paragraphs) > 1 and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return title, "\n\n".join(paragraphs).strip()


def _fallback_title(tree: HtmlElement) -> str:
    og_title = tree.xpath("string(//meta[@property='og:title']/@content)")
    title = tree.xpath("string(//title)")
    h1 = next(iter(tree.iter("h1")), None)
    for found in (og_title, title, _text(h1) if h1 is not None else ""):
        if found.strip():
            return _HTML_SPACE.sub(" ", found).strip()
    return ""


def _page_url(tree: HtmlElement) -> str | None:
    candidates = [
        link.get("href", "") for link in tree.iter("link") if "canonical" in (link.get("rel") or "").lower().split()
    ]
    candidates += [meta.get("content", "") for meta in tree.iter("meta") if meta.get("property") == "og:url"]
    # A relative link names no site, so it cannot give the article's domain.
    return next((c.strip() for c in candidates if re.match(r"^\s*(https?:)?//\w", c)), None)


def _extract_comments(tree: HtmlElement) -> list[Comment]:
    """Find the comments, read them, then remove them and their section from ``tree``."""
    order = {el: n for n, el in enumerate(tree.iter())}
    units = _comment_units(tree)
    unit_set = set(units)
    comments = []
    for unit in sorted(units, key=order.__getitem__):
        comment = _read_comment(unit, unit_set)
        if comment is not None:
            comments.append(comment)
    sections = [el for el in tree.iter() if isinstance(el.tag, str) and _is_section(el)]
    for el in _outermost(sections + units):
        el.drop_tree()
    return comments


def _comment_units(tree: HtmlElement) -> list[HtmlElement]:
    """One element per comment, without the wrappers and parts of another comment."""
    units: dict[HtmlElement, None] = {}
    # Each author belongs to the nearest comment element around it.
    for el in tree.iter():
        if isinstance(el.tag, str) and _is_author(el):
            unit = next((a for a in el.iterancestors() if _is_comment(a)), None)
            if unit is not None:
                units[unit] = None
    # Comments without author markup: innermost comment elements away from those found.
    for el in tree.iter():
        if (
            isinstance(el.tag, str)
            and _is_comment(el)
            and not any(_is_comment(d) or d in units for d in el.iterdescendants())
            and not any(a in units for a in el.iterancestors())
            and _text(el)
        ):
            units[el] = None
    return list(units)


def _read_comment(unit: HtmlElement, units: set[HtmlElement]) -> Comment | None:
    """Author and text of one comment, leaving out the replies nested inside it."""
    own = list(_own_elements(unit, units))
    author_el = next((el for el in own if _is_author(el)), None)
    author = _author_text(author_el) if author_el is not None else None
    skip = units | {author_el} if author_el is not None else units
    # The longest text element, so that a small label ("screen-reader-text") is not taken for it;
    # else all of the comment but its author.
    texts = [_text(el, skip=skip) for el in own if _is_text(el)]
    text = max(texts, key=len, default="") or _text(unit, skip=skip)
    return Comment(text=text, author=author or None) if text else None


def _own_elements(unit: HtmlElement, units: set[HtmlElement]) -> Iterator[HtmlElement]:
    """The elements inside ``unit`` that are not inside another comment."""
    for child in unit:
        if not isinstance(child.tag, str) or child in units:
            continue
        yield child
        yield from _own_elements(child, units)


def _author_text(el: HtmlElement) -> str:
    # The name itself, without what sits beside it ("<cite class=fn>Ann</cite> says:").
    for inner in el.iterdescendants():
        if isinstance(inner.tag, str) and (_words(inner) & {"fn", "name"} or "name" in _itemprop(inner)):
            el = inner
            break
    return _text(el).replace("\n", " ")


def _is_comment(el: HtmlElement) -> bool:
    """A comment or one of its wrappers, not a part of it (author, content, meta...)."""
    if el.tag in ("html", "body"):
        return False
    if (el.get("itemtype") or "").rstrip("/").endswith(_COMMENT_ITEMTYPES):
        return True
    return any("comment" in words and not words & _PART_WORDS for words in _token_words(el))


def _is_author(el: HtmlElement) -> bool:
    if "author" in _itemprop(el):
        return True
    return not _is_comment(el) and bool(_words(el) & _AUTHOR_WORDS)


def _is_text(el: HtmlElement) -> bool:
    return "text" in _itemprop(el) or bool(_words(el) & _TEXT_WORDS)


def _is_section(el: HtmlElement) -> bool:
    return any(words and words[0] in _SECTION_FIRST_WORDS for words in map(_split, _tokens(el)))


def _tokens(el: HtmlElement) -> list[str]:
    return (el.get("class") or "").split() + (el.get("id") or "").split()


def _split(token: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(token)]


def _token_words(el: HtmlElement) -> list[set[str]]:
    return [set(_split(token)) for token in _tokens(el)]


def _words(el: HtmlElement) -> set[str]:
    return set().union(*_token_words(el))


def _itemprop(el: HtmlElement) -> list[str]:
    return (el.get("itemprop") or "").split()


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    chosen = set(elements)
    return [el for el in chosen if not any(a in chosen for a in el.iterancestors())]


def _text(el: HtmlElement, skip: set[HtmlElement] = frozenset()) -> str:
    """Visible text of ``el`` with blank lines between blocks and line breaks at ``<br>``."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        block = node.tag in _BLOCK_TAGS
        if node.tag == "br":
            parts.append("\n")
        elif block:
            parts.append("\n\n")
        if node.text:
            parts.append(_HTML_SPACE.sub(" ", node.text))
        for child in node:
            if isinstance(child.tag, str) and child not in skip and child.tag not in _SKIPPED_TAGS:
                walk(child)
            if child.tail:
                parts.append(_HTML_SPACE.sub(" ", child.tail))
        if block:
            parts.append("\n\n")

    walk(el)
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
