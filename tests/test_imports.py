"""Importing newsaudit must stay cheap: no web server, no Dask, not even numpy until a model loads."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["fastapi", "uvicorn", "starlette", "dask", "distributed", "numpy", "pandas", "pyarrow", "trafilatura", "sklearn", "rich"]


def _modules_after(statement: str) -> set[str]:
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out))


def test_import_newsaudit_loads_nothing_heavy():
    loaded = _modules_after("import newsaudit")
    assert [m for m in HEAVY if m in loaded] == []


def test_loading_the_pipeline_needs_no_server_or_dask(tiny_model):
    loaded = _modules_after(f"import newsaudit; newsaudit.load({str(tiny_model)!r})")
    assert [m for m in ("fastapi", "uvicorn", "dask", "distributed", "sklearn") if m in loaded] == []
