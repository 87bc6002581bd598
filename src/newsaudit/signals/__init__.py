"""Style and sourcing signals shown to a reader: each a name, a value and a sentence.

One module per family: :mod:`.headline` (sensationalism), :mod:`.language`
(emotion, loaded words, capitals, exclamation marks, direct address),
:mod:`.readability`, :mod:`.sourcing` (attribution, anonymous and dangling
sources) and :mod:`.stance` (does the body support its headline?). Every
function returns plain ``{"name", "value", "flagged", "explanation"}`` dicts.
"""

from .base import Signal, signal

__all__ = ["Signal", "signal"]
