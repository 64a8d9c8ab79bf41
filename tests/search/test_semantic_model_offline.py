"""The embedding model ships inside the wordllama wheel and loads with no network at all:
a future version that tried to download something would fail here, not in production."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Run in a fresh interpreter (the model is not loaded yet there) whose sockets all refuse,
# with an empty HOME so no download cache can help.
OFFLINE = """
import json, socket, sys

def refuse(*args, **kwargs):
    raise OSError("network access is blocked in this test")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

from charterdesk.search import semantic

vectors = semantic.embed(["How do I reset my password?", "I forgot my login code"])
print(json.dumps({"shape": list(vectors.shape), "cosine": float(vectors[0] @ vectors[1])}))
"""


def test_model_loads_and_embeds_with_networking_blocked() -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "HOME": home,
            "XDG_CACHE_HOME": home,
            "HF_HOME": home,
            "PYTHONPATH": str(src),
        }
        run = subprocess.run(  # noqa: S603 (our own interpreter and script)
            [sys.executable, "-c", OFFLINE],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["shape"] == [2, 256]
    assert result["cosine"] > 0.5
