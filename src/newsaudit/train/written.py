"""Comments written for this project to train the comment model where the shared data say too little.

Two gaps, each filled with sentences built from templates (no dataset text):

* **Mentioning who people are is not an attack.** :func:`neutral_comments`
  name religions, nationalities, genders, sexualities and personal names in
  ordinary, friendly sentences, alone and in pairs.
* **Threats.** No hand-labelled training set marks threats, and the teachers
  rarely give one, so the ``threat`` head had little to learn from.
  :func:`violence_comments` writes calls to violence ("They should be
  hanged.", "Someone should shoot him.") beside their harmless twins made from
  the same words with a harmless verb ("They should be voted out.") and news
  reports of violence ("Two men were shot on Friday, police said."): what
  makes a threat is violence asked for, not the words around it nor violence
  reported.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

NEUTRAL_TEMPLATES = (
    "I am {a} and I live in the city.",
    "My neighbours are {p} and they are very kind.",
    "{P} celebrated the holiday with their families.",
    "The report interviewed several {p} about the new law.",
    "As {a}, I found this article interesting.",
    "Many {p} work in healthcare and education.",
    "The museum opened an exhibition on the history of {p}.",
    "{P} voted in the election on Tuesday.",
    "My best friend is {a}.",
    "The community centre offers classes for {p} and everyone else.",
    "Being {a} is part of who I am.",
    "The survey asked {p} what they think about housing.",
    "{P} have lived in this region for generations.",
    "Our school welcomes {p}.",
    "The article quotes {p} who disagree with the mayor.",
    "As {a}, I think the author makes a fair point.",
    "I'm {a} myself and I still disagree with this piece.",
    "Speaking as {a}, thanks for covering this.",
    "{P} are our friends, neighbours and colleagues.",
    "The new council member is {a}.",
    "Several {p} spoke at the meeting last night.",
    "My daughter married {a} last spring.",
    "This story about {p} in our town was well written.",
    "I grew up around {p} and never thought twice about it.",
    "The charity helps {p} find jobs.",
)
#: Sentences naming two groups at once ("As a gay man and a Christian, ...").
PAIR_TEMPLATES = (
    "As {a} and {b}, I found this fair.",
    "I am {a} and my husband is {b}.",
    "{P} and {Q} worked together on the project.",
    "The panel included {p} and {q}.",
)
NEUTRAL_GROUPS = (
    ("a Muslim", "Muslims"), ("a Jew", "Jews"), ("a Christian", "Christians"), ("a Hindu", "Hindus"),
    ("a Sikh", "Sikhs"), ("a Buddhist", "Buddhists"), ("an atheist", "atheists"), ("a Catholic", "Catholics"),
    ("a black woman", "black people"), ("a white man", "white people"), ("an Asian American", "Asian Americans"),
    ("a Latino", "Latinos"), ("a Mexican", "Mexicans"), ("an African", "Africans"), ("an Arab", "Arabs"),
    ("an immigrant", "immigrants"), ("a refugee", "refugees"), ("a Chinese student", "Chinese students"),
    ("an Indian engineer", "Indian engineers"), ("a Russian", "Russians"), ("an American", "Americans"),
    ("a gay man", "gay men"), ("a lesbian", "lesbians"), ("a bisexual person", "bisexual people"),
    ("a transgender woman", "transgender people"), ("a queer artist", "queer artists"), ("a woman", "women"),
    ("a man", "men"), ("a feminist", "feminists"), ("a deaf person", "deaf people"),
    ("a blind person", "blind people"), ("an older person", "older people"), ("a teenager", "teenagers"),
    ("a Mexican American", "Mexican Americans"), ("a Syrian", "Syrians"), ("a Palestinian", "Palestinians"),
    ("an Israeli", "Israelis"), ("a Jewish student", "Jewish students"), ("a Muslim woman", "Muslim women"),
    ("a homosexual", "homosexuals"),
)
NEUTRAL_NAMES = (
    "Maria", "James", "Aisha", "Mohammed", "Wei", "Priya", "Olga", "Kwame", "Sven", "Lucia", "Hiroshi",
    "Fatima", "Diego", "Chloe", "Ivan", "Noah", "Emma", "Rahul", "Sarah", "Dmitri",
)
NAME_TEMPLATES = (
    "{n} said the meeting went well.",
    "I agree with {n} on this one.",
    "{n}, thanks for the link.",
    "Has anyone asked {n} about it?",
    "{n} wrote a good reply above.",
)


def neutral_comments() -> list[str]:
    """Clean comments that name groups or people, for the identity-bias counterweight.

    >>> texts = neutral_comments()
    >>> len(texts), texts[0]
    (1420, 'I am a Muslim and I live in the city.')
    """
    out = []
    for single, plural in NEUTRAL_GROUPS:
        for template in NEUTRAL_TEMPLATES:
            out.append(template.format(a=single, p=plural, P=plural[0].upper() + plural[1:]))
    out += [t.format(n=name) for name in NEUTRAL_NAMES for t in NAME_TEMPLATES]
    # Each group beside the groups 7 and 19 places on in the list: every group appears in pairs, no
    # pairing is favoured, and the list stays the same from run to run.
    groups = NEUTRAL_GROUPS
    for i, (a, p) in enumerate(groups):
        for step in (7, 19):
            b, q = groups[(i + step) % len(groups)]
            for template in PAIR_TEMPLATES:
                out.append(
                    template.format(a=a, b=b, p=p, q=q, P=p[0].upper() + p[1:], Q=q[0].upper() + q[1:])
                )
    return out


class Written(NamedTuple):
    """A written comment and what it is: ``call`` (asks for or threatens violence), ``harmless`` or ``report``."""

    text: str
    kind: str
    #: Whether its target is a group of people named for who they are.
    at_group: bool


#: Violent verbs as (base form, past participle), as people write calls to violence.
VIOLENT = (
    ("shoot", "shot"), ("hang", "hanged"), ("kill", "killed"), ("stab", "stabbed"), ("burn", "burned alive"),
    ("beat", "beaten to death"), ("execute", "executed"), ("lynch", "lynched"), ("behead", "beheaded"),
    ("torture", "tortured"), ("drown", "drowned"), ("slaughter", "slaughtered"), ("murder", "murdered"),
    ("gas", "gassed"), ("strangle", "strangled"), ("wipe out", "wiped out"), ("put down", "put down like dogs"),
    ("run over", "run over"), ("string up", "strung up"), ("blow up", "blown up"), ("bury", "buried alive"),
    ("break the legs of", "beaten up"), ("set fire to", "set on fire"), ("exterminate", "exterminated"),
)
#: Harmless verbs in the same forms: the twins of the calls.
HARMLESS = (
    ("vote out", "voted out"), ("fire", "fired"), ("sue", "sued"), ("impeach", "impeached"),
    ("replace", "replaced"), ("invite", "invited"), ("interview", "interviewed"), ("thank", "thanked"),
    ("hire", "hired"), ("ignore", "ignored"), ("promote", "promoted"), ("forgive", "forgiven"),
    ("call", "called"), ("help", "helped"), ("pay", "paid properly"), ("investigate", "investigated"),
    ("question", "questioned"), ("elect", "elected"), ("support", "supported"), ("audit", "audited"),
    ("thank", "thanked publicly"), ("send home", "sent home early"), ("retrain", "retrained"),
    ("hear out", "heard"),
)
#: Who: (object form, subject form with its verb "to be").
PEOPLE = (
    ("him", "he is"), ("her", "she is"), ("them", "they are"), ("you", "you are"), ("these people", "these people are"),
    ("that man", "that man is"), ("the traitors", "the traitors are"), ("every one of them", "every one of them is"),
    ("the protesters", "the protesters are"), ("those politicians", "those politicians are"),
    ("the whole lot", "the whole lot are"), ("the mayor", "the mayor is"), ("the judge", "the judge is"),
    ("that reporter", "that reporter is"), ("the landlord", "the landlord is"), ("my neighbour", "my neighbour is"),
)
#: Frames of a call; {v} the base verb, {pp} its participle, {o} the object, {s} the subject with "to be".
CALLS = (
    "{S} should be {pp}.", "{S} must be {pp}.", "Someone should {v} {o}.", "Somebody needs to {v} {o}.",
    "I will {v} {o}.", "I'm going to {v} {o} myself.", "We should {v} {o} all.", "{V} {o} now!",
    "I hope {o} get {pp}.", "Honestly {s} going to be {pp} one day, and good.", "Let's {v} {o} tonight.",
    "Time to {v} {o}.", "I'd happily {v} {o}.", "If I see {o} again I will {v} {o}.", "{S} will be {pp} if I have my way.",
    "Round them up and {v} {o}.", "{S} ought to be {pp} for this.", "Just {v} {o} and be done with it.",
)
#: Violence as news reports it: (simple past, past participle).
REPORTED = (
    ("shot", "shot"), ("stabbed", "stabbed"), ("killed", "killed"), ("hanged", "hanged"), ("beat", "beaten to death"),
    ("executed", "executed"), ("murdered", "murdered"), ("tortured", "tortured"), ("drowned", "drowned"),
    ("strangled", "strangled"), ("beheaded", "beheaded"), ("burned", "burned alive"), ("lynched", "lynched"),
    ("ran over", "run over"), ("attacked", "attacked"),
)
#: News reports of violence: reported, not asked for. {pp} a participle of :data:`REPORTED`, {past} its past.
REPORTS = (
    "Two men were {pp} in the city on Friday, police said.", "The court heard that the victim had been {pp}.",
    "Witnesses said several people were {pp} during the raid.", "A soldier was {pp} near the border, officials said.",
    "The film tells the story of a family who were {pp} in the war.", "Police are searching for whoever {past} the man last week.",
    "The report found that prisoners were {pp} in the camp.", "He was convicted after his neighbour was {pp}.",
    "Nobody deserves to be {pp}; the killers must face trial.", "Historians say thousands were {pp} in the purge.",
)


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def violence_comments(n: int = 3000, seed: int = 0) -> list[Written]:
    """``n`` calls to violence, ``n`` harmless twins (same frame and person, a harmless verb), then every report.

    Every frame, verb and person is drawn with a seeded generator; a quarter of the calls are aimed at a
    group named for who it is (:data:`NEUTRAL_GROUPS`), and so are their twins.

    >>> out = violence_comments(4)
    >>> [w.kind for w in out[:2]], len(out)
    (['call', 'harmless'], 158)
    """
    rng = np.random.default_rng(seed)
    out: list[Written] = []
    for _ in range(n):
        frame = CALLS[int(rng.integers(len(CALLS)))]
        at_group = bool(rng.random() < 0.25)
        if at_group:
            plural = NEUTRAL_GROUPS[int(rng.integers(len(NEUTRAL_GROUPS)))][1]
            obj, subj = plural, f"{plural} are"
        else:
            obj, subj = PEOPLE[int(rng.integers(len(PEOPLE)))]
        for kind, verbs in (("call", VIOLENT), ("harmless", HARMLESS)):
            base, participle = verbs[int(rng.integers(len(verbs)))]
            text = frame.format(v=base, V=_capital(base), pp=participle, o=obj, s=subj, S=_capital(subj.rsplit(" ", 1)[0]))
            out.append(Written(text, kind, at_group))
    for frame in REPORTS:
        for past, participle in REPORTED:
            out.append(Written(frame.format(pp=participle, past=past), "report", False))
    return out
