"""Look up a URL's or domain's reputation in the shipped table, offline.

The registrable domain comes from tldextract with its bundled copy of the Public
Suffix List (private suffixes included, so ``someone.blogspot.com`` is its own
site, not Blogspot); it never fetches a newer list.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import ModelError, ModelIntegrityError
from .build import FORMAT, MANIFEST, TABLE

#: The reputation a category or rating stands for. When lists disagree the first in this order wins:
#: satire (a satire site is rated "low" for facts by MBFC, which misses the point), then the worst.
LEVELS = ("satire", "low", "mixed", "high")
_TYPE_LEVEL = {
    "fake": "low",
    "conspiracy": "low",
    "junksci": "low",
    "hate": "low",
    "unreliable": "low",
    "rumor": "low",
    "malware": "low",
    "bias": "mixed",
    "clickbait": "mixed",
    "state": "mixed",
    "satire": "satire",
    "reliable": "high",
    # "political" (verifiable information with a point of view) carries no level.
}
_FACT_LEVEL = {
    "very high": "high",
    "high": "high",
    "mostly factual": "high",
    "mixed": "mixed",
    "low": "low",
    "very low": "low",
}
_BIAS_LEVEL = {"questionable": "low", "conspiracy/pseudoscience": "low", "satire": "satire"}
_LEVEL_WORDS = {
    "low": "rated low",
    "satire": "listed as satire",
    "mixed": "rated mixed",
    "high": "rated high",
}


@lru_cache(maxsize=1)
def _extractor():
    import tldextract

    # suffix_list_urls=() and no cache: the snapshot bundled in the wheel, never the network.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def host_of(url_or_domain: str) -> str:
    """The lower-cased host of a URL or bare domain, without ``www.``.

    >>> host_of("https://WWW.Example.co.uk/story?id=1")
    'example.co.uk'
    """
    value = url_or_domain.strip()
    try:
        split = urlsplit(value if "//" in value else "//" + value)
        host = (split.hostname or "").lower().rstrip(".")
    except ValueError:  # "http://[not-an-address"
        return ""
    return host.removeprefix("www.")


def registrable_domain(url_or_domain: str) -> str | None:
    """The registrable domain (``news.bbc.co.uk`` -> ``bbc.co.uk``); an IP address stays itself.

    >>> registrable_domain("https://news.bbc.co.uk/1/hi/world")
    'bbc.co.uk'
    >>> registrable_domain("http://someone.blogspot.com/2016/11/post.html")
    'someone.blogspot.com'
    >>> registrable_domain("") is None
    True
    """
    host = host_of(url_or_domain)
    if not host:
        return None
    ext = _extractor()(host)
    if not ext.suffix or not ext.domain:
        # An IP address, a bare suffix, or a name under no known suffix: the host is all we have.
        return host
    return f"{ext.domain}.{ext.suffix}"


def _level(list_id: str, rating: dict[str, Any]) -> str | None:
    levels = [_TYPE_LEVEL.get(t) for t in rating.get("types", [])]
    levels += [_FACT_LEVEL.get(rating.get("factual") or ""), _BIAS_LEVEL.get(rating.get("bias") or "")]
    found = [lv for lv in levels if lv]
    return min(found, key=LEVELS.index) if found else None


@dataclass(frozen=True)
class SourceTable:
    """The domain table built by ``newsaudit train sources``.

    Examples
    --------
    >>> table = SourceTable({"lists": {"mbfc": {"title": "MBFC"}},
    ...                      "domains": {"example.org": {"mbfc": {"factual": "low", "bias": "questionable"}}}})
    >>> part = table.lookup("https://www.example.org/a")
    >>> part["known"], part["level"], part["ratings"][0]["factual"]
    (True, 'low', 'low')
    >>> table.lookup("unlisted.net")["known"]
    False
    """

    table: dict[str, Any]

    @classmethod
    def load(cls, directory: str | Path) -> SourceTable:
        """Read a table directory after checking every file against its manifest."""
        directory = Path(directory)
        try:
            manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelError(f"no source table at {directory}: {MANIFEST} is missing") from None
        if manifest.get("format") != FORMAT:
            raise ModelError(f"{directory} has format {manifest.get('format')!r}, expected {FORMAT!r}")
        for name, expected in manifest.get("files", {}).items():
            path = directory / name
            if not path.is_file():
                raise ModelError(f"source table file {path} is missing")
            if hashlib.sha256(path.read_bytes()).hexdigest() != expected:
                raise ModelIntegrityError(
                    f"source table file {path} does not match its sha256 in {MANIFEST}; "
                    "rerun `newsaudit train sources --data DIR`"
                )
        return cls(json.loads((directory / TABLE).read_text(encoding="utf-8")))

    @property
    def domains(self) -> dict[str, dict[str, Any]]:
        return self.table["domains"]

    def _entry(self, url_or_domain: str) -> tuple[str | None, dict[str, Any] | None]:
        host = host_of(url_or_domain)
        if not host:
            return None, None
        domains = self.domains
        # A path-specific entry (mdpi.com/journal/x), then the host and its parents down to the registrable domain.
        value = url_or_domain.strip()
        path = urlsplit(value if "//" in value else "//" + value).path.strip("/").lower()  # host_of parsed it
        if path:
            parts = path.split("/")
            for k in (2, 1):
                key = host + "/" + "/".join(parts[:k])
                if len(parts) >= k and key in domains:
                    return key, domains[key]
        registrable = registrable_domain(host) or host
        # Under a known suffix, stop at the registrable domain; under none (an intranet name, a
        # made-up TLD), try every parent that still has a dot.
        candidate = host
        while True:
            if candidate in domains:
                return candidate, domains[candidate]
            if candidate == registrable and bool(_extractor()(host).suffix):
                return registrable, None
            parent = candidate.partition(".")[2]
            if "." not in parent:
                return registrable, None
            candidate = parent

    def lookup(self, url_or_domain: str | None) -> dict[str, Any]:
        """The ``source`` part of the report for a URL or domain (``known`` is False when unlisted)."""
        domain, entry = self._entry(url_or_domain or "")
        if domain is None:
            return {"domain": None, "known": False, "level": None, "ratings": [],
                    "summary": "No URL or domain is known for this article, so its source was not looked up."}
        if not entry:
            return {"domain": domain, "known": False, "level": None, "ratings": [],
                    "summary": f"{domain} is not in any of the source lists we ship."}
        lists = self.table.get("lists", {})
        ratings = []
        for list_id, rating in entry.items():
            item: dict[str, Any] = {"list": list_id, "list_title": lists.get(list_id, {}).get("title", list_id)}
            if "types" in rating:
                item["category"] = ", ".join(rating["types"])
            else:
                item["factual"] = rating.get("factual")
                item["bias"] = rating.get("bias")
            item["level"] = _level(list_id, rating)
            ratings.append(item)
        levels = [r["level"] for r in ratings if r["level"]]
        level = min(levels, key=LEVELS.index) if levels else None
        return {"domain": domain, "known": True, "level": level, "ratings": ratings,
                "summary": _summary(domain, ratings, level)}


def _describe(item: dict[str, Any]) -> str:
    if "category" in item:
        return f"{item['list_title']}: {item['category']}"
    bits = [f"factual reporting {item['factual']}" if item.get("factual") else "",
            f"bias {item['bias']}" if item.get("bias") else ""]
    return f"{item['list_title']}: " + ", ".join(b for b in bits if b)


def _summary(domain: str, ratings: list[dict[str, Any]], level: str | None) -> str:
    said = "; ".join(_describe(r) for r in ratings)
    distinct = {r["level"] for r in ratings if r["level"]}
    if level is None:
        return f"{domain} is listed without a reliability rating ({said})."
    head = f"{domain} is {_LEVEL_WORDS[level]} by at least one list ({said})."
    if len(distinct) > 1:
        head += " The lists disagree; they were compiled in different years (2017 to 2025)."
    return head
