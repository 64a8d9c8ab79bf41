"""The sentence vectors the triage model reads, from WordLlama (shipped in its wheel).

Two views of a text, each scaled to unit length and put side by side (512 numbers):
- the mean of its tokens' embeddings (search/semantic.py's vector): what the text is
  about as a whole;
- their element-wise maximum: the strongest signal of any one word ("swallowed",
  "contactless"), which the mean dilutes in a long message.
The maximum view adds about 0.3 points of top-1 accuracy on a held-out fifth of the
BANKING77 train file (0.9228 to 0.9259, bench/RESULTS.md); it costs a tokenization and a
gather, well under a millisecond a text.

Models trained before the maximum view existed read only the first 256 numbers (see
engine.Features.transform), so they keep serving after an upgrade."""

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from charterdesk.search import semantic

DIMENSIONS = 2 * semantic.DIMENSIONS


def embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """One row per text: the unit mean vector, then the unit max vector (zeros for a blank
    text)."""
    return np.hstack([semantic.embed(texts), max_pooled(texts)])


def max_pooled(texts: Sequence[str]) -> NDArray[np.float32]:
    model = semantic.model()
    table = np.asarray(model.embedding)
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    filled = [i for i, text in enumerate(texts) if text.strip()]
    if filled:
        for row, encoding in zip(
            filled, model.tokenizer.encode_batch([texts[i] for i in filled]), strict=True
        ):
            if encoding.ids:
                out[row] = table[encoding.ids].max(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.where(norms > 0, norms, 1.0)
    return out
