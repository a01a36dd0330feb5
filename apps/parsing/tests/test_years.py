"""Year placeholders: ``XX年`` is a year, but ``XX年均`` is a number followed by 年均 (an annual average)."""

from apps.parsing import KIND_YEAR, parse_draft


def _kinds(text: str) -> list[tuple[str, str | None]]:
    result = parse_draft(("县政府工作总结\n" + text + "\n").encode(), filename="a.txt")
    return [(p.kind, p.unit) for s in result.sections for p in s.placeholders]


def test_xx_nian_is_a_year():
    assert _kinds("XX年全县生产总值完成8亿元。")[0] == (KIND_YEAR, "年")


def test_xx_before_nianjun_is_not_a_year():
    """``近XX年均增长`` would otherwise lose its number: the placeholder is not followed by the year character."""
    kinds = _kinds("全县生产总值完成XX年均增长8%。")
    assert kinds and all(kind != KIND_YEAR for kind, _unit in kinds)
