"""The export pages: downloads, the signature form and the organisation's export profile."""

import datetime
import io

import docx
import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.tests.factories import PASSWORD
from apps.exporting.models import ExportProfile
from apps.exporting.views import DOCX_TYPE


def _profile_post(**changes):
    data = {
        "title_font": "方正小标宋简体",
        "body_font": "仿宋_GB2312",
        "level1_font": "黑体",
        "level2_font": "楷体_GB2312",
        "level3_font": "仿宋_GB2312",
        "level4_font": "仿宋_GB2312",
        "latin_font": "Times New Roman",
        "page_number_font": "宋体",
        "line_spacing_pt": "28.95",
    }
    data.update(changes)
    return data


def test_the_report_page_offers_both_exports_for_a_docx_upload(login, drafter, styled_report):
    page = login(drafter).get(styled_report.get_absolute_url()).content.decode()
    assert reverse("exporting:report_export", args=[styled_report.pk]) + "?draft=1" in page
    assert reverse("exporting:report_export_in_place", args=[styled_report.pk]) + "?draft=1" in page
    assert "按原文档回填（000.styled.docx）" in page
    assert reverse("exporting:report_signature", args=[styled_report.pk]) in page
    assert reverse("exporting:export_profile") not in page, "only admins see the profile link"


def test_the_report_page_without_a_docx_offers_only_the_standard_layout(login, admin_user, report):
    page = login(admin_user).get(report.get_absolute_url()).content.decode()
    assert reverse("exporting:report_export_in_place", args=[report.pk]) not in page
    assert reverse("exporting:export_profile") in page


def test_draft_downloads_as_a_word_file(login, drafter, styled_report, django_assert_max_num_queries):
    client = login(drafter)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("exporting:report_export", args=[styled_report.pk]) + "?draft=1")
    assert response["Content-Type"] == DOCX_TYPE
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    with django_assert_max_num_queries(12):
        response = client.get(reverse("exporting:report_export_in_place", args=[styled_report.pk]) + "?draft=1")
    assert response["Content-Type"] == DOCX_TYPE
    assert docx.Document(io.BytesIO(response.content)).paragraphs[1].text == "县政府2018年工作总结暨2019年工作谋划"


def test_a_refused_final_export_redirects_with_the_reason(login, drafter, styled_report):
    for name in ("exporting:report_export", "exporting:report_export_in_place"):
        response = login(drafter).get(reverse(name, args=[styled_report.pk]), follow=True)
        assert response.redirect_chain[-1][0] == styled_report.get_absolute_url()
        assert "报告尚未定稿" in response.content.decode()
    response = login(drafter).post(reverse("exporting:report_finalize", args=[styled_report.pk]), follow=True)
    assert "还不能定稿" in response.content.decode()
    styled_report.refresh_from_db()
    assert styled_report.status == "drafting"


@pytest.mark.parametrize(
    ("layout", "download"), [("standard", "report_export"), ("in_place", "report_export_in_place")]
)
def test_finalize_and_export_is_a_post_with_csrf_that_records_who_finalized(drafter, styled_report, layout, download):
    """GIVEN a report whose sections are all approved and filled WHEN the drafter presses 定稿并导出 (or 定稿并回填)
    THEN the report is finalized with a ReportTransition row, and the browser is sent to the download (a GET);
    without the CSRF token nothing happens; pressing twice records nothing more."""
    from apps.exporting.tests.samples import VALUES
    from apps.reports.models import Placeholder, ReportTransition, SectionStatus

    for ph in Placeholder.objects.filter(report=styled_report):
        Placeholder.objects.filter(pk=ph.pk).update(value=VALUES[ph.kind])
    styled_report.sections.update(status=SectionStatus.APPROVED)
    client = Client(enforce_csrf_checks=True)
    client.force_login(drafter)
    page = client.get(styled_report.get_absolute_url()).content.decode()
    assert "定稿并导出" in page and "定稿并回填" in page
    assert f'action="{reverse("exporting:report_finalize", args=[styled_report.pk])}"' in page
    url = reverse("exporting:report_finalize", args=[styled_report.pk])
    assert client.post(url, {"layout": layout}).status_code == 403  # no CSRF token
    assert not ReportTransition.objects.exists()
    token = client.cookies["csrftoken"].value
    response = client.post(url, {"layout": layout, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response.url == reverse(f"exporting:{download}", args=[styled_report.pk])
    assert client.get(response.url)["Content-Type"] == DOCX_TYPE
    client.post(url, {"layout": layout, "csrfmiddlewaretoken": token})
    transition = ReportTransition.objects.get()
    assert (transition.action, transition.from_status, transition.to_status, transition.user) == (
        "finalize",
        "drafting",
        "finalized",
        drafter,
    )
    page = client.get(styled_report.get_absolute_url()).content.decode()
    assert f'href="{reverse("exporting:report_export", args=[styled_report.pk])}" id="export-final"' in page
    assert "定稿并导出" not in page


def test_the_final_export_link_is_never_a_plain_link_before_finalizing(login, drafter, styled_report):
    from apps.reports.models import Placeholder, SectionStatus

    Placeholder.objects.filter(report=styled_report).update(value="1")
    styled_report.sections.update(status=SectionStatus.APPROVED)
    page = login(drafter).get(styled_report.get_absolute_url()).content.decode()
    assert f'href="{reverse("exporting:report_export", args=[styled_report.pk])}"' not in page


def test_other_organisations_get_404(login, outsider, styled_report):
    client = login(outsider)
    for name in ("report_export", "report_export_in_place", "report_signature"):
        assert client.get(reverse(f"exporting:{name}", args=[styled_report.pk])).status_code == 404


def test_signature_form_saves_signer_and_date(login, drafter, report, django_assert_max_num_queries):
    client = login(drafter)
    url = reverse("exporting:report_signature", args=[report.pk])
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert 'name="signer"' in page and 'type="date"' in page
    response = client.post(url, {"signer": "示范县人民政府办公室", "sign_date": "2019-01-08"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.signer, report.sign_date) == ("示范县人民政府办公室", datetime.date(2019, 1, 8))


def test_signature_form_refuses_reviewers(login, reviewer, report):
    url = reverse("exporting:report_signature", args=[report.pk])
    assert login(reviewer).post(url, {"signer": "x", "sign_date": ""}).status_code == 403


def test_signature_form_needs_the_csrf_token(drafter, report):
    client = Client(enforce_csrf_checks=True)
    client.login(username=drafter.username, password=PASSWORD)
    url = reverse("exporting:report_signature", args=[report.pk])
    assert client.post(url, {"signer": "x", "sign_date": ""}).status_code == 403


def test_admins_edit_the_profile(login, admin_user, org, django_assert_max_num_queries):
    client = login(admin_user)
    url = reverse("exporting:export_profile")
    with django_assert_max_num_queries(8):
        page = client.get(url).content.decode()
    assert "GB/T 9704 默认值" in page and 'value="方正小标宋简体"' in page
    assert not ExportProfile.objects.exists(), "showing the page creates nothing"
    response = client.post(url, _profile_post(body_font="方正仿宋_GBK", bold_level1="on"))
    assert response.status_code == 302
    profile = ExportProfile.objects.get(organization=org)
    assert profile.body_font == "方正仿宋_GBK" and profile.bold_levels == (1,)


def test_profile_form_rejects_odd_font_names_and_spacing(login, admin_user):
    client = login(admin_user)
    url = reverse("exporting:export_profile")
    response = client.post(url, _profile_post(body_font='仿宋"/><w:x', line_spacing_pt="5"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "字体名称只能包含" in page and "20" in page
    assert not ExportProfile.objects.exists()


def test_only_admins_open_the_profile(login, drafter, reviewer):
    for user in (drafter, reviewer):
        assert login(user).get(reverse("exporting:export_profile")).status_code == 403
