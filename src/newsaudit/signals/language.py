"""How the body is written: emotional and loaded words, capitals, exclamation marks, direct address.

Emotional words come from the VADER lexicon (Hutto & Gilbert 2014, MIT licence), read
from the ``vaderSentiment`` wheel at first use; it is not copied into newsaudit. We use
its word valences only (a word is emotional when ``|valence| >= 2`` on VADER's -4..4
scale), not its sentence rules, which would cost far more than the rest of the signals.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .base import WORD, Signal, percent, quoted_list, signal  # noqa: F401  (WORD: doctest)

#: |valence| at or above which a VADER word counts as strongly emotional.
STRONG = 2.0
#: Share of strongly emotional words from which the signal is flagged.
EMOTIONAL_SHARE = 0.04

# Loaded words: they judge while they describe (our own list).
LOADED = frozenset(
    ["regime", "thug", "thugs", "puppet", "puppets", "traitor", "traitors", "treason", "tyrant", "tyranny", "lunatic", "lunatics", "radical", "radicals", "extremist", "extremists", "globalist", "globalists", "elites", "shill", "shills", "sheeple", "propaganda", "brainwashed", "brainwashing", "hoax", "scam", "rigged", "corrupt", "crooked", "criminal", "criminals", "evil", "disgrace", "disgraceful", "disgusting", "outrageous", "outrage", "slams", "slammed", "blasts", "blasted", "destroys", "destroyed", "eviscerates", "obliterates", "humiliates", "humiliated", "so-called", "cover-up", "coverup", "bombshell", "shocking", "horrifying", "terrifying", "catastrophic", "apocalyptic", "insane", "deranged", "unhinged", "idiot", "idiots", "moron", "morons", "stupid", "pathetic", "vile", "sick", "twisted", "heinous"]
)
_ACRONYMS = frozenset(["NATO", "NASA", "COVID", "FIFA", "UEFA", "OPEC", "ASEAN", "NAACP", "NCAA", "UNESCO", "UNICEF", "AIDS", "HIV", "NYPD", "LAPD"])
_YOU = frozenset(["you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd", "you’re", "you’ve", "you’ll", "you’d"])
# Calls to act, matched as substrings of the lower-cased body (a substring test is far cheaper than a regex),
# on its UTF-8 bytes (faster still than on a ``str`` with two bytes a character).
_CALLS = ("share this", "wake up", "click here", "don't miss", "don’t miss", "read this", "watch this",
          "spread the word", "tell everyone", "tell your friends", "pass it on", "see for yourself",
          "think about it")
_CALLS_UTF8 = tuple((p, p.encode()) for p in _CALLS)
# A word of four or more capitals, not part of a longer word: (?<![A-Za-z])[A-Z]{4,}(?![a-z]). What
# ``shouted_words`` finds, faster; kept as its definition (the tests compare the two).
_CAPS = re.compile(r"[A-Z](?<![A-Za-z][A-Z])[A-Z]{3,}(?![a-z])")
# Capitals -> "A", anything else -> ".": the runs of capitals are then found by ``bytes.find``.
_UPPER = bytes(65 if 65 <= c <= 90 else 46 for c in range(256))


def shouted_words(body: str) -> list[str]:
    """The words of four or more capitals in ``body``: ``_CAPS.findall(body)``, at a fraction of its cost.

    ``_CAPS`` tries its pattern at every capital; here ``bytes.find`` jumps from one run of four
    or more capitals to the next in the UTF-8 bytes (a character outside ASCII is never a letter
    of ``_CAPS``, and none of its bytes is one), and each run gives at most one word:

    - a run that follows a letter gives none (``_CAPS`` needs a non-letter before its first capital);
    - a run followed by a small letter loses its last capital ("ABCDEf" gives "ABCD"), so it needs five;
    - any other run is one word ("ÉTATS" gives "TATS", as ``_CAPS`` does: "É" is not in ``[A-Za-z]``).

    >>> shouted_words("WAKE UP, READERS! NOW. McDONALD'S ABCDEf OKAY-ish ÉTATS FBIs")
    ['WAKE', 'READERS', 'ABCD', 'OKAY', 'TATS']
    """
    utf8 = body.encode()
    capitals = utf8.translate(_UPPER)
    out = []
    start = capitals.find(b"AAAA")
    while start >= 0:
        end = capitals.find(b".", start)
        end = len(utf8) if end < 0 else end
        after_letter = start > 0 and 97 <= utf8[start - 1] <= 122  # a capital before would be part of the run
        before_small = end < len(utf8) and 97 <= utf8[end] <= 122
        length = end - start - before_small
        if not after_letter and length >= 4:
            out.append(utf8[start:start + length].decode("ascii"))
        start = capitals.find(b"AAAA", end)
    return out


@lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    """Word -> mean valence, from the ``vaderSentiment`` wheel (``vader_lexicon.txt``)."""
    from importlib.resources import files

    text = (files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    lexicon: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            lexicon[parts[0]] = float(parts[1])
    return lexicon


@lru_cache(maxsize=1)
def strong_words() -> frozenset[str]:
    """VADER words with ``|valence| >= STRONG``."""
    return frozenset(w for w, v in vader_lexicon().items() if abs(v) >= STRONG)


@lru_cache(maxsize=1)
def counted_words() -> frozenset[str]:
    """Every word whose count :func:`language_signals` looks up: counting only these gives the same signals."""
    return strong_words() | LOADED | _YOU


def language_signals(body: str, counts: Counter[str], n: int, lower: str | None = None,
                     utf8: bytes | None = None) -> list[Signal]:
    """Signals of the body's wording.

    ``counts`` counts the words of the lower-cased body (``Counter(WORD.findall(body.lower()))``;
    those of :func:`counted_words` are enough) and ``n`` is their total: lexicon look-ups then
    cost one set intersection per list, each walking the smaller side (the body's words for
    VADER's 2,000-odd strong words, the list for the short ones). ``utf8`` is ``lower.encode()``,
    when the caller has it.

    >>> body = "SHOCKING news! You must share this. The corrupt regime lied to you!"
    >>> words = WORD.findall(body.lower())
    >>> [(s["name"], s["value"]) for s in language_signals(body, Counter(words), len(words))]
    [('emotional_language', 0.0), ('loaded_language', 3), ('exclamation_marks', 2), ('all_caps_words', 1), \
('direct_address', 3)]
    """
    if utf8 is None:
        utf8 = (body.lower() if lower is None else lower).encode()
    strong = {w: counts[w] for w in strong_words().intersection(counts)}
    loaded = {w: counts[w] for w in counts.keys() & LOADED}
    n_strong = sum(strong.values())
    n_loaded = sum(loaded.values())
    share = n_strong / n if n else 0.0
    common = sorted(strong, key=lambda w: (-strong[w], w))[:3]
    out = [
        signal(
            "emotional_language",
            share,
            share >= EMOTIONAL_SHARE and n_strong >= 3,
            f"{percent(share)} of the words carry strong emotion"
            + (f" (most often {quoted_list(common)})." if common else "."),
        ),
        signal(
            "loaded_language",
            n_loaded,
            n_loaded >= 2 and n_loaded * 200 >= n,
            f"The text uses {n_loaded} loaded word{'s' if n_loaded != 1 else ''} that judge as they describe"
            + (f": {quoted_list(sorted(loaded, key=lambda w: (-loaded[w], w)))}." if loaded else "."),
        ),
    ]
    marks = body.count("!")
    out.append(signal(
        "exclamation_marks",
        marks,
        marks >= 3 or (marks >= 1 and marks * 100 >= n),
        f"The body has {marks} exclamation mark{'s' if marks != 1 else ''}"
        + (f" in {n} words." if n else "."),
    ))
    caps = [w for w in shouted_words(body) if w not in _ACRONYMS]
    out.append(signal(
        "all_caps_words",
        len(caps),
        len(caps) >= 3 or (len(caps) >= 2 and len(caps) * 50 >= n),
        f"{len(caps)} word{'s are' if len(caps) != 1 else ' is'} written in ALL CAPS"
        + (f" ({quoted_list(caps)})." if caps else "."),
    ))
    you = sum(counts[w] for w in counts.keys() & _YOU)
    calls = [p for p, b in _CALLS_UTF8 if b in utf8]
    total = you + len(calls)
    out.append(signal(
        "direct_address",
        total,
        bool(calls) or (you >= 3 and you * 100 >= n),
        f"The text addresses the reader directly {total} time{'s' if total != 1 else ''}"
        + (f" ('you' {you}×" if you else " (")
        + (f"{', ' if you else ''}calls to act: {quoted_list(calls)})." if calls else ")." if you else "none)."),
    ))
    return out
