"""The parser's jieba dictionary: jieba's own, less its rare words.

jieba's ``dict.txt`` holds 349,000 words; loading it (and, for
``jieba.posseg``, its part-of-speech table) costs ~0.8 s at every process
start, most of it for words with a frequency under 10 (243,000 of them:
classical, transliterated, rare compounds) that never decide how the short
clauses before a value are cut. ``apps/parsing/data/jieba_dict.txt`` keeps
the words of frequency >= ``MIN_FREQ`` (~105,000): about 0.2 s to load.
``test_segmenter.py`` checks that the file is what this script writes from
the installed jieba.

Usage (from the repository root)::

    .venv/bin/python apps/parsing/tests/make_jieba_dict.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import jieba

MIN_FREQ = 10
TARGET = Path(__file__).resolve().parents[1] / "data" / "jieba_dict.txt"


def build() -> str:
    source = Path(jieba.__file__).with_name("dict.txt").read_text(encoding="utf-8")
    kept = [line for line in source.splitlines() if len(parts := line.split(" ")) >= 2 and int(parts[1]) >= MIN_FREQ]
    return "\n".join(kept) + "\n"


def main() -> int:
    TARGET.write_text(build(), encoding="utf-8")
    print(f"{TARGET}: {sum(1 for _ in TARGET.open(encoding='utf-8'))} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
