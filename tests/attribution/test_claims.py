from __future__ import annotations

import time

import pytest

from newsaudit import Article
from newsaudit.attribution.claims import checkworthiness, find_claims
from newsaudit.attribution.quotes import find_quotes
from newsaudit.components.claims import Claims
from newsaudit.components.quotes import Quotes
from newsaudit.components.segment import Segmenter, split_sentences


def claims(body: str) -> list[dict]:
    sentences = split_sentences(body)
    return find_claims(body, sentences, find_quotes(body, [s.start for s in sentences]))


def one(body: str) -> dict:
    (claim,) = claims(body)
    return claim


@pytest.mark.parametrize(
    "body, source",
    [
        ("The storm killed 12 people, according to the national weather service.", "the national weather service"),
        ("Police said two men were arrested on Friday.", "Police"),
        ("Two men were arrested on Friday, said Inspector Jane Hill.", "Jane Hill"),
        ("UN estimates put the number of refugees at 40,000.", "UN"),
        ("Kerry prefaced his remarks by claiming that the raid killed 20 people.", "Kerry"),
        ("A study published on Monday found that 30 percent of adults sleep badly.", "A study published on Monday"),
        ("The company fired 300 workers in March.", None),
    ],
)
def test_attribution(body, source):
    assert one(body)["attributed_to"] == source


def test_unconfirmed_remark_flags_the_claim_before_and_is_no_claim_itself():
    body = "Rebels said 30 soldiers were killed in the raid. There has been no confirmation of the attack."
    (claim,) = claims(body)
    assert claim["text"].startswith("Rebels said")
    assert "unconfirmed" in claim["flags"]


def test_an_unconfirmed_remark_makes_the_plain_sentence_before_it_a_claim():
    body = (
        "The ferry service resumed on Friday, the operator said. "
        "Some passengers have claimed online that the engines were never checked. "
        "There has been no confirmation of that from the operator."
    )
    found = {c["text"]: c for c in claims(body)}
    claim = found["Some passengers have claimed online that the engines were never checked."]
    assert claim["flags"] == ["unconfirmed"]
    assert claim["attributed_to"] == "Some passengers"
    assert "There has been no confirmation of that from the operator." not in found


def test_a_report_as_a_noun_is_no_source():
    (claim,) = claims("A firm was hired to assess the 40 damaged spans, and a first report is expected in May.")
    assert claim["attributed_to"] is None


def test_unconfirmed_remark_inside_its_claim():
    claim = one("Rebels said 30 soldiers died, a figure that could not be independently verified.")
    assert "unconfirmed" in claim["flags"]


@pytest.mark.parametrize(
    "body, flag",
    [
        ("The minister reportedly resigned on Monday after 3 days of talks.", "hedged"),
        ("It is believed the singer paid $2 million for the house.", "hedged"),
        ("Sources close to the club say the coach was fired on Monday.", "anonymous_source"),
        ("Three officials who asked not to be named said 40 troops were moved.", "anonymous_source"),
        ("The factory closed in 2019 with the loss of 900 jobs.", "unattributed"),
    ],
)
def test_flags(body, flag):
    assert flag in one(body)["flags"]


@pytest.mark.parametrize(
    "body",
    [
        "What did the minister know?",  # a question asserts nothing
        "Wake up, people!",  # an exclamation
        "I think we should all relax.",  # opinion, nothing to check
        "It rained.",  # too short
    ],
)
def test_not_claims(body):
    assert claims(body) == []


def test_ranked_by_checkworthiness_in_unit_interval():
    body = (
        "The council met on Tuesday in the town hall. Shelling killed 14 civilians and wounded 40, officials said. "
        "The mayor reportedly accused the governor of fraud."
    )
    found = claims(body)
    scores = [c["checkworthiness"] for c in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert found[0]["text"].startswith("Shelling killed 14")


def test_checkworthiness_is_the_documented_sum():
    assert checkworthiness({"number": True, "casualty": True, "opinion": False}, []) == 0.6


def test_component_uses_quotes_when_present():
    # A direct quotation with its attribution is reported as a quote, not as a claim (it used to be listed
    # as one); what the sentence says in the writer's own words still counts and is attributed.
    article = Article(
        body="“The plant will close in 2025 and 900 jobs will go,” the chief executive said. "
        "“It is a sad day,” Mara Quist told reporters, adding that 300 contracts would end in May."
    )
    article = Claims()(Quotes()(Segmenter()(article)))
    (claim,) = article.parts["claims"]
    assert claim["text"].startswith("“It is a sad day,”")
    assert claim["attributed_to"] == "Mara Quist"
    for c in article.parts["claims"]:
        assert article.body[c["start"] : c["end"]] == c["text"]


@pytest.mark.parametrize(
    "body",
    [
        "Port officials said 40 containers fell into the sea during the storm.",  # a number
        "Local residents said the warning sirens in the village did not sound.",  # reported statement
        "The water company denied the reports on Tuesday.",  # a denial takes a proposition as object
        "Marcus Lee told reporters on Friday that the contract had been cancelled.",  # told … that
        "Ferrovia Group closed its last factory in the region.",  # a named actor doing something
        "The mayor reportedly resigned on Monday evening.",  # a role noun as subject, hedged
        "Councillor Anne Hartley, the chair of the committee, resigned on Monday.",  # name with apposition
        "Velmont Energy will close the refinery next spring.",  # a modal with its verb
    ],
)
def test_claims_by_actor_or_content(body):
    assert len(claims(body)) == 1


@pytest.mark.parametrize(
    "body",
    [
        "“The river rose faster than we expected,” said Ana Ruiz, who runs the shelter.",  # a quote, no more
        "“We will rebuild every house on this street,” the mayor told a crowd on Sunday.",  # same, after it
        "The town's envoy, Helena Marsh, called for an independent inquiry.",  # a call, nothing to check
        "Union leader Tomas Berg called the decision a betrayal of the workers.",  # a verdict
        "The carmaker Ferrovia declined to comment on the talks.",  # a non-comment
        "Neither singer has commented publicly on the rumours.",  # no actor doing anything
        "Her first album, Blue Harbour, is a quiet record about the sea.",  # description
        "He thanked his old coach, who had signed him as a teenager in 2009.",  # a year dates, a name as object
        "The festival opened with a parade through Old Town on a sunny afternoon.",  # scene-setting
    ],
)
def test_not_check_worthy(body):
    assert claims(body) == []


def test_quote_with_missing_opening_mark_keeps_the_plain_sentence_before_it():
    # The quote detector guesses where an unmarked quote opens; a sentence with no mark stays the writer's.
    body = "Ada Bell says she warned her managers about the pumps. They ignored me, she said.” Nothing followed."
    assert any(c["text"].startswith("Ada Bell says") for c in claims(body))


def test_quoted_text_is_stripped_in_linear_time():
    body = ("“We saw it,” said Ann Lee, and “it burned,” she said. " * 20_000)[:1_000_000]
    start = time.perf_counter()
    claims(body)
    assert time.perf_counter() - start < 30


def test_no_sentences():
    assert find_claims("", []) == []
    assert Claims()(Article(body="")).parts["claims"] == []


def test_long_single_line_is_linear():
    body = ("Officials said 3 people died. It could not be verified. “ he said ” reportedly " * 30_000)[:2_000_000]
    start = time.perf_counter()
    found = claims(body)
    assert time.perf_counter() - start < 30
    assert found


# -- the word helpers the claim rules use (newsaudit.attribution.words) -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Police said 30 people were killed.",
        "it's the café’s o'neill's rock'n'roll 'quote' x'",
        "Ünïcödé İstanbul ſo 2may have been",
        "",
    ],
)
def test_words_of_is_the_word_pattern(text):
    from newsaudit.attribution.words import WORD, words_of

    lexicon = frozenset(["said", "people", "killed", "may", "have", "it's", "so"])
    lower = text.lower()
    words = words_of(lower, lexicon)
    assert words.every == WORD.findall(lower)
    assert words.lexical == lexicon.intersection(WORD.findall(lower))


@pytest.mark.parametrize(
    "text, word",
    [
        ("Said he, unsaid: SAID-so, said.", "said"),
        ("the mayor’s aide, Mayor Lee and mayor2 and _mayor", "mayor"),
        ("ſaid İt said", "said"),  # letters that fold to ASCII: the pattern decides
        ("nothing here", "said"),
    ],
)
def test_whole_words_is_the_whole_word_pattern(text, word):
    from newsaudit.attribution.words import whole_words, word_pattern

    assert whole_words(text, word) == [m.span() for m in word_pattern(word).finditer(text)]


def test_every_unconfirmed_trigger_passes_the_substring_gate():
    # A sentence is matched against the unconfirmed phrases only when its text holds one of a few stems.
    from newsaudit.attribution.claims import _may_be_unconfirmed
    from newsaudit.attribution.lexicon import UNCONFIRMED_TRIGGERS

    assert all(_may_be_unconfirmed(word) for word in UNCONFIRMED_TRIGGERS)


@pytest.mark.parametrize(
    "text",
    [
        "The minister may have been misled.",
        "It is believed that the dam broke.",
        "He was said to be furious.",
        "Rumours have it that she left.",
        "According to local reports, the road is shut.",
        "The pilot o’may have seen it.",  # a hedge word after an apostrophe
        "Officials could have known it.",  # "could have" without "been": no hedge
        "THE CLAIM APPEARS TO HAVE BEEN TRUE.",
        "Reportedly, the ſhip sank.",
        "He said it was over and they were not told to leave.",
    ],
)
def test_hedge_gates_agree_with_the_hedge_pattern(text):
    # The word and substring gates in front of HEDGED only save searches: the answer is the pattern's.
    from newsaudit.attribution.claims import _hedged, _words
    from newsaudit.attribution.lexicon import HEDGE_TRIGGERS, HEDGE_WORDS, HEDGED
    from newsaudit.attribution.words import WORD

    words = frozenset(WORD.findall(text.lower()))
    expected = not words.isdisjoint(HEDGE_WORDS) or (
        not words.isdisjoint(HEDGE_TRIGGERS) and bool(HEDGED.search(text))
    )
    assert _hedged(text, _words(text.lower())) == expected
