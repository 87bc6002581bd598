"""Recognise crawled pages that are not articles: error pages, consent and cookie notices,
"enable JavaScript" and bot-check interstitials, paywall stubs, bodies that are mostly boilerplate.

The rules are written from what such pages look like, for every dataset alike, and never
look at labels. A page is dropped when

1. its **headline** is an error or interstitial title ("Page not found", "404", "Access denied",
   "Resource Not Available", "Just a moment...", "Subscribe to read", ...), or
2. its **body** carries a not-an-article notice (error, consent/cookie, JavaScript, bot check,
   paywall) and little else: fewer than ``MIN_CONTENT_WORDS`` words outside the boilerplate
   sentences, or
3. the same body is found under ``TEMPLATE_COPIES`` or more different headlines (a site's shell), or
4. boilerplate sentences (the notices above plus navigation, sharing, newsletter, copyright
   and legal lines) make up at least ``MAX_BOILERPLATE_SHARE`` of the body's words.
"""

from __future__ import annotations

import re
from collections import defaultdict

MIN_CONTENT_WORDS = 100
MAX_SENTENCE_WORDS = 40  # a longer "sentence" is running text (or unpunctuated), never boilerplate
MAX_BOILERPLATE_SHARE = 0.5
TEMPLATE_COPIES = 3

_ERROR_TITLE = re.compile(
    # The whole headline, or its part before a " | Site name" tail, is an error or interstitial title.
    r"^\W*(?:(?:error|http)?\s*(?:400|401|403|404|410|429|500|502|503)\b(?:\s*(?:error|-|:))?\s*(?:not found|forbidden"
    r"|page not found|unauthorized|bad request|gone|internal server error|service unavailable|bad gateway|too many requests)?"
    r"|error|page not found|not found|file not found|access denied|forbidden|resource not available"
    r"|(?:this )?page (?:is )?(?:no longer |not |un)?available|(?:this )?page (?:does not|doesn't|can't|cannot) (?:exist|be found)"
    r"|oops!?|sorry!?|we're sorry|just a moment\.*|attention required!?|are you a (?:robot|human)\??"
    r"|security check|captcha|please wait\.*|one more step|access to this page has been denied"
    r"|subscribe to (?:read|continue)|sign in|log ?in|subscriber (?:login|only)|(?:this )?content (?:is )?(?:not|no longer) available"
    r"|account suspended|(?:site|website) (?:is )?(?:temporarily )?unavailable|service unavailable|bad gateway"
    r"|cookies?(?: policy| notice| consent)?|privacy (?:settings|policy|notice|preferences)|consent|before you continue"
    r"|redirecting\.*|cloudflare|(?:un)?supported browser)"
    r"\W*(?:\s[|\u2013\u2014:-]\s.*)?$",
    re.IGNORECASE,
)

_NOTICE = re.compile(
    r"page (?:you (?:are|were|'re) looking for|you requested|requested)|page not found|\b404\b|not be found"
    r"|(?:could|can)(?:n't|not) (?:be )?f(?:ind|ound) (?:the|that|this) page|resource not available"
    r"|(?:page|article|story|content|link|url|resource|file|video)\b[^.]{0,40}?(?:is no longer (?:available|online)"
    r"|no longer exists|(?:does not|doesn't) exist|(?:has|may have) been (?:removed|deleted|moved))"
    r"|requested url|access denied|forbidden|(?:you )?(?:don't|do not) have permission"
    r"|service (?:is )?unavailable|internal server error|temporarily unavailable"
    r"|(?:we|this (?:site|website)) uses? cookies|use of cookies|cookie (?:policy|settings|preferences|notice)"
    r"|accept (?:all )?cookies|by (?:continuing|using) (?:to (?:use|browse) )?(?:this|our) (?:site|website)"
    r"|consent to (?:the use|our use)|manage (?:your )?(?:privacy|consent)|privacy (?:settings|choices)"
    r"|(?:enable|turn on|activate) javascript|javascript (?:is )?(?:disabled|required|must be enabled)"
    r"|(?:browser|it) (?:does not|doesn't) support|update your browser|unsupported browser|enable cookies"
    r"|are you a (?:robot|human)|verify (?:that )?you are (?:a )?human|captcha|checking your browser"
    r"|unusual traffic|ad ?blocker|you are (?:about to be|being) redirected"
    r"|(?:database|site|website|service|page) is (?:currently|temporarily) (?:unavailable|down)"
    r"|\b(?:domain|com|org|net) (?:name )?(?:is )?for sale|buy this domain"
    r"|tweet with a location|(?:log|sign) (?:in|up) (?:to|for) (?:facebook|twitter|instagram)"
    r"|subscribe (?:now )?to (?:continue|read|keep reading)|to continue reading,? (?:please )?(?:subscribe|log ?in|sign in|register)"
    r"|already a subscriber"
    r"|subscribers? only|for subscribers|(?:log|sign) in to (?:continue|read|view)"
    r"|(?:reached|used) (?:your|all your) (?:free )?(?:article|monthly|story)? ?(?:limit|articles|stories)"
    r"|free articles? (?:remaining|left)|create (?:a )?free account|start your (?:free )?(?:trial|subscription)",
    re.IGNORECASE,
)

_BOILERPLATE = re.compile(
    r"all rights reserved|©|copyright \d{4}|privacy policy|terms (?:of (?:use|service)|and conditions)"
    r"|sign up for (?:our|the)? ?(?:free )?(?:newsletter|daily|email)|subscribe to (?:our|the) newsletter"
    r"|share (?:this|on) (?:article|story|facebook|twitter)|follow us on|click here|read more\b|related (?:articles|stories)"
    r"|advertisement|skip to (?:main )?content|toggle navigation|main menu|search form|you may also like"
    r"|leave a (?:comment|reply)|posted in|filed under|tags?:|email address|powered by",
    re.IGNORECASE,
)
_QUOTED_BEFORE = re.compile(r"[\"\u201c\u2018']\s*$")
_SENTENCES = re.compile(r"[^\n.!?]+[.!?]*")
_WORD = re.compile(r"[A-Za-z0-9']+")


def boilerplate_words(text: str) -> tuple[int, int, bool]:
    """``(words, boilerplate words, has a not-an-article notice)`` of a body, sentence by sentence."""
    total = boiler = 0
    notice = False
    for sentence in _SENTENCES.findall(text):
        n = len(_WORD.findall(sentence))
        total += n
        if n > MAX_SENTENCE_WORDS:
            continue
        # A notice in quotation marks is reported, not shown: an article about an "access denied" screen.
        hit_notice = any(not _QUOTED_BEFORE.search(sentence[: m.start()]) for m in _NOTICE.finditer(sentence))
        notice |= hit_notice
        if hit_notice or _BOILERPLATE.search(sentence):
            boiler += n
    return total, boiler, notice


def template_bodies(titles, texts, min_copies: int = TEMPLATE_COPIES) -> set[str]:
    """Bodies (normalised by :func:`_norm`) found under ``min_copies`` or more different headlines: a site's
    shell (a social network's landing page, an aggregator's "about" box), not an article."""
    return _shared_bodies(titles, [_norm(text) for text in texts], min_copies)


def _shared_bodies(titles, bodies: list[str], min_copies: int = TEMPLATE_COPIES) -> set[str]:
    heads: dict[str, set[str]] = defaultdict(set)
    for title, body in zip(titles, bodies):
        heads[body].add(_norm(title))
    return {body for body, t in heads.items() if len(t) >= min_copies}


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def crawl_failures(titles, texts) -> list[str | None]:
    """:func:`crawl_failure` of each page, plus ``"template"`` for bodies shared by several headlines."""
    bodies = [_norm(text) for text in texts]  # once: the shell test and each page's verdict both need them
    shells = _shared_bodies(titles, bodies)
    out = []
    for title, text, body in zip(titles, texts, bodies):
        why = crawl_failure(title, text)
        out.append(why if why else "template" if body in shells else None)
    return out


def crawl_failure(title: str, text: str) -> str | None:
    """Why this page is not an article (``"error title"``, ``"notice"``, ``"boilerplate"``), or None."""
    if _ERROR_TITLE.search(title.strip()):
        return "error title"
    total, boiler, notice = boilerplate_words(text)
    if notice and total - boiler < MIN_CONTENT_WORDS:
        return "notice"
    if total and boiler / total >= MAX_BOILERPLATE_SHARE:
        return "boilerplate"
    return None
