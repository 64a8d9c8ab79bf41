"""Semantic similarity: texts as vectors, so "I forgot my login" finds "Reset your password".

The model is WordLlama's `l2_supercat_256` (a 32,000-token x 256 embedding table, 16 MB of
fp16 weights with its tokenizer), shipped INSIDE the `wordllama` wheel: nothing is
downloaded, ever, and no GPU or torch is needed. A text's vector is the mean of its
tokens' embeddings, scaled to unit length, so the cosine of two texts is a dot product.

`WordLlama.load()` is not used: in wordllama 0.4 it looks for a `tokenizer/` folder the
wheel does not have and then tries to download from Hugging Face. The weights and the
tokenizer are opened from the installed package's files instead (`_load`), which
tests/search/test_semantic_model_offline.py checks with networking blocked.

The model loads once per process, on first use (about 1.5 s and 160 MB), under a lock so
two threads never load it twice. Embedding a short text then takes well under a
millisecond.
"""

import threading
from collections.abc import Sequence
from importlib.resources import files
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray
from safetensors import safe_open
from tokenizers import Tokenizer
from wordllama import WordLlamaInference

MODEL = "l2_supercat_256"
DIMENSIONS = 256
# A vector is stored as DIMENSIONS little-endian float16 values: 512 bytes a document.
STORED = "<f2"

Key = TypeVar("Key")
Vectors = NDArray[np.float32]
Blob = bytes | memoryview  # a stored vector, as the database driver returns it

_lock = threading.Lock()
_model: WordLlamaInference | None = None


def _load() -> WordLlamaInference:
    package = files("wordllama")
    weights = package / "weights" / f"{MODEL}.safetensors"
    tokenizer = package / "tokenizers" / "l2_supercat_tokenizer_config.json"
    with safe_open(str(weights), framework="np") as tensors:
        embedding = tensors.get_tensor("embedding.weight")
    return WordLlamaInference(embedding, Tokenizer.from_file(str(tokenizer)))


def model() -> WordLlamaInference:
    """The process's one model, loaded on first use."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _load()
    return _model


def embed(texts: Sequence[str]) -> Vectors:
    """One unit-length row per text (float32, DIMENSIONS wide). An empty or blank text
    gives a row of zeros, which is similar to nothing."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    filled = [i for i, text in enumerate(texts) if text.strip()]
    if filled:
        vectors = model().embed([texts[i] for i in filled], norm=False)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        out[filled] = vectors / np.where(norms > 0, norms, 1.0)
    return out


def embed_one(text: str) -> Vectors:
    return embed([text])[0]


def rank(text: str, candidates: Sequence[tuple[Key, str]]) -> list[tuple[Key, float]]:
    """Candidates (key, text) ordered by cosine similarity to `text`, most similar first."""
    if not candidates:
        return []
    query = embed_one(text)
    scores = embed([candidate for _, candidate in candidates]) @ query
    order = np.argsort(-scores, kind="stable")
    return [(candidates[i][0], float(scores[i])) for i in order]


def to_bytes(vector: Vectors) -> bytes:
    """The stored form of one vector."""
    return np.asarray(vector, dtype=STORED).tobytes()


def from_bytes(blobs: Sequence[Blob]) -> Vectors:
    """Stored vectors back as one float32 matrix, a row per blob."""
    if not blobs:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    joined = np.frombuffer(b"".join(blobs), dtype=STORED)
    return joined.reshape(len(blobs), DIMENSIONS).astype(np.float32)
