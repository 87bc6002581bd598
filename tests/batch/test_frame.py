"""``newsaudit.audit_frame``: a DataFrame in, the flattened scores out, row for row, index kept."""

from __future__ import annotations

import pandas as pd
from support import synthetic_corpus

import newsaudit
from newsaudit.batch import PipelineSpec, run_batch


def test_audit_frame_keeps_the_index_and_matches_batch_output(tmp_path):
    df = synthetic_corpus(3).drop(columns=["dataset", "group"]).reset_index(drop=True)
    df["url"] = "https://www.example.org/story"
    df.loc[2, "text"] = "   "
    df.index = [f"row{i}" for i in range(len(df))]  # not a range: the result must keep it
    scores = newsaudit.audit_frame(df)
    assert list(scores.index) == list(df.index)
    assert scores.loc["row2", "error"] == "the 'text' column is empty"
    assert scores["error"].drop("row2").isna().all()
    assert (scores["domain"].drop("row2") == "example.org").all()

    df.to_parquet(tmp_path / "in.parquet")
    run_batch([tmp_path / "in.parquet"], tmp_path / "out.csv", spec=PipelineSpec(evidence=False))
    batch = pd.read_csv(tmp_path / "out.csv")
    column = "reliability.probability_unreliable"
    assert scores[column].drop("row2").tolist() == batch[column].tolist()


def test_audit_frame_reads_other_column_names_and_an_absent_title():
    df = pd.DataFrame({"body": ["Officials said the bridge reopened on Monday, the ministry confirmed."]})
    scores = newsaudit.audit_frame(df, text="body")
    assert scores.loc[0, "title"] == "" and scores.loc[0, "reliability.label"] in {"reliable", "unreliable", "uncertain"}
