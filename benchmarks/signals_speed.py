"""Speed of the signals stage (and quotes + claims + signals, where those components exist) on one core.

    python benchmarks/signals_speed.py [--n 2000] [--json]

Articles are about 4 kB: real ones from ../shared/data when present (FakeNewsNet crawl, bodies of
3,500-4,500 characters), otherwise the shipped sample article repeated to 4,000 characters. The
process is pinned to one core. Reading (text -> Article) is not timed; segmentation is.

``*_per_s`` figures are wall-clock; ``signals_per_cpu_s`` divides by the process's CPU time, which
other work on a shared machine disturbs less: compare like with like.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CRAWL = ROOT.parent / "shared" / "data" / "articles" / "fakenewsnet_crawled_content" / "fakenewsnet_crawled_articles.csv"


def articles(n: int):
    from newsaudit.article import Article

    if SHARED_CRAWL.exists():
        import pandas as pd

        df = pd.read_csv(SHARED_CRAWL).fillna("")
        df = df[df["text"].str.len().between(3500, 4500)]
        rows = list(zip(df["title"], df["text"]))
        source = f"FakeNewsNet crawl, {len(rows)} bodies of 3,500-4,500 characters"
    else:
        text = (ROOT / "examples" / "harbour-bridge-closure.txt").read_text(encoding="utf-8")
        title, body = text.split("\n", 1)[0], text.split("•")[0]
        rows = [(title, (body * (4000 // max(len(body), 1) + 1))[:4000])]
        source = "the sample article repeated to 4,000 characters"
    return [Article(body=rows[i % len(rows)][1], title=rows[i % len(rows)][0]) for i in range(n)], source


def rate(components, items, cpu: bool = False) -> float:
    """Articles per second of wall-clock time (of CPU time with ``cpu``)."""
    import copy

    clock = time.process_time if cpu else time.perf_counter
    batch = [copy.copy(a) for a in items]
    for a in batch:
        a.parts = {}
        a.sentences = []
    t0 = clock()
    for a in batch:
        for comp in components:
            a = comp(a)
    return len(batch) / (clock() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from newsaudit.loading import FACTORIES

    options = {"model": None, "prior": None, "evidence": True}
    build = {name: FACTORIES[name](options) for name in ("segment", "quotes", "claims", "signals") if name in FACTORIES}
    items, source = articles(args.n)
    rate(list(build.values()), items[:50])  # warm up: lexicon, stance model
    out = {
        "articles": source,
        "n": args.n,
        "mean_chars": round(sum(len(a.body) for a in items) / len(items)),
        "signals_per_s": round(rate([build["signals"]], items)),
        "signals_per_cpu_s": round(rate([build["signals"]], items, cpu=True)),
        "segment_signals_per_s": round(rate([build["segment"], build["signals"]], items)),
    }
    if "quotes" in build and "claims" in build:
        out["segment_quotes_claims_signals_per_s"] = round(rate(list(build.values()), items))
    else:
        out["note"] = "quotes/claims components not registered yet: only signals were timed"
    print(json.dumps(out, indent=2) if args.json else "\n".join(f"{k}: {v}" for k, v in out.items()))


if __name__ == "__main__":
    main()
