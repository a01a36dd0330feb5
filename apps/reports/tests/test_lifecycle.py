"""The report itself: title and year (recorded, undoable), delete into the 回收站, restore, purge, the 410 page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.errors import ConflictError, PermissionDeniedError, ServiceError, StateError
from apps.parsing.types import ParseResult, Section
from apps.reports.models import Placeholder, PlaceholderChange, Report, ReportChange
from apps.reports.selectors import report_list_for_user, report_trash_for_user
from apps.reports.services import placeholder_fill, report_create_from_parse
from apps.reports.services_lifecycle import (
    report_change_undo,
    report_delete,
    report_restore,
    report_update_details,
    reports_purge_run,
)
from apps.reports.tests.factories import ph

pytestmark = pytest.mark.django_db


def test_renaming_records_who_before_and_after_and_undo_puts_it_back(report, drafter):
    """GIVEN a report created by the drafter WHEN they rename it and set its year THEN one row per change
    (who, before, after); undoing the rename restores the title and writes an undo row; the year stays."""
    old_title = report.title
    changes = report_update_details(report=report, user=drafter, title="  2018年 述职报告（第二稿） ", year="2019")
    report.refresh_from_db()
    assert report.title == "2018年 述职报告（第二稿）" and report.year == 2019
    assert [c.action for c in changes] == ["title", "year"]
    title_change = changes[0]
    assert title_change.user == drafter
    assert title_change.before["title"] == old_title and title_change.after == {"title": report.title}
    assert changes[1].before == {"year": 2018} and changes[1].after == {"year": 2019}

    undo = report_change_undo(change=title_change, user=drafter)
    report.refresh_from_db()
    assert report.title == old_title and report.year == 2019
    assert undo.action == ReportChange.Action.UNDO and undo.undo_of == title_change
    title_change.refresh_from_db()
    assert title_change.undone_by == drafter and not title_change.can_undo
    with pytest.raises(StateError):
        report_change_undo(change=title_change, user=drafter)


def test_saving_the_same_title_and_year_records_nothing(report, drafter):
    assert report_update_details(report=report, user=drafter, title=report.title, year=report.year) == []
    assert not ReportChange.objects.exists()


def test_undo_after_a_later_rename_is_a_conflict(report, admin_user):
    first = report_update_details(report=report, user=admin_user, title="甲", year=report.year)[0]
    report_update_details(report=report, user=admin_user, title="乙", year=report.year)
    with pytest.raises(ConflictError):
        report_change_undo(change=first, user=admin_user)
    assert Report.objects.get(pk=report.pk).title == "乙"


@pytest.mark.parametrize(
    ("title", "year", "message"),
    [
        ("   ", 2020, "报告标题不能为空"),
        ("甲" * 301, 2020, "不能超过 300"),
        ("标题", "二〇二〇", "四位年份"),
        ("标题", 3000, "之间"),
    ],
)
def test_bad_title_or_year_is_refused_in_chinese(report, drafter, title, year, message):
    with pytest.raises(ServiceError, match=message):
        report_update_details(report=report, user=drafter, title=title, year=year)
    assert not ReportChange.objects.exists()


@pytest.mark.parametrize("who", ["drafter2", "reviewer", "outsider"])
def test_only_the_creator_and_admins_may_rename(report, who, request):
    """A drafter who did not create the report (any department), a reviewer, another organisation: refused."""
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        report_update_details(report=report, user=user, title="别人改的", year=2020)
    assert Report.objects.get(pk=report.pk).title != "别人改的"


def test_a_rename_drops_the_titles_blanks_only_after_confirmation_and_undo_brings_them_back(org, drafter):
    title = "XX县2018年工作总结"
    result = ParseResult(
        title=title,
        sections=(
            Section(
                level=0,
                number="",
                marker="",
                heading="",
                heading_end="",
                inline_body=False,
                body="正文。",
                placeholders=(ph("XX", "name", 0, label="县名", field="title"),),
            ),
        ),
    )
    report = report_create_from_parse(organization=org, user=drafter, result=result)
    blank = Placeholder.objects.get(report=report, field="title")
    placeholder_fill(placeholder=blank, value="城关", user=drafter)
    with pytest.raises(ServiceError, match="城关"):
        report_update_details(report=report, user=drafter, title="城关县2018年工作总结", year=2018)
    assert Placeholder.objects.filter(pk=blank.pk).exists()

    change = report_update_details(
        report=report, user=drafter, title="城关县2018年工作总结", year=2018, confirm_drop=True
    )[0]
    assert not Placeholder.objects.filter(pk=blank.pk).exists()
    assert change.before["title_placeholders"][0]["value"] == "城关"

    report_change_undo(change=change, user=drafter)
    restored = Placeholder.objects.get(pk=blank.pk)
    assert restored.value == "城关" and restored.field == "title"
    assert PlaceholderChange.objects.filter(placeholder=restored, new_value="城关").exists()


# ── delete, restore, purge ────────────────────────────────────────────────────


def test_delete_hides_the_report_and_restore_brings_it_back_with_everything(report, drafter, admin_user):
    """GIVEN a filled value WHEN an admin deletes the report THEN it leaves the list, is in the 回收站 with who and
    when, and a row records it; restoring brings it back with the value; both are recorded."""
    blank = Placeholder.objects.filter(report=report).order_by("pk").first()
    placeholder_fill(placeholder=blank, value="12", user=drafter)
    report_delete(report=report, user=admin_user)
    assert report not in report_list_for_user(user=admin_user)
    trash = report_trash_for_user(user=admin_user)
    assert trash == [report] and trash[0].deleted_by == admin_user
    assert trash[0].purge_after == trash[0].deleted_at + timedelta(days=30)
    with pytest.raises(StateError):
        report_delete(report=report, user=admin_user)

    report_restore(report=report, user=admin_user)
    assert report in report_list_for_user(user=admin_user)
    assert Placeholder.objects.get(pk=blank.pk).value == "12"
    actions = list(ReportChange.objects.filter(report=report).order_by("id").values_list("action", "user"))
    assert actions == [("delete", admin_user.pk), ("restore", admin_user.pk)]
    with pytest.raises(StateError):
        report_restore(report=report, user=admin_user)


@pytest.mark.parametrize("who", ["drafter", "drafter2", "reviewer", "outsider"])
def test_only_admins_of_the_organisation_delete_or_restore(report, admin_user, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        report_delete(report=report, user=user)
    report_delete(report=report, user=admin_user)
    with pytest.raises(PermissionDeniedError):
        report_restore(report=report, user=user)
    assert Report.objects.get(pk=report.pk).is_deleted


def test_purge_removes_only_reports_deleted_longer_than_the_retention(org, drafter, admin_user, settings):
    """Time travel: deleted on day 0; on day 29 the purge keeps it, on day 31 it is gone with its rows."""
    from apps.reports.tests.factories import make_report

    settings.REPORT_RETENTION_DAYS = 30
    day0 = timezone.now() - timedelta(days=100)
    old = make_report(organization=org, user=drafter)
    kept = make_report(organization=org, user=drafter)
    report_delete(report=old, user=admin_user, now=day0)
    assert reports_purge_run(now=day0 + timedelta(days=29)) == 0
    assert Report.objects.filter(pk=old.pk).exists()
    assert reports_purge_run(now=day0 + timedelta(days=31)) == 1
    assert not Report.objects.filter(pk=old.pk).exists()
    assert not Placeholder.objects.filter(report_id=old.pk).exists()
    assert Report.objects.filter(pk=kept.pk).exists()  # never deleted: never purged


def test_purge_follows_the_retention_setting(report, admin_user, settings):
    settings.REPORT_RETENTION_DAYS = 3
    day0 = timezone.now() - timedelta(days=10)
    report_delete(report=report, user=admin_user, now=day0)
    assert reports_purge_run(now=day0 + timedelta(days=2)) == 0
    assert reports_purge_run(now=day0 + timedelta(days=4)) == 1


def test_the_purge_task_is_on_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["reports-purge"]
    assert entry["task"] == "apps.reports.tasks.reports_purge"
    from apps.reports.tasks import reports_purge

    assert reports_purge.name == entry["task"]
    assert entry["schedule"] == settings.REPORT_PURGE_INTERVAL


def test_the_purge_task_runs_the_service(report, admin_user):
    from apps.reports.tasks import reports_purge

    report_delete(report=report, user=admin_user, now=timezone.now() - timedelta(days=31))
    assert reports_purge.apply().get() == 1
    assert not Report.objects.filter(pk=report.pk).exists()


# ── the pages ─────────────────────────────────────────────────────────────────


def test_a_deleted_reports_links_answer_410_with_a_chinese_message(client, report, drafter, admin_user):
    """Every URL under a deleted report (report, section, dashboard, export) says it is in the 回收站."""
    section = report.sections.get(marker="（一）")
    report_delete(report=report, user=admin_user)
    client.force_login(drafter)
    urls = [
        reverse("reports:report_detail", args=[report.pk]),
        reverse("reports:section_detail", args=[report.pk, section.pk]),
        reverse("review:report_dashboard", args=[report.pk]),
        reverse("exporting:report_export", args=[report.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 410, url
        text = response.content.decode()
        assert "已删除" in text and "回收站" in text and "管理员可以恢复" in text
    assert client.post(reverse("reports:section_detail", args=[report.pk, section.pk])).status_code == 410


def test_the_home_page_tells_two_uploads_of_one_draft_apart(client, org, drafter):
    from apps.reports.tests.factories import sample_result

    when = timezone.now() - timedelta(days=1)
    for name in ("草稿-第一次.docx", "草稿-第二次.docx"):
        report_create_from_parse(
            organization=org, user=drafter, result=sample_result(), source_name=name, source_uploaded_at=when
        )
    client.force_login(drafter)
    page = client.get(reverse("reports:report_list")).content.decode()
    assert "草稿-第一次.docx" in page and "草稿-第二次.docx" in page
    assert timezone.localtime(when).strftime("%Y-%m-%d %H:%M") in page and "drafter" in page


def test_the_settings_page_renames_and_the_trash_restores(client, report, admin_user):
    client.force_login(admin_user)
    url = reverse("reports:report_settings", args=[report.pk])
    response = client.post(url, {"title": "新标题", "year": "2020"})
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).title == "新标题"
    page = client.get(url).content.decode()
    assert "新标题" in page and "撤销" in page

    # Without the confirmation box nothing is deleted.
    client.post(reverse("reports:report_delete", args=[report.pk]))
    assert not Report.objects.get(pk=report.pk).is_deleted
    client.post(reverse("reports:report_delete", args=[report.pk]), {"confirm": "1"})
    assert Report.objects.get(pk=report.pk).is_deleted
    home = client.get(reverse("reports:report_list")).content.decode()
    assert "新标题" not in home.split('id="report-table"')[1]
    assert "新标题" in client.get(reverse("reports:report_trash")).content.decode()
    client.post(reverse("reports:report_restore", args=[report.pk]))
    assert not Report.objects.get(pk=report.pk).is_deleted


def test_a_bad_year_on_the_page_is_a_chinese_message(client, report, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("reports:report_settings", args=[report.pk]), {"title": "x", "year": "abcd"}, follow=True
    )
    assert "年度应为四位年份" in response.content.decode()
    assert Report.objects.get(pk=report.pk).title != "x"


def test_notifications_about_a_deleted_report_leave_the_inbox_until_it_is_restored(report, drafter, admin_user):
    from apps.notifications.models import Notification
    from apps.notifications.selectors import notification_list_for_user, notification_unread_count

    Notification.objects.create(recipient=drafter, organization=report.organization, kind="comment", report=report)
    Notification.objects.create(recipient=drafter, organization=report.organization, kind="comment")
    report_delete(report=report, user=admin_user)
    assert len(notification_list_for_user(user=drafter)) == 1 and notification_unread_count(user=drafter) == 1
    report_restore(report=report, user=admin_user)
    assert len(notification_list_for_user(user=drafter)) == 2


def test_assignments_of_a_deleted_report_leave_the_home_page(report, drafter, admin_user):
    from apps.review.selectors import assignments_for_user
    from apps.review.services_assignment import assignment_set

    assignment_set(section=report.sections.get(marker="（一）"), user=admin_user, assignee=drafter)
    assert assignments_for_user(user=drafter).count() == 1
    report_delete(report=report, user=admin_user)
    assert assignments_for_user(user=drafter).count() == 0


def test_the_new_pages_keep_to_a_query_budget(client, report, admin_user, django_assert_max_num_queries):
    client.force_login(admin_user)
    for i in range(5):
        report_update_details(report=report, user=admin_user, title=f"标题{i}", year=2020 + i)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("reports:report_settings", args=[report.pk])).status_code == 200
    report_delete(report=report, user=admin_user)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("reports:report_trash")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("reports:report_list")).status_code == 200
