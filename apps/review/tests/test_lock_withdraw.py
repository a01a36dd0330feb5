"""Issue 13 item 1: a submitted section is locked for drafters; they may withdraw it until a reviewer acts."""

import pytest
from django.urls import reverse

from apps.core.errors import StateError
from apps.reports.models import Placeholder, Section, SectionStatus
from apps.reports.services import placeholder_fill, section_edit_body, section_fill
from apps.reports.tokens import tokenize
from apps.review.models import SectionTransition
from apps.review.services import section_approve, section_return, section_submit, section_withdraw
from apps.review.services_comment import comment_create
from apps.review.tests.conftest import fill


def _submitted(section, drafter):
    fill(section, drafter)
    return section_submit(section=section, user=drafter)


def test_a_drafter_cannot_change_a_value_of_a_submitted_section(section, drafter):
    """GIVEN a submitted section WHEN its drafter saves a value (one field or the whole form) or edits the
    text THEN each is refused with a Chinese message naming 撤回, and nothing changes."""
    _submitted(section, drafter)
    gdp = section.placeholders.get(role="value")
    version = Section.objects.get(pk=section.pk).version
    with pytest.raises(StateError) as exc:
        placeholder_fill(placeholder=gdp, value="999", user=drafter)
    assert exc.value.code == "submitted" and "已提交审核" in exc.value.message and "撤回" in exc.value.message
    with pytest.raises(StateError):
        section_fill(section=section, values={gdp.pk: "999"}, user=drafter)
    body_ph = list(section.placeholders.filter(field="body").order_by("order"))
    with pytest.raises(StateError):
        section_edit_body(section=section, text=tokenize(section.body, body_ph) + "新增。", user=drafter)
    assert Placeholder.objects.get(pk=gdp.pk).value == "12.5"
    section = Section.objects.get(pk=section.pk)
    assert section.status == SectionStatus.SUBMITTED and section.version == version


def test_withdraw_reopens_the_section_once_and_is_recorded(section, drafter):
    """GIVEN a submitted section WHEN the drafter withdraws it THEN it is a draft again (editable), a
    撤回提交 transition is recorded; a second withdraw is refused."""
    _submitted(section, drafter)
    section = section_withdraw(section=section, user=drafter)
    assert section.status == SectionStatus.DRAFT and section.is_editable
    last = SectionTransition.objects.filter(section=section).order_by("-id").first()
    assert (last.action, last.from_status, last.to_status, last.user) == ("withdraw", "submitted", "draft", drafter)
    placeholder_fill(placeholder=section.placeholders.get(role="value"), value="13.5", user=drafter)
    with pytest.raises(StateError):
        section_withdraw(section=section, user=drafter)
    assert SectionTransition.objects.filter(section=section, action="withdraw").count() == 1


def test_withdraw_returns_a_returned_section_to_returned(section, drafter, reviewer):
    _submitted(section, drafter)
    section_return(section=section, user=reviewer, comment="请核对增速")
    section_submit(section=section, user=drafter)
    assert section_withdraw(section=section, user=drafter).status == SectionStatus.RETURNED


@pytest.mark.parametrize("reviewer_action", ["approve", "return", "comment"])
def test_withdraw_is_refused_once_a_reviewer_acted(section, drafter, reviewer, reviewer_action):
    """GIVEN a submitted section WHEN a reviewer approved, returned or commented on it THEN withdraw is refused."""
    _submitted(section, drafter)
    if reviewer_action == "approve":
        section_approve(section=section, user=reviewer)
    elif reviewer_action == "return":
        section_return(section=section, user=reviewer, comment="请核对")
    else:
        comment_create(section=section, user=reviewer, body="增速偏高？")
    status = Section.objects.get(pk=section.pk).status
    with pytest.raises(StateError):
        section_withdraw(section=section, user=drafter)
    assert Section.objects.get(pk=section.pk).status == status
    assert not SectionTransition.objects.filter(action="withdraw").exists()


def test_a_reviewer_cannot_withdraw(section, drafter, reviewer):
    from apps.core.errors import PermissionDeniedError

    _submitted(section, drafter)
    with pytest.raises(PermissionDeniedError):
        section_withdraw(section=section, user=reviewer)


def test_the_submitted_section_is_read_only_on_screen_and_withdraw_works_over_http(login, section, drafter):
    """GIVEN a submitted section WHEN its drafter opens it THEN no input is shown, the lock is explained and
    撤回提交 is offered; an autosave answers 422 with the reason; posting 撤回 makes it editable again."""
    _submitted(section, drafter)
    client = login(drafter)
    url = reverse("reports:section_detail", args=[section.report_id, section.pk])
    page = client.get(url).content.decode()
    assert 'name="ph_' not in page and "内容已锁定" in page and "撤回提交" in page
    gdp = section.placeholders.get(role="value")
    response = client.post(
        reverse("reports:placeholder_field", args=[section.report_id, gdp.pk]),
        {f"ph_{gdp.pk}": "999", "version": gdp.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422 and "已提交审核" in response.content.decode()
    response = client.post(url, {f"ph_{gdp.pk}": "999"})
    assert Placeholder.objects.get(pk=gdp.pk).value == "12.5"
    response = client.post(reverse("review:section_withdraw", args=[section.report_id, section.pk]))
    assert response.status_code == 302
    assert Section.objects.get(pk=section.pk).status == SectionStatus.DRAFT
    assert 'name="ph_' in client.get(url).content.decode()


def test_a_returned_section_shows_the_return_comment_at_the_top_and_in_the_tree(
    login, report, section, drafter, reviewer
):
    """GIVEN a reviewer returned （一） with 增速与统计局不一致 WHEN the drafter opens it or the report THEN the
    comment is at the top of the section (before the text) and beside （一） in the tree; once resubmitted
    and approved it is gone."""
    _submitted(section, drafter)
    section_return(section=section, user=reviewer, comment="增速与统计局不一致，请核对")
    client = login(drafter)
    page = client.get(reverse("reports:section_detail", args=[report.pk, section.pk])).content.decode()
    assert 'id="return-note"' in page
    assert page.index("增速与统计局不一致") < page.index('id="fill-form"')
    assert f'id="tree-return-{section.pk}"' in page
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    tree_note = page[page.index(f'id="tree-return-{section.pk}"') :]
    assert "退回意见：增速与统计局不一致" in tree_note[:300]
    section_submit(section=section, user=drafter)
    section_approve(section=section, user=reviewer)
    page = client.get(reverse("reports:section_detail", args=[report.pk, section.pk])).content.decode()
    assert 'id="return-note"' not in page and "tree-return-" not in page


def test_the_finalize_refusal_lists_each_empty_blank_with_its_reason_and_a_link(
    login, report, section, section2, drafter, reviewer
):
    """GIVEN every section approved but 二、's blank left open (有意留空: 统计局年报未发布) WHEN 定稿并导出 is
    pressed THEN it is refused and the report page lists that blank with its section, its reason and a link
    to the field itself (#ph-<id>) and to 修改正文."""
    from apps.reports.models import Report

    for s in report.sections.all():
        if s.pk == section2.pk:
            section_submit(section=s, user=drafter, left_open_reason="统计局年报未发布")
        else:
            fill(s, drafter)
            section_submit(section=s, user=drafter)
        section_approve(section=s, user=reviewer)
    blank = section2.placeholders.get()
    client = login(drafter)
    response = client.post(reverse("exporting:report_finalize", args=[report.pk]), {"layout": "standard"}, follow=True)
    page = response.content.decode()
    assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFTING
    assert "1 个待填项未填写" in page
    listing = page[page.index('id="empty-blanks"') :]
    listing = listing[: listing.index("</section>")]
    assert str(section2)[:10] in listing and "统计局年报未发布" in listing
    assert f'href="{section2.get_absolute_url()}#ph-{blank.pk}"' in listing
    assert reverse("reports:section_edit", args=[report.pk, section2.pk]) in listing
