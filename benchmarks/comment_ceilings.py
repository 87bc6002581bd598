"""What a bag-of-words model reaches when it is trained on the very set it is tested on.

    python benchmarks/comment_ceilings.py [--data ../shared/data/comments] [--json]

The comment model's targets on OLID, ETHOS and impermium are ROC AUCs on sets it
never trains on (their licences or roles forbid it). This script measures, for
each, a TF-IDF logistic regression over word 1-2grams and character 2-5grams
(scikit-learn; C = 1, seeded) trained *in domain*:

* OLID: trained on OLID train, tested on test A (``subtask_a == OFF``);
* impermium: trained on impermium train, tested on impermium test (insults);
* ETHOS: 5-fold cross-validation inside ETHOS (violence vs the rest), fold seeds 0, 1, 2.

The models are thrown away: this is evaluation only, and nothing here ships or
trains the comment model. The figures say how far a linear model over words
gets with the set's own labels, for comparison with the shipped model, which
never trains on these test sets (MODEL_CARD.md, "Comment model").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline, make_union

from newsaudit.evaluate import roc_auc
from newsaudit.train.comments import load_comment_dataset

ROOT = Path(__file__).resolve().parents[1]
SEEDS = (0, 1, 2)


def bag_of_words(seed: int = 0):
    """Word 1-2grams and character 2-5grams (within words), TF-IDF with sublinear counts, then logistic regression."""
    return make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        ),
        LogisticRegression(C=1.0, max_iter=5000, random_state=seed),
    )


def train_test(data: Path, train: str, test: str, label: str) -> dict:
    fit = load_comment_dataset(train, data)
    held = load_comment_dataset(test, data)
    model = bag_of_words().fit(fit["text"], fit[label] >= 0.5)
    auc = roc_auc((held[label] >= 0.5).to_numpy(), model.predict_proba(held["text"])[:, 1])
    return {"set": test, "trained_on": train, "label": label, "n": len(held), "roc_auc": round(float(auc), 4)}


def cross_validated(data: Path, name: str, label: str) -> dict:
    frame = load_comment_dataset(name, data)
    y = (frame[label] >= 0.5).to_numpy()
    aucs = []
    for seed in SEEDS:
        folds = StratifiedKFold(5, shuffle=True, random_state=seed)
        p = cross_val_predict(bag_of_words(seed), frame["text"], y, cv=folds, method="predict_proba")[:, 1]
        aucs.append(round(float(roc_auc(y, p)), 4))
    return {"set": name, "trained_on": f"5-fold CV inside {name}, fold seeds {list(SEEDS)}", "label": label,
            "n": len(frame), "roc_auc": round(float(np.mean(aucs)), 4), "per_seed": aucs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "comments")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.data.is_dir():
        parser.exit(2, f"error: no comment data at {args.data}\n")
    rows = [
        train_test(args.data, "olid_train", "olid_test", "y_toxic"),
        train_test(args.data, "impermium_train", "impermium_test", "y_insult"),
        cross_validated(args.data, "ethos", "y_threat"),
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    for row in rows:
        extra = f" (per seed {row['per_seed']})" if "per_seed" in row else ""
        print(f"{row['set']:<15} {row['label']:<9} n={row['n']:<5} ROC AUC {row['roc_auc']:.4f}{extra}"
              f"  trained on: {row['trained_on']}")


if __name__ == "__main__":
    main()
