"""Word lists for attribution: speech verbs, titles and roles, hedges, anonymous sources, unconfirmed remarks.

Written from general knowledge of English news style (wire copy, tabloids,
fact-checks), not from any one article. Every list is a plain ``frozenset`` or a
tuple of phrases so that the rules in :mod:`.quotes` and :mod:`.claims` stay
readable; the compiled patterns below are alternations of literal words with no
nested quantifiers, so matching is linear in the text length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _parser  # Python's own regex parser (private, stable since 3.11): a phrase's first letters
from typing import Any


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set (lists are written as prose blocks)."""
    return frozenset(text.split())


#: Verbs that introduce speech or a written statement, in the forms news copy uses.
SPEECH_VERBS = word_set(
    """
    say says said saying tell tells told add adds added write writes wrote written
    claim claims claimed claiming insist insists insisted state states stated
    declare declares declared announce announces announced warn warns warned
    explain explains explained note notes noted argue argues argued admit admits admitted
    ask asks asked reply replies replied respond responds responded answer answered
    continue continues continued recall recalls recalled acknowledge acknowledges acknowledged
    tweet tweets tweeted post posts posted allege alleges alleged alleging
    confirm confirms confirmed deny denies denied report reports reported
    suggest suggests suggested estimate estimates estimated predict predicts predicted
    boast boasts boasted complain complains complained charge charges charged
    accuse accuses accused accusing blame blames blamed
    describe describes described call calls called calling urge urges urged
    promise promises promised vow vows vowed concede concedes conceded
    exclaim exclaimed shout shouted scream screamed gush gushes gushed
    joke jokes joked quip quips quipped reveal reveals revealed caution cautions cautioned
    stress stresses stressed maintain maintains maintained testify testified disclose disclosed
    """
)

#: Speech verbs that are also common in non-speech senses; they attribute only next to a quote.
WEAK_SPEECH_VERBS = word_set("call calls called calling continue continues continued post posts posted ask asks asked")

#: Verbs that report a finding rather than speech ("the study found", "figures show").
FINDING_VERBS = word_set(
    "found find finds show shows showed shown suggest suggests suggested indicate indicates indicated put puts"
)

#: Nouns after which "X <noun>" names X as the source: "UN estimates", "police figures".
SOURCE_NOUNS = word_set(
    "estimates estimate figures data statement report reports study survey analysis records statistics tally count"
)

#: Auxiliaries and adverbs allowed between a speaker and the speech verb ("have said", "later told").
AUXILIARIES = word_set(
    """has have had is was were are will would could also later then previously earlier once again
    reportedly allegedly publicly privately repeatedly did does do not never"""
)

#: Pronouns that may stand for a speaker; "he"/"she" are resolved to the nearest named person.
PERSON_PRONOUNS = word_set("he she")
OTHER_PRONOUNS = word_set("they we i it")

#: Words of a title or role before a name: "Foreign Minister", "Secretary of State", "Dr."
TITLE_WORDS = word_set(
    """
    president vice prime minister secretary foreign state defense defence health interior finance justice
    homeland security treasury education energy commerce labor labour affairs environment
    senator sen sen. rep rep. representative congressman congresswoman governor gov gov. mayor
    dr dr. doctor mr mr. mrs mrs. ms ms. prof prof. professor judge justice chancellor king queen prince princess
    pope ambassador envoy spokesman spokeswoman spokesperson chief director ceo chairman chairwoman chair
    officer detective inspector superintendent constable sheriff commissioner speaker leader general gen gen. colonel col col. lieutenant lt lt.
    captain capt capt. sergeant sgt sgt. admiral adm attorney lawmaker deputy assistant special counsel
    coach manager star actor actress singer rapper host anchor editor correspondent analyst author
    """
)

#: Lower-case nouns that head a speaker or source phrase: "a police spokesman", "officials", "the ministry".
ROLE_NOUNS = word_set(
    """
    spokesman spokeswoman spokesperson official officials officer officers authorities authority police
    minister ministry president secretary envoy source sources analyst analysts expert experts researcher
    researchers scientist scientists doctor doctors physician physicians nurse nurses resident residents
    witness witnesses activist activists rebel rebels troops army military lawyer lawyers attorney attorneys
    prosecutor prosecutors investigator investigators representative representatives aide aides adviser
    advisers advisor advisors director chief head leader leaders ministry agency department government
    company firm report study statement group organization organisation campaign campaigners monitor
    observatory insider insiders friend friends relative relatives neighbour neighbours neighbor neighbors
    publicist representative rep reps member members team survey poll paper journal agency council
    committee court judge regulator regulators watchdog office administration embassy opposition
    officials spokespeople staff employees workers parents teacher teachers students users critics
    supporters opponents fans observers people person man woman family families statement
    """
)

#: Lower-case modifiers allowed before a role noun: "a senior US official", "local health authorities".
ROLE_MODIFIERS = word_set(
    """
    a an the one two three four five several some many other another his her their its our
    senior top former local state federal regional national foreign military health police security
    government administration white house news medical independent anonymous unnamed western eastern
    close high-ranking high ranking junior chief deputy defense defence intelligence diplomatic legal
    press public private campaign election party u.s. us un eu uk
    """
)

#: Words that end a capitalised sequence as an organisation or place, not a person.
NON_PERSON_HEADS = word_set(
    """
    ministry army force forces front party council department office house court university college
    institute agency commission committee union nations states republic kingdom government bank company
    corporation news times post journal network channel press agency association organization organisation
    group city county street road square district province region centre center hospital school church
    airport station tower bridge river sea ocean valley mountains island islands coast state world
    foundation fund board service services police guard navy corps brigade movement alliance league
    club team fc magazine daily herald tribune gazette review monitor observatory program programme
    motors airlines airways holdings inc ltd plc llc industries technologies systems energy pharmaceuticals
    foods media studios records capital partners labs laboratories group weekly
    """
)

#: Capitalised words that start a sentence or name a time, never a person.
NON_PERSON_WORDS = word_set(
    """
    the a an this that these those it its he she they we i you his her their our my your
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december
    east west north south eastern western northern southern central
    but and or so yet if when while as after before since because although though however even still
    also meanwhile earlier later then there here what why how who where which according in on at for
    from with by of to not no yes last next new more most many some all both each every other such
    god allah breaking update watch share read click
    """
)

#: Particles inside personal names: "Staffan de Mistura", "Ludwig van Beethoven", "Abu Bakr al-Baghdadi".
NAME_PARTICLES = word_set("de da di del della der den van von bin ibn al el la le du dos das ter y")

#: Abbreviations whose full stop belongs to the word.
ABBREVIATIONS = word_set("mr mrs ms dr prof sen rep gov gen lt col capt sgt adm st jr sr rev hon")

# -- flags --------------------------------------------------------------------------------------------------

#: Phrases saying that a claim has not been confirmed. The remark is usually about the sentence before.
UNCONFIRMED_PHRASES = (
    r"no (?:independent )?confirmation",
    r"not (?:been )?(?:independently |immediately |yet |officially )?(?:confirmed|verified)",
    (
        r"(?:could|can|cannot|can't|could not|couldn't|was unable to|were unable to|has not been able to|"
        r"have not been able to|is unable to|are unable to) (?:not )?(?:be )?(?:independently )?"
        r"(?:confirm|verify|verified|confirmed)"
    ),
    r"unconfirmed",
    r"(?:did|do|does|would|could|will) not (?:independently |immediately )?(?:confirm|verify)",
    (
        r"none of (?:it|this|that|them|these|which|the \w+) (?:has|have|had|was|were|is|are|could be|can be) "
        r"(?:been )?(?:independently )?(?:confirmed|verified)"
    ),
    r"unverified",
    r"no (?:independent )?verification",
    r"impossible to (?:independently )?(?:confirm|verify)",
    r"no evidence (?:has been|was) (?:provided|offered|presented)",
    r"without (?:providing|offering|giving|citing) (?:any )?evidence",
    r"provided no evidence",
    r"offered no evidence",
)

#: Words that hedge a claim: the writer does not vouch for it.
HEDGE_PHRASES = (
    r"reportedly",
    r"allegedly",
    r"alleged",
    r"purportedly",
    r"supposedly",
    r"apparently",
    r"rumou?red",
    r"rumou?rs? (?:has it|have it|suggest|say|says)",
    r"(?:it|which) is (?:believed|thought|understood|said|claimed|rumou?red|alleged)",
    r"(?:is|are|was|were) (?:believed|thought|understood|said|rumou?red|alleged|reported) to",
    r"(?:appears?|appeared|seems?|seemed) to (?:have|be)",
    r"may have (?:been )?",
    r"might have (?:been )?",
    r"could have been",
    r"according to (?:unconfirmed |media |some )?reports",
    r"(?:unconfirmed|media|local|some) reports (?:say|said|suggest|suggested|claim|claimed)",
    r"it is (?:possible|likely) that",
)

#: Phrases that give an anonymous source.
ANONYMOUS_PHRASES = (
    (
        r"sources? (?:say|says|said|claim|claims|claimed|told|tell|tells|close to|familiar|within|"
        r"inside|who|suggest|suggested|indicate|indicated|reveal|revealed|report|reported|insist|insisted)"
    ),
    r"according to (?:[a-z-]+ ){0,2}sources?",
    r"source (?:close to|in|at|within|inside|with|said|says|told)",
    r"insiders?",
    r"(?:asked|requested|declined) not to be (?:named|identified)",
    r"(?:asked|requested|declined) to (?:not )?be (?:named|identified)",
    r"(?:spoke|speaking|talked|talking) on (?:the )?condition of anonymity",
    r"(?:on|under) condition of anonymity",
    r"(?:who|which) (?:was|were) not (?:authori[sz]ed|permitted|allowed) to (?:speak|talk|comment)",
    r"not authori[sz]ed to speak publicly",
    r"(?:people|persons?|officials?|someone) (?:familiar|briefed) with",
    r"familiar with the (?:matter|situation|plans?|talks|discussions|investigation|case|deal|negotiations)",
    r"(?:unnamed|anonymous) (?:[a-z-]+ )?(?:officials?|sources?|insiders?|aides?|staffers?|employees?|witness(?:es)?)",
    r"a (?:pal|friend|tipster|spy) (?:of|close to)",
)


def alternation(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of ``phrases`` as whole words.

    A look-ahead for the letters the phrases can start with (:func:`first_letters`) comes first: it
    matches nothing, so the matches are the same, but where no phrase can start the engine skips the
    phrases in one step instead of trying each (it does not do so by itself when the case is ignored).

    >>> bool(alternation((r"reportedly",)).search("He reportedly left."))
    True
    >>> bool(alternation((r"alleged",)).search("unalleged"))
    False
    >>> print(alternation((r"may have", r"(?:it|which) is")).pattern)
    \\b(?=[imw])(?:may have|(?:it|which) is)\\b
    """
    letters = first_letters(phrases)
    guard = "(?=[" + "".join(map(re.escape, sorted(letters))) + "])" if letters else ""
    return re.compile(r"\b" + guard + r"(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


def first_letters(phrases: tuple[str, ...]) -> frozenset[str] | None:
    """The characters a match of any of ``phrases`` (regular expressions) can start with, as written;
    ``None`` when a phrase may start with something else than a literal character, or match nothing.

    >>> sorted(first_letters((r"rumou?rs? say", r"(?:appears?|seemed) to", r"(?:a|an )?study")))
    ['a', 'r', 's']
    >>> first_letters((r"\\w+ said",)) is None
    True
    """
    letters: set[str] = set()
    for phrase in phrases:
        found = _first_of(_parser.parse(phrase))
        if found is None or found[1]:
            return None
        letters |= found[0]
    return frozenset(letters)


def _first_of(items: Iterable[tuple[Any, Any]]) -> tuple[set[str], bool] | None:
    """``(first characters, may match nothing)`` of a parsed pattern (``(operation, argument)`` pairs), or
    ``None`` when a part of it that may come first is not a literal character, a group, an alternation or a
    repeat of one."""
    letters: set[str] = set()
    for op, arg in items:
        if op is _parser.LITERAL:
            return letters | {chr(arg)}, False
        if op is _parser.IN and all(kind is _parser.LITERAL for kind, _ in arg):
            return letters | {chr(code) for _, code in arg}, False
        if op is _parser.SUBPATTERN:
            inner = _first_of(arg[-1])
        elif op is _parser.BRANCH:
            branches = [_first_of(branch) for branch in arg[1]]
            if any(b is None for b in branches):
                return None
            inner = set().union(*(b[0] for b in branches)), any(b[1] for b in branches)
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT):
            low, _, repeated = arg
            inner = _first_of(repeated)
            if inner is not None and low == 0:
                inner = inner[0], True
        else:
            return None
        if inner is None:
            return None
        letters |= inner[0]
        if not inner[1]:
            return letters, False
    return letters, True


UNCONFIRMED = alternation(UNCONFIRMED_PHRASES)
HEDGED = alternation(HEDGE_PHRASES)
ANONYMOUS = alternation(ANONYMOUS_PHRASES)


# -- cheap gates ----------------------------------------------------------------------------------------
# Matching a long alternation at every position of every sentence is the slow part of the flags; a set
# lookup over the sentence's words decides first whether the pattern can match at all.

#: Single words that hedge on their own.
HEDGE_WORDS = word_set("reportedly allegedly alleged purportedly supposedly apparently rumored rumoured")
#: A word of every multi-word hedge: only sentences with one of them are matched against :data:`HEDGED`.
HEDGE_TRIGGERS = word_set(
    """believed thought understood rumor rumors rumour rumours appears appear appeared seems seem seemed
    may might could reports possible likely said reported claimed alleged according"""
)
#: A word of every unconfirmed phrase.
UNCONFIRMED_TRIGGERS = word_set(
    "confirmation confirmed confirm verified verify verification unconfirmed unverified evidence"
)
#: A word of every anonymous-source phrase.
ANONYMOUS_TRIGGERS = word_set(
    """source sources insider insiders named identified anonymity authorized authorised familiar briefed
    unnamed anonymous pal friend tipster spy permitted allowed"""
)
