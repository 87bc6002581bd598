"""The shipped table is what `newsaudit train sources` builds from ../shared (skips without it)."""

from __future__ import annotations

import json

from support import shared_path

from newsaudit.loading import MODELS_DIR
from newsaudit.sources.build import build_table


def test_shipped_table_is_rebuilt_from_the_lists():
    table = build_table(shared_path("data", "sources"))
    shipped = json.loads((MODELS_DIR / "sources" / "table.json").read_text(encoding="utf-8"))
    assert table == shipped
    assert table["lists"]["opensources"]["domains"] == 825
    # PROVENANCE: yournewswire.com is OpenSources clickbait + junksci.
    assert table["domains"]["yournewswire.com"]["opensources"] == {"types": ["clickbait", "junksci"]}
