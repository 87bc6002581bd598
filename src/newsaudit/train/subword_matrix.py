"""The training-time twin of :mod:`newsaudit.features.subwords`: texts to a sparse design matrix.

Builds each distinct token's feature row once, then the documents as token
counts times those rows, plus bigram columns, scaled exactly as the model scales
at inference. Columns are feature hashes; :func:`build` keeps those seen in at
least ``min_df`` documents.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from ..features.subwords import bigram_keys, char_keys, scales, tokens, word_key


def build(texts: Sequence[str], *, min_df: int = 2, keys: np.ndarray | None = None) -> tuple[sp.csr_matrix, np.ndarray]:
    """``(X, keys)``: the scaled feature matrix of ``texts`` and the sorted feature hashes of its columns.

    With ``keys`` given (a fitted model's), columns are those keys and other features are dropped.
    """
    docs = [tokens(t) for t in texts]
    vocab: dict[str, int] = {}
    for toks in docs:
        for tok in toks:
            if tok not in vocab:
                vocab[tok] = len(vocab)
    # Token -> its n-gram features; its word feature is a column of its own.
    tok_rows, tok_keys = [], []
    word_hash = np.zeros(len(vocab), dtype=np.uint32)
    n_grams = np.zeros(len(vocab))
    for tok, i in vocab.items():
        k = char_keys(tok)
        tok_rows += [i] * len(k)
        tok_keys += k
        n_grams[i] = len(k)
        word_hash[i] = word_key(tok)
    # Document rows: token counts, then bigram counts, all keyed by hash.
    doc_rows, doc_toks = [], []
    bi_rows, bi_keys = [], []
    n_doc_grams = np.zeros(len(docs))
    for d, toks in enumerate(docs):
        ids = np.fromiter((vocab[t] for t in toks), dtype=np.int64, count=len(toks))
        doc_rows.append(np.full(len(ids), d))
        doc_toks.append(ids)
        bk = bigram_keys(word_hash[ids]) if len(ids) > 1 else np.zeros(0, np.uint32)
        bi_rows.append(np.full(len(bk), d))
        bi_keys.append(bk)
        n_doc_grams[d] = n_grams[ids].sum()
    all_keys = np.concatenate([np.asarray(tok_keys, dtype=np.uint32), word_hash, *bi_keys])
    if keys is None:
        keys = np.unique(all_keys)
    col_of_tok = np.searchsorted(keys, np.asarray(tok_keys, dtype=np.uint32))
    col_of_tok = np.minimum(col_of_tok, len(keys) - 1)
    hit = keys[col_of_tok] == np.asarray(tok_keys, dtype=np.uint32)
    phi = sp.csr_matrix(
        (np.ones(int(hit.sum())), (np.asarray(tok_rows)[hit], col_of_tok[hit])), shape=(len(vocab), len(keys))
    )
    wcol = np.minimum(np.searchsorted(keys, word_hash), len(keys) - 1)
    whit = keys[wcol] == word_hash
    words = sp.csr_matrix(
        (np.ones(int(whit.sum())), (np.flatnonzero(whit), wcol[whit])), shape=(len(vocab), len(keys))
    )
    counts = sp.csr_matrix(
        (np.ones(sum(len(x) for x in doc_toks)), (np.concatenate(doc_rows), np.concatenate(doc_toks))),
        shape=(len(docs), len(vocab)),
    )
    bk = np.concatenate(bi_keys)
    br = np.concatenate(bi_rows)
    bcol = np.minimum(np.searchsorted(keys, bk), len(keys) - 1)
    bhit = keys[bcol] == bk
    bigrams = sp.csr_matrix((np.ones(int(bhit.sum())), (br[bhit], bcol[bhit])), shape=(len(docs), len(keys)))
    lengths = np.fromiter((len(toks) for toks in docs), dtype=float, count=len(docs))
    word_scale, gram_scale = scales(lengths, np.maximum(lengths - 1, 0), n_doc_grams)
    X = sp.diags(word_scale) @ (counts @ words + bigrams) + sp.diags(gram_scale) @ (counts @ phi)
    X = sp.csr_matrix(X)
    if min_df > 1:
        df = np.bincount(X.indices, minlength=len(keys))
        keep = np.flatnonzero(df >= min_df)
        X = X[:, keep]
        keys = keys[keep]
    return X.tocsr(), keys
