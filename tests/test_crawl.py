"""Pages that are not articles are recognised from what they look like, never from labels."""

from __future__ import annotations

import pytest

from newsaudit.train.crawl import crawl_failure, crawl_failures

ARTICLE = (
    "The council voted on Tuesday to close the harbour bridge for six weeks of repairs. Engineers found corrosion "
    "in two of the main cables during a routine inspection last spring, the council said in a statement. "
) * 4


@pytest.mark.parametrize(
    ("title", "text", "why"),
    [
        ("Page not found | The Daily Example", "Sorry, the page you requested could not be found. " * 3, "error title"),
        ("404 Not Found", "The requested URL was not found on this server.", "error title"),
        ("Just a moment...", "Checking your browser before accessing the site.", "error title"),
        (
            "Bridge to close for repairs",
            "We use cookies to improve your experience. By continuing to use this site you accept our cookie policy. "
            "Manage your privacy settings at any time.",
            "notice",
        ),
        (
            "Council news",
            "Please enable JavaScript to view this page. Your browser does not support this content.",
            "notice",
        ),
        (
            "Mayor resigns",
            "Skip to main content. Toggle navigation. Follow us on Twitter. Sign up for our newsletter. "
            "All rights reserved. Privacy policy. Terms of use. Mayor resigns.",
            "boilerplate",
        ),
    ],
)
def test_pages_that_are_not_articles_say_why(title, text, why):
    assert crawl_failure(title, text) == why


def test_an_article_is_kept_even_when_it_reports_a_notice_in_quotes():
    text = ARTICLE + 'Readers who tried the council website on Monday saw only an "access denied" screen.'
    assert crawl_failure("Council website fails on the day of the vote", text) is None


def test_a_long_article_with_a_cookie_line_at_the_end_is_kept():
    assert crawl_failure("Bridge to close", ARTICLE + "We use cookies on this site.") is None


def test_one_body_under_several_headlines_is_a_site_shell():
    shell = "About this site: our robots scan the web for trending stories and post them here automatically."
    titles = ["Star quits film", "Senator denies report", "Storm hits coast", "Bridge to close"]
    texts = [shell, shell, shell, ARTICLE]
    assert crawl_failures(titles, texts) == ["template", "template", "template", None]
    # Twice is not yet a template: two outlets can carry the same wire story.
    assert crawl_failures(titles[:2] + titles[3:], [shell, shell, ARTICLE]) == [None, None, None]
