"""Speed of the quotes and claims stages on one core: articles per second.

    python benchmarks/claims_speed.py [--n 2000] [--seed 0] [--json]

Articles are 3-5 kB: real ones from ../shared/data when present (FakeNewsNet
crawl, 500-800 words), otherwise articles of the gold set (tests/attribution/gold)
shuffled and joined to 3-5 kB with a seeded generator. Sentences are split once
beforehand; the first figure is for ``quotes`` + ``claims`` alone, the second
for the pipeline's ``quotes``, ``claims`` and ``signals`` components together
(the issue's target: 1,000 articles/s). The process is pinned to one core.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path

from newsaudit.attribution.claims import find_claims
from newsaudit.attribution.gold import DEFAULT_GOLD, read_gold
from newsaudit.attribution.quotes import find_quotes
from newsaudit.components.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SHARED_CRAWL = (
    ROOT.parent / "shared" / "data" / "articles" / "fakenewsnet_crawled_content" / "fakenewsnet_crawled_articles.csv"
)


def articles(n: int, seed: int) -> tuple[list[str], str]:
    rng = random.Random(seed)
    if SHARED_CRAWL.exists():
        import pandas as pd

        df = pd.read_csv(SHARED_CRAWL).fillna("")
        size = df["text"].str.len()
        texts = list(df[(size >= 3000) & (size <= 5000)]["text"])
        source = f"FakeNewsNet crawl, {len(texts)} articles of 3-5 kB"
    else:
        bodies = [a["body"] for a in read_gold(DEFAULT_GOLD)]
        texts = []
        for _ in range(200):
            rng.shuffle(bodies)
            text, target = "", rng.randint(3000, 5000)
            for body in bodies:
                if len(text) >= target:
                    break
                text += body + "\n\n"
            texts.append(text[:target])
        source = "gold-set articles joined to 3-5 kB"
    return [texts[rng.randrange(len(texts))] for _ in range(n)], source


def _with_signals(split: list) -> float:
    """Articles per second through the ``quotes``, ``claims`` and ``signals`` components."""
    from newsaudit.article import Article
    from newsaudit.loading import FACTORIES

    components = [FACTORIES[name]({}) for name in ("quotes", "claims", "signals")]
    docs = [Article(body=text, sentences=sentences) for text, sentences in split]
    start = time.perf_counter()
    for doc in docs:
        for component in components:
            component(doc)
    return len(docs) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts, source = articles(args.n, args.seed)
    split = [(t, split_sentences(t)) for t in texts]
    start = time.perf_counter()
    n_quotes = n_claims = 0
    for text, sentences in split:
        quotes = find_quotes(text, [s.start for s in sentences])
        claims = find_claims(text, sentences, quotes)
        n_quotes += len(quotes)
        n_claims += len(claims)
    elapsed = time.perf_counter() - start
    together = _with_signals(split)
    result = {
        "articles": len(texts),
        "source": source,
        "mean_chars": round(sum(map(len, texts)) / len(texts)),
        "articles_per_s": round(len(texts) / elapsed, 1),
        "quotes_per_article": round(n_quotes / len(texts), 2),
        "claims_per_article": round(n_claims / len(texts), 2),
        "quotes_claims_signals_per_s": round(together, 1),
    }
    print(
        json.dumps(result, indent=2)
        if args.json
        else f"quotes+claims: {result['articles_per_s']} articles/s on one core ({result['source']}, "
        f"mean {result['mean_chars']} chars); quotes+claims+signals: {result['quotes_claims_signals_per_s']}/s"
    )


if __name__ == "__main__":
    main()
