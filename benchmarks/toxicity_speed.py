"""Speed of the comment model on one core, and of a whole article with 50 comments: the README's figures.

    python benchmarks/toxicity_speed.py [--n 20000] [--json]

Comments are real ones from ../shared/data/comments when it is present (news-site
insults and Reddit comments, their lengths as they come), otherwise comments we
write, repeated. The token cache starts empty ("cold", a fresh process's first
batch) and is then warm, as in a service or a batch job after its first batches.
The language identifier, which loads on first use (a one-time cost of about
0.3 s), is loaded before timing.
The process is pinned to one core.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "comments"

_OWN = [
    "Thanks for the clear write-up.",
    "You are a pathetic idiot and a liar.",
    "I doubt the numbers in the third paragraph, where do they come from?",
    "He should be hanged by the neck for this.",
    "Good point, agreed. The council should have acted years ago.",
    "What a load of rubbish, typical of this paper.",
]


def comments(n: int) -> tuple[list[str], str]:
    if SHARED.exists():
        import pandas as pd

        from newsaudit.train.comments import load_comment_dataset

        texts = pd.concat([load_comment_dataset(name, SHARED)["text"] for name in ("impermium_test", "ruddit")])
        texts = texts.sample(frac=1.0, random_state=0).tolist()
        source = f"impermium test + ruddit, {len(texts)} comments, mean {statistics.mean(map(len, texts)):.0f} chars"
    else:
        texts, source = _OWN, "six comments we wrote"
    return [texts[i % len(texts)] for i in range(n)], source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    import newsaudit
    from newsaudit.article import Article, Comment
    from newsaudit.cli.comments import load_toxicity
    from newsaudit.moderation.language import language

    texts, source = comments(args.n)
    toxicity = load_toxicity(None)
    language("Das ist ein sehr schöner Tag heute", 7, 0.0)
    batches = [[Comment(t) for t in texts[i : i + args.batch_size]] for i in range(0, len(texts), args.batch_size)]

    def run() -> float:
        started = time.perf_counter()
        for batch in batches:
            toxicity.score_comments(batch)
        return len(texts) / (time.perf_counter() - started)

    cold = run()
    warm = statistics.median(run() for _ in range(3))
    # Scores only (no span explanations): what a bulk scorer needs.
    started = time.perf_counter()
    for batch in batches:
        toxicity.model.predict_proba([c.text for c in batch])
    scores_only = len(texts) / (time.perf_counter() - started)

    nlp = newsaudit.load()
    sample = (ROOT / "examples" / "harbour-bridge-closure.txt").read_text(encoding="utf-8")
    article_texts = texts[:50]

    def article() -> Article:
        a = nlp.make_article(sample)
        a.comments = [Comment(t, author=f"reader{i}") for i, t in enumerate(article_texts)]
        return a

    nlp(article())
    runs = []
    for _ in range(20):
        started = time.perf_counter()
        nlp(article())
        runs.append(time.perf_counter() - started)
    comment_part = []
    for _ in range(20):
        a = article()
        started = time.perf_counter()
        nlp.get("toxicity")(a)
        comment_part.append(time.perf_counter() - started)
    figures = {
        "comments": source,
        "n": len(texts),
        "comments_per_s_cold": round(cold),
        "comments_per_s_warm": round(warm),
        "comments_per_s_scores_only": round(scores_only),
        "article_with_50_comments_ms": round(1000 * statistics.median(runs), 1),
        "of_which_comments_ms": round(1000 * statistics.median(comment_part), 1),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
