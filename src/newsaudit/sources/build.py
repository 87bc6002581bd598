"""Build the shipped source-reputation table from the domain lists in ``../shared/data/sources``.

Four lists, each read by its own function (see the folder's PROVENANCE.md):

- **OpenSources** (2017, LGPL-3.0): up to three types per domain (fake, conspiracy, bias, ...).
- **BS Detector** (2017, LGPL-3.0): one type per domain, same vocabulary.
- **MBFC, Baly et al. 2018** (EMNLP 2018 and ACL 2020 corpora): factual reporting (high / mixed / low)
  and bias, as rated by Media Bias/Fact Check.
- **MBFC, stopaganda scrape** (2025): factual reporting (very high ... very low) and bias, including
  "questionable", "conspiracy/pseudoscience" and "satire".

The table is data our code computes from those lists: one entry per normalised domain
listing what each list says, plus the lists' provenance and licence notices. It is
written as ``table.json`` with a ``NOTICE.md`` and a ``manifest.json`` of sha256 hashes.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

TABLE = "table.json"
NOTICE = "NOTICE.md"
MANIFEST = "manifest.json"
FORMAT = "newsaudit.sources/1"

#: List id -> what the report and the notice say about it.
LISTS: dict[str, dict[str, str]] = {
    "opensources": {
        "title": "OpenSources",
        "source": "OpenSourcesGroup/opensources @ 2fb428d0e132baae5ed8ab034d4eafbe9dc77cbb (2017-04-28)",
        "licence": "LGPL-3.0",
        "scale": "type",
    },
    "bs_detector": {
        "title": "BS Detector",
        "source": "selfagency/bs-detector @ 5a68d785055d2c20b6cb7fb03ad1763717b1ef22 (2017-02-08)",
        "licence": "LGPL-3.0",
        "scale": "type",
    },
    "mbfc_baly2018": {
        "title": "MBFC (Baly et al. 2018)",
        "source": "ramybaly/News-Media-Reliability @ 28ab9b418e9e69e6105d52ddb61a4dfdd791a412",
        "licence": "no licence file; the ratings are Media Bias/Fact Check's (mediabiasfactcheck.com)",
        "scale": "factual",
    },
    "mbfc": {
        "title": "MBFC (2025)",
        "source": "EG-Freelance/stopaganda-plus @ 0dc107858038f9a70d77e7a6de0ac1b653001a21 (2025-04-27)",
        "licence": "no licence; the ratings are Media Bias/Fact Check's copyrighted content, used here as a lookup",
        "scale": "factual",
    },
}

# Spelling variants and typos found in the OpenSources / BS Detector type columns.
_TYPE_FIXES = {
    "fake news": "fake",
    "rumors": "rumor",
    "conpiracy": "conspiracy",
    "bais": "bias",
    "parody": "satire",
    "credible": "reliable",
    "malware warning": "malware",
}
_TYPE_DROP = {"", "unknown"}


def normalise_domain(value: str) -> str:
    """Lower-case, no scheme, no ``www.``, no trailing slash or port.

    >>> normalise_domain("https://WWW.Example.com:443/")
    'example.com'
    >>> normalise_domain("mdpi.com/journal/agronomy")
    'mdpi.com/journal/agronomy'
    """
    d = value.strip().lower()
    if "://" in d:
        d = d.split("://", 1)[1]
    d = d.rstrip("/")
    host, sep, path = d.partition("/")
    host = host.split(":", 1)[0]
    host = host.removeprefix("www.")
    return host + (sep + path if path else "")


def _type(value: Any) -> str | None:
    t = str(value or "").strip().lower()
    t = _TYPE_FIXES.get(t, t)
    return None if t in _TYPE_DROP else t


def read_opensources(root: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((root / "opensources" / "sources.json").read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {}
    for domain, rec in data.items():
        types = [t for t in (_type(rec.get(k)) for k in ("type", "2nd type", "3rd type")) if t]
        if types:
            out[normalise_domain(domain)] = {"types": list(dict.fromkeys(types))}
    return out


def read_bs_detector(root: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((root / "bs_detector" / "data.json").read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {}
    for domain, rec in data.items():
        t = _type(rec.get("type"))
        if t:
            out[normalise_domain(domain)] = {"types": [t]}
    return out


def read_mbfc_baly2018(root: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    # EMNLP 2018 first; the ACL 2020 corpus fills domains it lacks (its bias scale is 3-point).
    for name in ("emnlp18_corpus.tsv", "acl2020_corpus.tsv"):
        with open(root / "mbfc_baly2018" / name, encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh, delimiter="\t"):
                domain = normalise_domain(rec.get("source_url_normalized") or rec.get("source_url") or "")
                fact = (rec.get("fact") or "").strip().lower()
                if domain and fact and domain not in out:
                    out[domain] = {"factual": fact, "bias": (rec.get("bias") or "").strip().lower() or None}
    return out


def read_mbfc(root: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((root / "mbfc_stopaganda" / "sources.json").read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {}
    for domain, rec in data.items():
        fact = (rec.get("accuracy") or "").strip().lower() or None
        bias = (rec.get("bias") or "").strip().lower() or None
        if fact or bias:
            out[normalise_domain(domain)] = {"factual": fact, "bias": bias}
    return out


READERS = {
    "opensources": read_opensources,
    "bs_detector": read_bs_detector,
    "mbfc_baly2018": read_mbfc_baly2018,
    "mbfc": read_mbfc,
}


def build_table(root: str | Path) -> dict[str, Any]:
    """The table as plain data: ``{"format", "lists", "domains": {domain: {list: rating}}}``."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"source lists folder {root} not found")
    domains: dict[str, dict[str, Any]] = {}
    counts = {}
    for list_id, reader in READERS.items():
        entries = reader(root)
        counts[list_id] = len(entries)
        for domain, rating in entries.items():
            domains.setdefault(domain, {})[list_id] = rating
    lists = {k: dict(v, domains=counts[k]) for k, v in LISTS.items()}
    return {"format": FORMAT, "lists": lists, "domains": dict(sorted(domains.items()))}


def _notice(table: dict[str, Any]) -> str:
    lines = [
        "# Source reputation table: notices",
        "",
        "`table.json` is computed by `newsaudit train sources` (src/newsaudit/sources/build.py) from the",
        "domain lists below. It keeps, for each domain, the categories or ratings each list gives. It is",
        "derived from these works and is distributed under their terms, not under newsaudit's MIT licence:",
        "",
    ]
    for list_id, info in table["lists"].items():
        lines.append(f"- **{info['title']}** (`{list_id}`, {info['domains']:,} domains): {info['source']}. "
                     f"Licence: {info['licence']}.")
    lines += [
        "",
        "OpenSources and BS Detector are licensed under the GNU Lesser General Public License, version 3",
        "(SPDX: LGPL-3.0; https://www.gnu.org/licenses/lgpl-3.0.html). The table's OpenSources and BS",
        "Detector entries are a modified form of those lists (types normalised, notes left out); you may",
        "replace them by rebuilding the table from other versions of the lists with `newsaudit train sources`.",
        "",
        "Media Bias/Fact Check ratings are the copyrighted work of Media Bias/Fact Check",
        "(https://mediabiasfactcheck.com). They are used here as a lookup shown to the user with its",
        "source; check MBFC's terms before redistributing the table on its own.",
        "",
    ]
    return "\n".join(lines)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_table(table: dict[str, Any], directory: str | Path) -> Path:
    """Write ``table.json``, ``NOTICE.md`` and ``manifest.json``; the same table gives the same bytes."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / TABLE).write_text(
        json.dumps(table, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    (directory / NOTICE).write_text(_notice(table), encoding="utf-8")
    manifest = {"format": FORMAT, "files": {n: _sha256(directory / n) for n in (TABLE, NOTICE)}}
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return directory


def train_sources(data: str | Path, out: str | Path) -> dict[str, Any]:
    """Build and write the table; returns a summary for the CLI."""
    table = build_table(data)
    write_table(table, out)
    return {
        "out": str(out),
        "domains": len(table["domains"]),
        "lists": {k: v["domains"] for k, v in table["lists"].items()},
        "bytes": (Path(out) / TABLE).stat().st_size,
    }
