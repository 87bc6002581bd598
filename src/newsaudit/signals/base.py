"""The shape every signal has, and the tokenisers the signal modules share."""

from __future__ import annotations

import re
from typing import Any, TypedDict


class Signal(TypedDict):
    """One signal in ``report["signals"]``."""

    name: str
    value: Any
    flagged: bool
    explanation: str


def signal(name: str, value: Any, flagged: bool, explanation: str) -> Signal:
    """Build a signal; floats are rounded to 3 decimals so reports stay readable.

    >>> signal("exclamation_marks", 2, False, "The body has 2 exclamation marks.")["value"]
    2
    """
    if isinstance(value, float):
        value = round(value, 3)
    return {"name": name, "value": value, "flagged": bool(flagged), "explanation": explanation}


#: A word: letters, with inner apostrophes or hyphens ("don't", "so-called").
WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def percent(x: float) -> str:
    """``0.4`` -> ``'40%'``; small shares keep one decimal.

    >>> percent(0.4), percent(0.031), percent(0.0)
    ('40%', '3.1%', '0%')
    """
    p = 100.0 * x
    if p == 0 or p >= 10:
        return f"{p:.0f}%"
    return f"{p:.1f}%"


def quoted_list(items: list[str], limit: int = 3) -> str:
    """``['a', 'b']`` -> ``"'a', 'b'"``, at most ``limit`` items.

    >>> quoted_list(["shocking", "exposed", "truth", "secret"])
    "'shocking', 'exposed', 'truth' and 1 more"
    """
    shown = ", ".join(f"'{x}'" for x in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
