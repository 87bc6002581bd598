"""Speed of the reliability stage on one core, start-up time and memory: the README's figures.

    python benchmarks/reliability_speed.py [--n 1000] [--json]

Articles are 600-word texts: real ones from ../shared/data when it is present
(FakeNewsNet crawl, 500-700 words), otherwise the shipped sample article repeated
to 600 words. The process is pinned to one core.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CRAWL = ROOT.parent / "shared" / "data" / "articles" / "fakenewsnet_crawled_content" / "fakenewsnet_crawled_articles.csv"


def articles(n: int) -> tuple[list[tuple[str, str]], str]:
    if SHARED_CRAWL.exists():
        import pandas as pd

        df = pd.read_csv(SHARED_CRAWL).fillna("")
        words = df["text"].str.split().str.len()
        df = df[(words >= 500) & (words <= 700)]
        rows = list(zip(df["title"], df["text"]))
        source = f"FakeNewsNet crawl, {len(rows)} articles of 500-700 words"
    else:
        text = (ROOT / "examples" / "harbour-bridge-closure.txt").read_text(encoding="utf-8")
        title, body = text.split("\n", 1)[0], text.split("•")[0]
        body = " ".join((body.split() * 4)[:600])
        rows = [(title, body)]
        source = "the sample article repeated to 600 words"
    return [rows[i % len(rows)] for i in range(n)], source


def startup() -> float:
    code = "import time; t=time.perf_counter(); import newsaudit; newsaudit.load(); print(time.perf_counter()-t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout) for _ in range(3)]
    return min(runs)


def memory() -> float:
    """Peak RSS in MB of a fresh process that loads the pipeline and audits the sample article 200 times."""
    # VmHWM, not ru_maxrss: the latter starts from the (large) parent's size after fork.
    code = (
        "import newsaudit; nlp = newsaudit.load(); "
        "text = open('examples/harbour-bridge-closure.txt', encoding='utf-8').read(); "
        "[nlp(text) for _ in range(200)]; "
        "print([int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0] / 1024)"
    )
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout)


def rate(fn, items, repeats: int = 3) -> float:
    """Articles per second: the median of ``repeats`` timed passes, after one warm-up pass.

    The warm-up fills the token caches, as in a long-running process; the median
    keeps one slow pass on a shared machine from deciding the figure.
    """
    fn(items[:200])
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn(items)
        runs.append(len(items) / (time.perf_counter() - t))
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    import newsaudit
    from newsaudit import Article
    from newsaudit.components.segment import split_sentences

    items, source = articles(args.n)
    others = ["quotes", "claims", "signals", "source", "toxicity"]
    nlp = newsaudit.load(exclude=others)
    fast = newsaudit.load(evidence=False, exclude=others)
    full = newsaudit.load()
    model = nlp.get("reliability").model
    docs = [Article(body=b, title=t) for t, b in items]
    for d in docs:
        d.sentences = split_sentences(d.body)
    words = sum(len(b.split()) for _, b in items) / len(items)
    figures = {
        "articles": source,
        "mean_words": round(words),
        "score_only_per_s": rate(lambda xs: [model.raw_logit(t, b) for t, b in xs], items),
        "score_only_batched_per_s": rate(lambda xs: [model.raw_logits(xs[i : i + 256]) for i in range(0, len(xs), 256)], items),
        "reliability_stage_per_s": rate(lambda xs: [model.explain(d) for d in xs], docs),
        "reliability_stage_batched_per_s": rate(lambda xs: [model.explain_many(xs[i : i + 256]) for i in range(0, len(xs), 256)], docs),
        "segment_and_reliability_per_s": rate(
            lambda xs: list(nlp.pipe([Article(body=a.body, title=a.title) for a in xs], batch_size=256)), docs
        ),
        "pipeline_scores_only_per_s": rate(
            lambda xs: list(fast.pipe([Article(body=a.body, title=a.title) for a in xs], batch_size=256)), docs
        ),
        # Every part of the report (no comments in these articles): what `newsaudit analyze` runs.
        "full_pipeline_per_s": rate(
            lambda xs: list(full.pipe([Article(body=a.body, title=a.title) for a in xs], batch_size=256)), docs
        ),
        "import_and_load_s": startup(),
        "peak_rss_mb": memory(),
        "python": sys.version.split()[0],
    }
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        for k, v in figures.items():
            print(f"{k:32s} {v:.1f}" if isinstance(v, float) else f"{k:32s} {v}")


if __name__ == "__main__":
    main()
