"""jieba, loaded once per process with the dictionary of indicator names.

Only short clauses (the words before a placeholder) are ever segmented:
segmenting a whole 200-page report would cost seconds. Results are cached
because reports repeat the same phrasing (``同比增长``, ``居全市第``).
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path

DICTIONARY = Path(__file__).with_name("data") / "indicators.txt"

_lock = threading.Lock()
_state: dict = {}


def _load_names() -> frozenset[str]:
    names = set()
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        word = line.split(" ", 1)[0].strip()
        if word and not word.startswith("#"):
            names.add(word)
    return frozenset(names)


def warm_up() -> None:
    """Load jieba's dictionary and ours; idempotent and thread-safe.

    Call it once per worker process (e.g. from Celery's
    ``worker_process_init``) so that the first parse does not pay ~1 s.
    """
    if "pos" in _state:
        return
    with _lock:
        if "pos" in _state:
            return
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        tokenizer.load_userdict(str(DICTIONARY))
        _state["names"] = _load_names()
        _state["tokenizer"] = tokenizer
        _state["pos"] = jieba.posseg.POSTokenizer(tokenizer)


def indicator_names() -> frozenset[str]:
    """The official indicator names of the shipped dictionary."""
    if "names" not in _state:
        _state["names"] = _load_names()
    return _state["names"]


@lru_cache(maxsize=8192)
def words(clause: str) -> tuple[tuple[str, str], ...]:
    """Segment a short clause into ``(word, part-of-speech)`` pairs."""
    warm_up()
    return tuple((w.word, w.flag) for w in _state["pos"].lcut(clause, HMM=False))
