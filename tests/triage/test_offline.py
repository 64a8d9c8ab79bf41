"""The triage model trains and predicts with no network at all (scikit-learn ships no
data; the sentence vectors, mean and max, come from the model inside the wordllama wheel)."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

OFFLINE = """
import json, socket

def refuse(*args, **kwargs):
    raise OSError("network access is blocked in this test")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

from charterdesk.triage import vectors
from charterdesk.triage import engine

words = ("refund", "login", "export")
examples = [engine.Example(f"{w} problem {i}", w) for w in words for i in range(6)]
trained = engine.train(examples, precision_target=0.9, embed=vectors.embed)
model = engine.loads(trained.dumps())
best = model.predict("refund problem please", vectors.embed)
print(json.dumps({"label": best.label, "confidence": best.confidence}))
"""


def test_triage_trains_and_predicts_with_networking_blocked() -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "XDG_CACHE_HOME": home, "HF_HOME": home}
        env["PYTHONPATH"] = str(src)
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
    assert result["label"] == "refund"
    assert 0 < result["confidence"] <= 1
