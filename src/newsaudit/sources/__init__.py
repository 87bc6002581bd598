"""Source reputation: which public lists rate a publisher's domain, and how.

:mod:`.build` turns the lists in ``../shared/data/sources`` into one compact table
(``newsaudit train sources``); :mod:`.lookup` reads that table and answers for a
URL or domain, offline.
"""

from .lookup import SourceTable, registrable_domain

__all__ = ["SourceTable", "registrable_domain"]
