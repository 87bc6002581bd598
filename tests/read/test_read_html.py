"""The HTML reader: article via trafilatura, comments from their markup, URL from the page."""

from __future__ import annotations

import pytest

from newsaudit.errors import EmptyInputError
from newsaudit.read import read_html

# WordPress comment markup: li.comment wraps article.comment-body (two wrappers, one comment),
# the author sits in .comment-author with the name in .fn and " says:" beside it, and a
# reply is nested inside its parent's li.
WORDPRESS = """<!DOCTYPE html>
<html><head><title>Bridge reopens after repairs | Town Gazette</title>
<link rel="canonical" href="https://www.towngazette.example/bridge-reopens"></head>
<body><header><nav><a href="/">Home</a> <a href="/local">Local</a></nav></header>
<article class="post"><h1>Bridge reopens after repairs</h1>
<p>The old stone bridge over the river reopened on Tuesday after eight months of repairs.</p>
<p>Engineers replaced the worn supports and widened the footpath on both sides.</p>
<p>The council said the work came in under budget.</p></article>
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on the bridge</h2>
<ol class="commentlist">
<li id="comment-1" class="comment even thread-even depth-1">
 <article id="div-comment-1" class="comment-body">
  <footer class="comment-meta"><div class="comment-author vcard"><img class="avatar" src="a.png" alt="">
   <b class="fn">Marta Lopes</b> <span class="says">says:</span></div>
   <div class="comment-metadata"><a href="#comment-1"><time>May 2, 2024</time></a></div></footer>
  <div class="comment-content"><p>About time! I walk there every day.</p><p>Now with my bike too.</p></div>
  <div class="reply"><a class="comment-reply-link" href="#">Reply<span class="screen-reader-text">
   to Marta</span></a></div>
 </article>
 <ol class="children"><li id="comment-2" class="comment odd depth-2">
  <article id="div-comment-2" class="comment-body">
   <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Tom</b>
    <span class="says">says:</span></div></footer>
   <div class="comment-content"><p>Same here, it saves me ten minutes.</p></div>
  </article></li></ol>
</li></ol></div></body></html>"""

# schema.org microdata, with a reply nested inside a comment and the author's name nested in a Person.
SCHEMA_ORG = """<html><head><meta property="og:url" content="https://news.example.net/rates">
<meta property="og:title" content="Central bank holds rates"></head><body>
<article><p>The central bank held its main rate at four percent on Thursday, citing steady inflation.</p></article>
<section>
 <div itemscope itemtype="https://schema.org/Comment">
  <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Kofi</span></span>
  <p itemprop="text">As expected.</p>
  <div itemscope itemtype="https://schema.org/Comment">
   <span itemprop="author">Lina</span><div itemprop="text">Agreed, no surprise.</div>
  </div>
 </div>
</section></body></html>"""


def comments_of(article):
    return [(c.author, c.text) for c in article.comments]


def test_wordpress_comments():
    article = read_html(WORDPRESS)
    assert article.title == "Bridge reopens after repairs"
    assert article.body == (
        "The old stone bridge over the river reopened on Tuesday after eight months of repairs.\n\n"
        "Engineers replaced the worn supports and widened the footpath on both sides.\n\n"
        "The council said the work came in under budget."
    )
    # Two comments, not four: the nested wrappers of one comment count once; the reply is its own.
    assert comments_of(article) == [
        ("Marta Lopes", "About time! I walk there every day.\n\nNow with my bike too."),
        ("Tom", "Same here, it saves me ten minutes."),
    ]
    assert "About time" not in article.body and "thoughts on" not in article.body
    # Canonical link gives the URL when none is passed.
    assert article.url == "https://www.towngazette.example/bridge-reopens"
    assert article.domain == "towngazette.example"


def test_schema_org_comments():
    article = read_html(SCHEMA_ORG)
    assert article.title == "Central bank holds rates"
    assert article.body == "The central bank held its main rate at four percent on Thursday, citing steady inflation."
    # The reply's text is not part of its parent's text.
    assert comments_of(article) == [("Kofi", "As expected."), ("Lina", "Agreed, no surprise.")]
    # og:url stands in for a missing canonical link.
    assert article.url == "https://news.example.net/rates"


def test_comments_without_author_markup():
    # Anonymous comments: the comment element's own text.
    page = (
        "<html><body><article><p>The park will get new benches this summer, the city said.</p></article>"
        '<ul><li class="comment">Nice.</li><li class="comment">Where <b>exactly</b>?</li></ul></body></html>'
    )
    article = read_html(page)
    assert comments_of(article) == [(None, "Nice."), (None, "Where exactly?")]
    assert article.body == "The park will get new benches this summer, the city said."


def test_url_argument_wins_over_canonical():
    assert read_html(WORDPRESS, url="https://mirror.example/b").url == "https://mirror.example/b"


def test_relative_canonical_is_ignored():
    # "/story" names no site, so it gives no domain.
    page = '<html><head><link rel="canonical" href="/story"></head><body><p>Text of the story.</p></body></html>'
    assert read_html(page).url is None


def test_falls_back_to_article_text():
    # trafilatura finds nothing in a lone <header>; the text of <article> is used instead.
    page = "<html><body><article><header>Ferry service resumes</header></article></body></html>"
    article = read_html(page)
    assert article.body == "Ferry service resumes"


def test_page_without_text():
    with pytest.raises(EmptyInputError):
        read_html("<html><body><div><img src='x.png'></div></body></html>")


def test_author_inside_text_element_is_not_text():
    # Some sites put the name inside the text element; it is the author, not part of the comment.
    page = (
        "<html><body><article><p>The park will get new benches this summer, the city said.</p></article>"
        '<div class="comment" id="c1"><div class="comment-text"><b class="author">Ann</b> Where exactly?</div></div>'
        "</body></html>"
    )
    assert comments_of(read_html(page)) == [("Ann", "Where exactly?")]
