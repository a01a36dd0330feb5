"""Reports built from hand-made parse results, so that app tests do not depend on the parser's details."""

from apps.parsing.types import Indicator, ParseResult, Placeholder, Section
from apps.reports.services import report_create_from_parse


def ph(raw, kind, offset, unit=None, label="", field="body", implicit=False, indicator=None, role=None):
    return Placeholder(
        raw=raw,
        kind=kind,
        unit=unit,
        implicit=implicit,
        field=field,
        offset=offset,
        label=label,
        indicator=indicator,
        role=role,
    )


def sample_result() -> ParseResult:
    """A small report: preamble, 一、 with a （一） child holding an indicator sentence, and 二、."""
    body1 = "全县生产总值完成XX亿元，同比增长XX，居全市第XX位。\n引进项目XX个。"
    return ParseResult(
        title="县政府2018年工作总结",
        sections=(
            Section(
                level=0,
                number="",
                marker="",
                heading="",
                heading_end="",
                inline_body=False,
                body="今年以来，全县经济社会平稳发展。",
            ),
            Section(
                level=1,
                number="一",
                marker="一、",
                heading="2018年工作情况",
                heading_end="",
                inline_body=False,
                body="",
            ),
            Section(
                level=2,
                number="一",
                marker="（一）",
                heading="经济运行稳中趋好",
                heading_end="。",
                inline_body=True,
                body=body1,
                placeholders=(
                    ph(
                        "XX", "number", body1.index("XX亿元"), "亿元", "全县生产总值（亿元）", indicator=0, role="value"
                    ),
                    ph(
                        "XX",
                        "percent",
                        body1.index("XX，居"),
                        None,
                        "全县生产总值 同比增长（%）",
                        indicator=0,
                        role="growth",
                    ),
                    ph(
                        "XX", "rank", body1.index("XX位"), None, "全县生产总值 全市排名（位）", indicator=0, role="rank"
                    ),
                    ph("XX", "number", body1.index("XX个"), "个", "引进项目（个）"),
                ),
            ),
            Section(
                level=1,
                number="二",
                marker="二、",
                heading="存在问题",
                heading_end="",
                inline_body=False,
                body="财政收入完成亿元。",
                placeholders=(ph("", "number", len("财政收入完成"), "亿元", "财政收入（亿元）", implicit=True),),
            ),
        ),
        indicators=(Indicator(name="生产总值", scope="全县", unit="亿元"),),
    )


def make_report(*, organization, user, result=None):
    return report_create_from_parse(organization=organization, user=user, result=result or sample_result())


def big_result(*, sections: int, per_section: int) -> ParseResult:
    """A report of ``sections`` sections with ``per_section`` indicator sentences each (value, growth, rank...)."""
    built, indicators = [], []
    for s in range(sections):
        sentences, placeholders = [], []
        offset = 0
        for i in range(per_section):
            n = len(indicators)
            indicators.append(Indicator(name=f"指标{n}", scope="全县", unit="亿元"))
            sentence = f"全县指标{n}完成XX亿元，"
            placeholders.append(
                ph(
                    "XX",
                    "number",
                    offset + sentence.index("XX"),
                    "亿元",
                    f"全县指标{n}（亿元）",
                    indicator=n,
                    role="value",
                )
            )
            sentences.append(sentence)
            offset += len(sentence)
        body = "".join(sentences)
        built.append(
            Section(
                level=1 if s % 5 == 0 else 2,
                number=str(s),
                marker=f"（{s}）",
                heading=f"第{s}部分",
                heading_end="",
                inline_body=False,
                body=body,
                placeholders=tuple(placeholders),
            )
        )
    return ParseResult(title="大型报告", sections=tuple(built), indicators=tuple(indicators))
