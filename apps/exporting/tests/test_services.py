import datetime
import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from apps.core.errors import PermissionDeniedError, StateError
from apps.exporting.models import ExportProfile
from apps.exporting.selectors import export_profile_get
from apps.exporting.services import (
    export_profile_update,
    report_export_data,
    report_export_docx,
    report_export_in_place_docx,
    report_signature_update,
)
from apps.exporting.types import FontProfile
from apps.reports.models import Placeholder, ReportTransition, SectionStatus
from apps.reports.services_report_status import report_finalize


def _fill_all(report):
    for ph in Placeholder.objects.filter(report=report):
        ph.value = {"number": "12.5", "percent": "7.2", "rank": "3"}.get(ph.kind, "城南路")
        ph.save()


def test_export_data_puts_values_and_empty_markers_in_place(report):
    gdp = Placeholder.objects.get(report=report, role="value")
    gdp.value = "100"
    gdp.save()
    data = report_export_data(report=report, draft=True)
    section = data.sections[2]
    assert section.marker == "（一）" and section.inline_body
    first = section.paragraphs[0]
    assert "".join(s.text for s in first) == "全县生产总值完成100亿元，同比增长XX，居全市第XX位。"
    assert [(s.text, s.empty) for s in first if s.placeholder] == [("100", False), ("XX", True), ("XX", True)]
    implicit = data.sections[3].paragraphs[0]
    assert [(s.text, s.empty) for s in implicit if s.placeholder] == [("", True)]
    assert any("全县生产总值 同比增长" in label for label in data.empty_labels)


def test_a_final_export_is_refused_until_the_report_is_finalized(report, drafter):
    """GIVEN a report being filled WHEN its final version is asked for THEN it is refused until every section
    is approved, every placeholder filled and the report finalized; the export itself never changes the status."""
    with pytest.raises(StateError):
        report_finalize(report=report, user=drafter)
    _fill_all(report)
    with pytest.raises(StateError, match="还不能定稿"):
        report_finalize(report=report, user=drafter)
    report.sections.update(status=SectionStatus.APPROVED)
    with pytest.raises(StateError, match="尚未定稿"):
        report_export_docx(report=report, user=drafter, draft=False)
    report.refresh_from_db()
    assert report.status == "drafting" and not ReportTransition.objects.exists()
    report = report_finalize(report=report, user=drafter)
    data, name = report_export_docx(report=report, user=drafter, draft=False)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "12.5亿元" in text and "7.2%" in text and "XX" not in text
    assert name.endswith("（定稿）.docx")
    report.refresh_from_db()
    assert report.status == "finalized"


def test_a_draft_export_is_always_allowed_and_says_draft(report, drafter):
    data, _ = report_export_docx(report=report, user=drafter, draft=True)
    document = docx.Document(io.BytesIO(data))
    headers = " ".join(p.text for s in document.sections for p in s.header.paragraphs)
    assert "草稿" in headers
    assert "XX" in "\n".join(p.text for p in document.paragraphs)


def test_outsiders_cannot_export(report, outsider):
    with pytest.raises(PermissionDeniedError):
        report_export_docx(report=report, user=outsider, draft=True)


# --------------------------------------------------------------------------
# The standard layout of a realistic report, read back with python-docx

HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}


def _rfonts(run) -> dict[str, str]:
    element = run._element.rPr.rFonts
    return {key.split("}")[1]: value for key, value in element.attrib.items()}


def _expected_paragraphs(report) -> list[str]:
    """The body paragraphs as they must print: each section's text with the values in place."""
    from apps.reports.segments import fill_text

    out = []
    placeholders = list(report.placeholders.all())
    for section in report.sections.order_by("order"):
        own = [p for p in placeholders if p.section_id == section.pk]
        heading = fill_text(section.heading, [p for p in own if p.field == "heading"], lambda p: p.display_value)
        body = fill_text(section.body, [p for p in own if p.field == "body"], lambda p: p.display_value)
        lines = body.split("\n") if body else []
        if section.level:
            head = f"{section.marker}{heading}{section.heading_end}"
            if section.inline_body and lines:
                lines[0] = head + lines[0]
            else:
                lines.insert(0, head)
        out.extend(lines)
    return out


def test_final_standard_export_reopened_with_python_docx(seed_report, drafter):
    """GIVEN seed 000 parsed, filled and approved
    WHEN it is exported in the standard layout
    THEN python-docx reads back A4, GB/T 9704 margins, the grid, the fonts of every level,
    the indent, odd/even PAGE footers, the signature block and every value at its place.
    """
    from apps.exporting.text_layout import format_date

    seed_report.sign_date = datetime.date(2019, 1, 8)
    seed_report.save()
    data, _ = report_export_docx(report=seed_report, user=drafter, draft=False)
    document = docx.Document(io.BytesIO(data))

    section = document.sections[0]
    # Word stores twips: 210 mm is 11906 twips, 37 mm 2098 twips.
    assert [round(length.mm, 1) for length in (section.page_width, section.page_height)] == [210, 297]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(length.mm, 1) for length in margins] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "579")

    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    assert "XX" not in "".join(texts) and "＿＿" not in "".join(texts)
    title_lines = texts[0].split("\n")
    assert "".join(title_lines) == seed_report.title
    title_run = paragraphs[0].runs[0]
    assert _rfonts(title_run)["eastAsia"] == "方正小标宋简体" and title_run.font.size.pt == 22
    assert paragraphs[0].alignment == 1  # centred

    expected = _expected_paragraphs(seed_report)
    assert texts[2 : 2 + len(expected)] == expected, "every value at its place, in order"
    assert texts[2 + len(expected) :] == ["", seed_report.signer, format_date(datetime.date(2019, 1, 8))]

    by_level = {}
    for section_row in seed_report.sections.exclude(level=0).order_by("order"):
        start = f"{section_row.marker}{section_row.heading}"
        by_level.setdefault(section_row.level, next(p for p in paragraphs if p.text.startswith(start)))
    assert set(by_level) == {1, 2}
    for level, paragraph in by_level.items():
        fonts = _rfonts(paragraph.runs[0])
        assert fonts["eastAsia"] == HEADING_FONTS[level]
        assert fonts["ascii"] == fonts["hAnsi"] == "Times New Roman"
        assert paragraph.paragraph_format.first_line_indent == Pt(32)
    body = paragraphs[texts.index(expected[0])]  # the preamble: body text only
    body_run = body.runs[0]
    assert _rfonts(body_run)["eastAsia"] == "仿宋_GB2312" and _rfonts(body_run)["ascii"] == "Times New Roman"
    assert body_run.font.size.pt == 16
    assert body.paragraph_format.first_line_indent == Pt(32)

    assert document.settings.odd_and_even_pages_header_footer
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        (paragraph,) = footer.paragraphs
        assert paragraph.alignment == {"right": 2, "left": 0}[side]
        assert [el.text.strip() for el in paragraph._p.iter(qn("w:instrText"))] == ["PAGE"]
        assert paragraph.text.replace("1", "") == "—  —"
        assert {_rfonts(run)["eastAsia"] for run in paragraph.runs} == {"宋体"}


def test_round_trip_through_the_parser(seed_report, drafter):
    """The exported file parses back into the same title, headings and text.

    The signature block the layout adds comes back at the end of the last
    section. (A title long enough to be set on two lines would come back as
    the title and a first preamble line: the parser reads a line break as a
    paragraph break.)
    """
    from apps.parsing import parse_draft

    data, _ = report_export_docx(report=seed_report, user=drafter, draft=False)
    again = parse_draft(data, filename="export.docx")
    sections = list(seed_report.sections.order_by("order"))
    assert [(s.level, s.marker, s.heading, s.heading_end, s.inline_body) for s in again.sections] == [
        (s.level, s.marker, s.heading, s.heading_end, s.inline_body) for s in sections
    ]
    expected = _expected_paragraphs(seed_report)
    got = [p for s in again.sections for p in _section_lines(s)]
    assert again.title == seed_report.title
    assert got == [*expected, seed_report.signer, format_date_today(seed_report)]


def _section_lines(section) -> list[str]:
    lines = section.body.split("\n") if section.body else []
    if section.level:
        head = f"{section.marker}{section.heading}{section.heading_end}"
        if section.inline_body and lines:
            lines[0] = head + lines[0]
        else:
            lines.insert(0, head)
    return lines


def format_date_today(report) -> str:
    from django.utils import timezone

    from apps.exporting.text_layout import format_date

    return format_date(report.sign_date or timezone.localdate())


def test_the_organisations_profile_sets_fonts_bold_and_spacing(seed_report, drafter, admin_user, org):
    export_profile_update(
        organization=org,
        user=admin_user,
        values={"body_font": "方正仿宋_GBK", "level1_font": "方正黑体_GBK", "bold_level1": True, "line_spacing_pt": 28},
    )
    data, _ = report_export_docx(report=seed_report, user=drafter, draft=False)
    document = docx.Document(io.BytesIO(data))
    heading = next(p for p in document.paragraphs if p.text.startswith("一、"))
    assert _rfonts(heading.runs[0])["eastAsia"] == "方正黑体_GBK" and heading.runs[0].bold
    second = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    assert not second.runs[0].bold
    body = document.styles["Normal"]
    assert body.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正仿宋_GBK"
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "560"


def test_profile_is_created_lazily_and_only_by_admins(org, admin_user, drafter, outsider):
    assert export_profile_get(organization=org).pk is None
    assert export_profile_get(organization=org).font_profile() == FontProfile()
    with pytest.raises(PermissionDeniedError):
        export_profile_update(organization=org, user=drafter, values={"body_font": "宋体"})
    with pytest.raises(PermissionDeniedError):
        export_profile_update(organization=org, user=outsider, values={"body_font": "宋体"})
    assert not ExportProfile.objects.exists()
    profile = export_profile_update(organization=org, user=admin_user, values={"body_font": "宋体"})
    assert profile.pk and profile.updated_by == admin_user
    assert export_profile_get(organization=org).body_font == "宋体"


def test_title_placeholders_are_printed_filled(handmade_report, drafter, fill_and_approve):
    fill_and_approve(handmade_report)
    Placeholder.objects.filter(report=handmade_report, field="title").update(value="示范")
    data, _ = report_export_docx(report=handmade_report, user=drafter, draft=False)
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "示范县2024年工作总结"


def test_title_placeholders_of_a_retyped_title_are_not_applied(handmade_report, drafter):
    handmade_report.title = "另起的标题"
    handmade_report.save()
    data = report_export_data(report=handmade_report, draft=True)
    assert data.title == "另起的标题"
    assert any(label.startswith("标题：") for label in data.empty_labels)


# --------------------------------------------------------------------------
# Signature


def test_signature_is_set_by_drafters_and_printed(report, drafter, reviewer, outsider):
    report_signature_update(report=report, user=drafter, signer=" XX县人民政府 ", sign_date=datetime.date(2019, 1, 8))
    report.refresh_from_db()
    assert (report.signer, report.sign_date) == ("XX县人民政府", datetime.date(2019, 1, 8))
    texts = [
        p.text
        for p in docx.Document(io.BytesIO(report_export_docx(report=report, user=drafter, draft=True)[0])).paragraphs
    ]
    assert texts[texts.index("XX县人民政府") + 1] == "2019年1月8日"
    for user in (reviewer, outsider):
        with pytest.raises(PermissionDeniedError):
            report_signature_update(report=report, user=user, signer="x", sign_date=None)


# --------------------------------------------------------------------------
# Fill in place through the service


def test_in_place_final_export_of_an_uploaded_docx(styled_report, drafter, fill_and_approve):
    """GIVEN seed 000 uploaded as a styled .docx
    WHEN it is filled, approved and exported in place
    THEN the uploaded document comes back with the values and parses into the filled text.
    """
    from apps.parsing import parse_draft

    with pytest.raises(StateError):
        report_export_in_place_docx(report=styled_report, user=drafter, draft=False)
    fill_and_approve(styled_report)
    data, name = report_export_in_place_docx(report=styled_report, user=drafter, draft=False)
    assert name.endswith("（原文档回填·定稿）.docx")
    again = parse_draft(data, filename="x.docx")
    lines = [line for s in again.sections for line in _section_lines(s)]
    assert lines == _expected_paragraphs(styled_report)
    assert "XX" not in "".join(lines)
    styled_report.refresh_from_db()
    assert styled_report.status == "finalized"


def test_in_place_draft_leaves_empty_placeholders_as_written(styled_report, drafter):
    first = Placeholder.objects.filter(report=styled_report, raw="XX").order_by("section__order", "order").first()
    first.value = "99.9"
    first.save()
    data, name = report_export_in_place_docx(report=styled_report, user=drafter, draft=True)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "全县生产总值完成99.9亿元，同比增长XX" in text
    assert name.endswith("（原文档回填·草稿）.docx")


def test_in_place_export_needs_a_docx_upload(seed_report, report, drafter, outsider, styled_report):
    for without_docx in (seed_report, report):  # a .txt upload, and no upload at all
        with pytest.raises(StateError, match="不是由 Word"):
            report_export_in_place_docx(report=without_docx, user=drafter, draft=True)
    with pytest.raises(PermissionDeniedError):
        report_export_in_place_docx(report=styled_report, user=outsider, draft=True)


def test_in_place_export_reports_values_it_cannot_place(styled_report, drafter):
    section = styled_report.sections.get(marker="（一）", heading="经济运行稳中趋好")
    section.body = "这一段被改写了，原文档里没有。" + section.body[40:]
    section.save()
    Placeholder.objects.filter(section=section).update(value="1")
    with pytest.raises(StateError, match="找不到以下待填项的位置"):
        report_export_in_place_docx(report=styled_report, user=drafter, draft=True)


def test_in_place_export_is_refused_after_a_text_edit_until_it_is_undone(styled_report, drafter):
    """The uploaded document keeps its own text, so an edit made in the application would be lost."""
    from apps.reports.services import section_edit_body
    from apps.reports.tokens import tokenize

    section = styled_report.sections.get(marker="（二）", heading="项目建设成效显著")
    body = [p for p in section.placeholders.order_by("order") if p.field == "body"]
    original = tokenize(section.body, body)
    section_edit_body(section=section, text=original + "\n新增一段。", user=drafter)
    with pytest.raises(StateError, match="（二）项目建设成效显著的正文在系统中修改过"):
        report_export_in_place_docx(report=styled_report, user=drafter, draft=True)
    section.refresh_from_db()
    section_edit_body(section=section, text=original, user=drafter)
    report_export_in_place_docx(report=styled_report, user=drafter, draft=True)
