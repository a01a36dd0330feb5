"""jieba, loaded once per process with the dictionary of indicator names.

Only short clauses (the words before a placeholder) are ever segmented:
segmenting a whole 200-page report would cost seconds. Results are cached
because reports repeat the same phrasing (``同比增长``, ``居全市第``).
"""

from __future__ import annotations

import array
import io
import logging
import marshal
import os
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

DICTIONARY = Path(__file__).with_name("data") / "indicators.txt"
# jieba's dictionary less its rare words (apps/parsing/tests/make_jieba_dict.py):
# a quarter of the load time of the full one.
JIEBA_DICTIONARY = Path(__file__).with_name("data") / "jieba_dict.txt"

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_state: dict = {}


def _load_names() -> frozenset[str]:
    names = set()
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        word = line.split(" ", 1)[0].strip()
        if word and not word.startswith("#"):
            names.add(word)
    return frozenset(names)


def _tables(tokenizer) -> tuple[dict, int, dict]:
    """jieba's prefix table, total and part-of-speech table for ``JIEBA_DICTIONARY``.

    Read from one marshal cache in the temporary directory (as jieba caches
    its own prefix table), written on the first run: one file read instead
    of jieba's cache plus a second pass over the dictionary for the tags. The
    tables are stored as a few long strings and an array of counts and
    rebuilt with ``dict(zip(...))``: a quarter of the time marshal takes to
    rebuild the dicts item by item.
    """
    stat = JIEBA_DICTIONARY.stat()
    cache = Path(tempfile.gettempdir()) / f"reports-jieba-v2-{stat.st_size}-{stat.st_mtime_ns}.marshal"
    try:
        with cache.open("rb") as f:
            st = os.fstat(f.fileno())
            # Only a cache this user wrote and nobody else can change (a shared /tmp).
            if st.st_uid == os.getuid() and not st.st_mode & 0o022:
                keys, counts, total, words, tags = marshal.load(f)  # noqa: S302 - our own file, checked above
                return (
                    dict(zip(keys.split("\n"), array.array("I", counts), strict=True)),
                    total,
                    dict(zip(words.split("\n"), tags.split("\n"), strict=True)),
                )
    except (OSError, EOFError, ValueError, TypeError):
        pass
    with JIEBA_DICTIONARY.open("rb") as f:
        freq, total = tokenizer.gen_pfdict(f)
    tag_of = {}
    for line in JIEBA_DICTIONARY.read_text(encoding="utf-8").splitlines():
        word, _, tag = line.split(" ")
        tag_of[word] = tag
    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent)
        with os.fdopen(fd, "wb") as f:
            marshal.dump(
                (
                    "\n".join(freq),
                    array.array("I", freq.values()).tobytes(),
                    total,
                    "\n".join(tag_of),
                    "\n".join(tag_of.values()),
                ),
                f,
            )
        os.replace(tmp, cache)
    except OSError:
        logger.warning("jieba_cache_write_failed path=%s", cache)
    return freq, total, tag_of


def _import_jieba():
    """``import jieba`` without ``pkg_resources``.

    jieba's ``_compat`` imports ``pkg_resources`` (setuptools: ~0.3 s and a
    deprecation warning) only to open its own data files, and falls back to
    plain ``open`` beside its module when that import fails.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # makes "import pkg_resources" raise ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


class _NoDictionary:
    """Stands in for ``jieba.dt`` while ``jieba.posseg`` is imported (see :func:`warm_up`)."""

    def get_dict_file(self):
        return io.BytesIO(b"")


def warm_up() -> None:
    """Load jieba's dictionary and ours, once per process; idempotent and thread-safe.

    Call it once per worker process (e.g. from Celery's
    ``worker_process_init``) so that the first parse does not pay for it.
    Importing ``jieba.posseg`` would build a tagger over jieba's default
    dictionary (reading its 349,000-word tag table) and a tagger of ours
    would read another: jieba's default is kept out of the way during that
    import, and one tagger over our dictionary serves (also as
    ``jieba.posseg.dt``).
    """
    if "pos" in _state:
        return
    with _lock:
        if "pos" in _state:
            return
        jieba = _import_jieba()
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer(str(JIEBA_DICTIONARY))
        tokenizer.FREQ, tokenizer.total, tags = _tables(tokenizer)
        tokenizer.initialized = True
        tokenizer.load_userdict(str(DICTIONARY))
        if "jieba.posseg" not in sys.modules:
            default, jieba.dt = jieba.dt, _NoDictionary()
            try:
                import jieba.posseg
            finally:
                jieba.dt = default
        import jieba.posseg

        pos = object.__new__(jieba.posseg.POSTokenizer)
        pos.tokenizer = tokenizer
        pos.word_tag_tab = tags
        jieba.posseg.dt = pos
        _state["names"] = _load_names()
        _state["tokenizer"] = tokenizer
        _state["pos"] = pos


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
