"""Correcting the parse in Chromium, keyboard first, on the uploaded seed 000 draft; the export follows."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.drafts.services import draft_parse_run, draft_upload_create
from apps.exporting.tests.samples import sample_bytes
from apps.reports.models import ParseCorrection, Placeholder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seed_report(org, drafter, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = draft_upload_create(
        organization=org,
        user=drafter,
        uploaded_file=SimpleUploadedFile("000.docx", sample_bytes("000.styled.docx")),
        enqueue=False,
    )
    return draft_parse_run(upload_id=upload.pk).report


def _open_menu(page, ph):
    page.focus(f"#ph-menu-{ph.pk} .ph-menu-toggle")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#ph-menu-body-{ph.pk}:not([hidden])")


def _press_button(page, selector):
    page.focus(selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _fill(page, ph, value):
    page.focus(f"[name=ph_{ph.pk}]")
    page.fill(f"[name=ph_{ph.pk}]", value)
    page.keyboard.press("Tab")
    page.wait_for_selector(f"#ph-{ph.pk}.ph-state-saved")


def test_correcting_blanks_and_headings_then_exporting(page, live_server, sign_in, seed_report, drafter, shots):
    """GIVEN seed 000 uploaded and parsed, section （二）项目建设成效显著
    WHEN the drafter, by keyboard, dismisses the filled 引进项目 blank (confirming its value), adds a blank on the
    selected 10 of 止10月底 and changes it to 11, changes the 招商活动 blank from number to name and fills 城关镇,
    demotes the heading and promotes it back
    THEN every step shows at once, is in the section's history, and the exported .docx reads the corrected text.
    """
    report = seed_report
    section = report.sections.get(heading="项目建设成效显著")
    url = f"{live_server.url}{section.get_absolute_url()}"
    visits, projects = section.placeholders.order_by("order")[:2]
    sign_in(drafter)
    page.goto(url)

    # 不是待填项, on a filled blank: the menu names the value that will be dropped.
    _fill(page, projects, "99")
    page.reload()
    _open_menu(page, projects)
    assert "已填写“99”" in page.inner_text(f"#ph-menu-{projects.pk}")
    page.screenshot(path=str(shots / "corrections-blank-menu.png"))
    _press_button(page, f"#ph-menu-{projects.pk} .ph-dismiss")
    assert "已不再是待填项" in page.inner_text(".alert-success")
    assert not Placeholder.objects.filter(pk=projects.pk).exists()
    assert "共引进项目XX个" in page.inner_text("article.report-text")

    # 添加待填项: the cursor moved with the arrow keys, two characters selected with Shift.
    page.focus("#corrections > summary")
    page.keyboard.press("Enter")
    page.focus("#correction-text")
    page.keyboard.press("Control+Home")
    body = section.body
    for _ in range(body.index("10月底")):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.wait_for_selector("#add-proposal:has-text('选中的“10”')")
    assert "月份" in page.inner_text("#add-proposal")
    page.locator("#corrections").screenshot(path=str(shots / "corrections-add-blank.png"))
    _press_button(page, "#add-blank")
    added = section.placeholders.get(raw="10")
    assert (added.kind, added.value) == ("date", "10")
    _fill(page, added, "11")

    # 修改类型和单位: number → name, then a name fills.
    _open_menu(page, visits)
    page.select_option(f"select[form=ph-retype-{visits.pk}]", "name")
    page.fill(f"input[form=ph-retype-{visits.pk}]", "")
    _press_button(page, f"#ph-menu-{visits.pk} .ph-retype")
    retyped = Placeholder.objects.get(pk=visits.pk)
    assert (retyped.kind, retyped.label) == ("name", "专题专项招商活动（名称）")
    _fill(page, visits, "城关镇")

    # 降级 then 升级 the heading.
    page.focus("#heading-menu > summary")
    page.keyboard.press("Enter")
    page.locator("#heading-menu").screenshot(path=str(shots / "corrections-heading-menu.png"))
    _press_button(page, "#heading-down")
    assert "1.项目建设成效显著" in page.inner_text("h1")
    page.focus("#heading-menu > summary")
    page.keyboard.press("Enter")
    _press_button(page, "#heading-up")
    assert "（二）项目建设成效显著" in page.inner_text("h1")

    page.goto(f"{live_server.url}/reports/{report.pk}/sections/{section.pk}/history/")
    history = page.inner_text("#correction-history")
    for words in ("不是待填项", "添加待填项", "修改类型和单位", "降级", "升级"):
        assert words in history
    page.screenshot(path=str(shots / "corrections-history.png"), full_page=True)
    assert ParseCorrection.objects.filter(report=report).count() == 5

    response = page.request.get(f"{live_server.url}/reports/{report.pk}/export/?draft=1")
    assert response.status == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.body())).paragraphs)
    assert "招商活动城关镇次" in text
    assert "共引进项目XX个" in text and "引进项目99个" not in text
    assert "止11月底" in text
    assert "（二）项目建设成效显著" in text


def test_undo_from_the_history_page_by_keyboard(page, live_server, sign_in, seed_report, drafter):
    """GIVEN a blank dismissed WHEN 撤销 is pressed on the history page THEN the blank is back in the section screen."""
    section = seed_report.sections.get(heading="项目建设成效显著")
    ph = section.placeholders.order_by("order").first()
    sign_in(drafter)
    page.goto(f"{live_server.url}{section.get_absolute_url()}")
    _open_menu(page, ph)
    _press_button(page, f"#ph-menu-{ph.pk} .ph-dismiss")
    page.goto(f"{live_server.url}/reports/{seed_report.pk}/sections/{section.pk}/history/")
    _press_button(page, "#correction-history .js-undo")
    assert "已撤销" in page.inner_text(".alert-success")
    page.goto(f"{live_server.url}{section.get_absolute_url()}")
    page.wait_for_selector(f"[name=ph_{ph.pk}]")
