"""One very long paragraph (or section) full of placeholders parses in linear time.

Rebuilding the text with each placeholder's span (``assemble_with_spans``)
used to re-measure the whole output for every placeholder of a field
(quadratic: ~53 s for a 1 MB single-paragraph draft against ~0.8 s for
100 kB) and to scan every line of a section for every placeholder in it
(~55 s for 12,000 short paragraphs under no heading).
"""

from __future__ import annotations

import time

from apps.parsing import ParseOptions, assemble_with_spans, parse_draft

SENTENCE = "全县生产总值完成XX亿元，同比增长XX，居全市第XX位。".encode()


def _draft(n_bytes: int) -> bytes:
    return SENTENCE * (n_bytes // len(SENTENCE))


def _parse_and_rebuild(data: bytes):
    start = time.perf_counter()
    # Beyond the screening's paragraph cap on purpose: the assembler itself must stay linear.
    result = parse_draft(data, filename="draft.txt", options=ParseOptions(max_paragraph_chars=10**7))
    text, spans = assemble_with_spans(result)
    return time.perf_counter() - start, result, text, spans


def test_one_megabyte_paragraph_parses_in_linear_time():
    small = min(_parse_and_rebuild(_draft(100_000))[0] for _ in range(3))
    data = _draft(1_000_000)
    elapsed, result, text, spans = _parse_and_rebuild(data)

    # The result is complete: one paragraph, three placeholders per sentence, each span on its "XX".
    copies = len(data) // len(SENTENCE)
    assert text == data.decode()
    assert sum(len(s.placeholders) for s in result.sections) == len(spans) == 3 * copies
    assert all(text[a:b] == "XX" for a, b in spans.values())

    # Linear is ~10x the 100 kB time (~1 s here); quadratic was ~65x (~53 s).
    assert elapsed < 10, f"1 MB single paragraph took {elapsed:.1f} s"
    assert elapsed <= 30 * small, f"1 MB took {elapsed:.2f} s, {elapsed / small:.0f}x the 100 kB time ({small:.3f} s)"


def test_many_paragraphs_in_one_section_rebuild_in_linear_time():
    line = SENTENCE + b"\n"
    small = min(_parse_and_rebuild(line * 600)[0] for _ in range(3))
    elapsed, result, text, spans = _parse_and_rebuild(line * 6000)

    assert len(result.sections) == 1  # no heading: every paragraph is in the preamble
    assert text == (line * 6000).decode().rstrip("\n")
    assert len(spans) == 3 * 6000
    assert all(text[a:b] == "XX" for a, b in spans.values())

    # Linear is ~10x (~0.3 s here); scanning the lines per placeholder took ~13 s.
    assert elapsed < 5, f"6,000 paragraphs took {elapsed:.1f} s"
    assert elapsed <= 30 * small, f"6,000 paragraphs took {elapsed:.2f} s, {elapsed / small:.0f}x 600 ({small:.3f} s)"
