"""Word meaning beside word matching: static word vectors, so "stepdad hits her" comes near "being harmed".

Word matching finds a clause that shares a question's words (or their synonyms in the vocabulary); most
questions about a policy nobody curated share hardly any. Each English word here has a vector distilled
once from a sentence-transformer (``scripts/build_word_vectors.py``); a text's vector is the SIF-weighted
mean of its words' vectors (frequent words weigh little, stop words nothing), and closeness is the cosine.
At run time that is numpy only: a dot product per clause, tens of microseconds a question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

VECTORS = Path(__file__).parent / "language" / "vectors"
SIF = 1e-4  # a/(a + p(word)): a word as frequent as 1 in 10,000 weighs half as much as a rare one
_WORD = re.compile(r"[a-z0-9]+")

Vector = npt.NDArray[np.float32]


class WordVectors:
    """The shipped static word vectors, loaded once per process."""

    def __init__(self, folder: Path = VECTORS) -> None:
        words = (folder / "words.txt").read_text(encoding="utf-8").split()
        self.matrix = np.load(folder / "vectors.npy")  # int8 rows, each scaled on its own: unit length only when read
        freq = np.load(folder / "freq.npy")
        weights = (SIF / (SIF + freq)).astype(np.float32)
        self.index = {w: i for i, w in enumerate(words)}
        self.stopwords = frozenset((folder / "stopwords.txt").read_text(encoding="utf-8").split())
        for stop in self.stopwords:
            if stop in self.index:
                weights[self.index[stop]] = 0.0
        self.weights = weights
        self.frequency = freq
        self.dims = self.matrix.shape[1]

    def rare(self, word: str, frequency: float) -> bool:
        """Whether ``word`` is rarer in English than ``frequency`` (a word not in the list is)."""
        row = self.index.get(word)
        return row is None or float(self.frequency[row]) < frequency

    def rows(self, ids: Sequence[int]) -> Vector:
        """The unit vectors of the words at ``ids`` (read on demand: the whole matrix is never converted)."""
        picked: Vector = self.matrix[list(ids)].astype(np.float32)
        picked /= np.linalg.norm(picked, axis=1, keepdims=True) + 1e-12
        return picked

    @lru_cache(maxsize=512)  # noqa: B019 - one instance per process; several policies embed the same question
    def embed(self, text: str) -> Vector | None:
        """The unit vector of ``text``, or ``None`` when none of its words carries meaning here."""
        ids = [i for i in (self.index.get(w) for w in _WORD.findall(text.lower())) if i is not None]
        if not ids:
            return None
        weights = self.weights[ids]
        if float(weights.sum()) <= 0.0:
            return None
        vector: Vector = weights @ self.rows(ids)
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else None

    def matrix_of(self, texts: Sequence[str]) -> Vector:
        """One unit row per text (zeros for a text with no known word), for :meth:`closeness`."""
        rows = [self.embed(text) for text in texts]
        zero = np.zeros(self.dims, np.float32)
        return np.asarray([row if row is not None else zero for row in rows], dtype=np.float32)


@lru_cache(maxsize=1)
def word_vectors() -> WordVectors:
    return WordVectors()
