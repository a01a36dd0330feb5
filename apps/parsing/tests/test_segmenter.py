"""jieba start-up: one dictionary, one tagger, loaded once per process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from apps.parsing import segmenter

from . import make_jieba_dict

ROOT = Path(__file__).resolve().parents[3]


def test_dictionary_file_is_what_the_generator_writes():
    """data/jieba_dict.txt is jieba's dictionary less the words of frequency < 10."""
    assert make_jieba_dict.TARGET.read_text(encoding="utf-8") == make_jieba_dict.build()


def test_one_tagger_over_our_dictionary():
    """The tagger segments with our dictionary (indicator names whole) and is jieba.posseg's own."""
    import jieba.posseg

    segmenter.warm_up()
    assert segmenter.words("全县生产总值完成") == (("全县", "n"), ("生产总值", "ind"), ("完成", "v"))
    assert jieba.posseg.dt is segmenter._state["pos"]
    assert jieba.posseg.dt.tokenizer is segmenter._state["tokenizer"]


def test_warm_up_reads_no_dictionary_through_jieba():
    """In a fresh process, warm_up makes jieba read no dictionary file itself.

    Importing jieba.posseg on its own builds a tagger over jieba's default
    dictionary (its 349,000-word tag table, ~0.2 s) and a second tagger over
    ours would read that again; warm_up takes both tables from one cache.
    """
    probe = (
        "from apps.parsing import segmenter\n"
        "jieba = segmenter._import_jieba()\n"
        "calls = []\n"
        "jieba.Tokenizer.get_dict_file = lambda self: calls.append(self.dictionary)\n"
        "segmenter.warm_up()\n"
        "import jieba.posseg\n"
        "import sys\n"
        "print(len(calls), 'pkg_resources' in sys.modules, len(jieba.posseg.dt.word_tag_tab), "
        "segmenter.words('竣工项目个'))\n"
    )
    for _ in range(2):  # the first run may write the cache
        out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    calls, pkg_resources, size, cut = out.stdout.split(" ", 3)
    assert calls == "0"
    assert pkg_resources == "False"  # jieba would import it (~0.3 s) only to open its own files
    assert 50_000 < int(size) < 200_000  # ours (~105,000 words), not jieba's default (349,046)
    assert "('个', 'q')" in cut
