"""Fixtures for the parser tests: plain pytest, no Django."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

SAMPLES = Path(__file__).with_name("samples")

settings.register_profile("default", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# CI: derandomized, so that a run is reproducible and a red build names a bug every rerun shows (the random
# search runs locally with the default profile, and what it finds becomes an @example or a test).
settings.register_profile(
    "ci", max_examples=1000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session", autouse=True)
def _jieba_loaded():
    """Load jieba once for the whole session, as a worker process would."""
    from apps.parsing import warm_up

    warm_up()


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def gold(doc: str) -> dict:
    return json.loads((SAMPLES / f"{doc}.gold.json").read_text(encoding="utf-8"))
