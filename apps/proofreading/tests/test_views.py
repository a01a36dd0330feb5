"""The 校对建议 pages: the section panel and the report list read; accepting and rejecting by POST."""

import pytest
from django.urls import reverse

from apps.parsing import parse_draft
from apps.proofreading.models import Suggestion
from apps.reports.services import report_create_from_parse

DRAFT = """县政府工作总结

一、经济运行
全县经济社会保持了健康快速的开展势头,财政总收入到达XX亿元。现代效劳业不断做强,根底设施不断完善。
"""


@pytest.fixture
def report(org, drafter):
    return report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(DRAFT.encode(), filename="draft.txt")
    )


def test_the_section_page_marks_the_word_and_says_why(client, report, drafter, django_assert_max_num_queries):
    section = report.sections.get(level=1)
    client.force_login(drafter)
    with django_assert_max_num_queries(60):
        html = client.get(section.get_absolute_url()).content.decode()
    assert 'id="proofreading"' in html
    assert '快速的<mark class="proof-mark">开展</mark>势头' in html
    assert "疑似格式转换错词：开展→发展" in html
    assert "接受本节全部建议" in html


def test_a_reviewer_sees_the_suggestions_without_buttons(client, report, reviewer):
    section = report.sections.get(level=1)
    client.force_login(reviewer)
    html = client.get(section.get_absolute_url()).content.decode()
    assert "疑似格式转换错词：开展→发展" in html and "proof-accept" not in html


def test_the_report_list_filters_by_kind(client, report, drafter, django_assert_max_num_queries):
    client.force_login(drafter)
    url = reverse("proofreading:report_list", args=[report.pk])
    with django_assert_max_num_queries(20):
        html = client.get(url + "?kind=converter").content.decode()
    assert "疑似格式转换错词：到达→达到" in html and "中文中使用了半角标点" not in html
    assert 'id="proof-converted"' not in html  # two certain signs only: not enough to call it converted
    assert "接受此类全部建议" in html
    assert "校对建议" in client.get(report.get_absolute_url()).content.decode()


def test_accept_and_reject_by_post(client, report, drafter):
    section = report.sections.get(level=1)
    client.force_login(drafter)
    accept = Suggestion.objects.get(section=section, original="到达")
    response = client.post(reverse("proofreading:suggestion_accept", args=[report.pk, accept.pk]), {"back": "section"})
    assert response.status_code == 302 and response.url.endswith("#proofreading")
    section.refresh_from_db()
    assert "达到XX亿元" in section.body
    reject = Suggestion.objects.get(section=section, original="效劳", status="open")
    client.post(reverse("proofreading:suggestion_reject", args=[report.pk, reject.pk]))
    reject.refresh_from_db()
    assert reject.status == Suggestion.Status.REJECTED


def test_accept_all_by_post(client, report, drafter):
    client.force_login(drafter)
    response = client.post(reverse("proofreading:accept_all", args=[report.pk]), {"kind": "halfwidth"})
    assert response.status_code == 302
    assert "，" in report.sections.get(level=1).body and "," not in report.sections.get(level=1).body


def test_the_report_list_says_when_the_draft_looks_converted(client, org, drafter):
    draft = "县政府工作总结\n\n一、经济运行\n现代效劳业不断做强，根底设施不断完善，坚持原那么不动摇。\n"
    report = report_create_from_parse(
        organization=org, user=drafter, result=parse_draft(draft.encode(), filename="d.txt")
    )
    client.force_login(drafter)
    html = client.get(reverse("proofreading:report_list", args=[report.pk])).content.decode()
    assert 'id="proof-converted"' in html and "本报告有 3 处" in html
