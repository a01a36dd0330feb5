"""Every application URL is closed to anonymous users, to other organisations, and to roles without permission.

The URL list is read from the resolver, so a new route is covered (or makes this
test fail until it is given arguments and role rules below) without anyone remembering to add it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.drafts.models import DraftUpload
from apps.reports.models import PlaceholderChange

PUBLIC = {"login", "logout"}
# Routes with no object in the URL: another organisation's user sees their own organisation there.
NO_OBJECT = {
    "reports:report_list",
    "drafts:upload_create",
    "exporting:export_profile",
    "review:my_assignments",
    "accounts:user_list",
    "accounts:user_create",
    "accounts:department_list",
    "notifications:inbox",
    "notifications:mark_all_read",
    "reports:report_trash",
}


def _routes(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", list(entry.pattern.regex.groupindex)


@pytest.fixture
def urls(report, drafter, reviewer):
    from apps.accounts.models import Department
    from apps.notifications.models import Notification
    from apps.review.models import Comment

    section = report.sections.get(marker="（一）")
    department = Department.objects.create(organization=report.organization, name="财政局")
    comment = Comment.objects.create(section=section, author=reviewer, body="请核实")
    notification = Notification.objects.create(
        recipient=drafter, organization=report.organization, kind="comment", title="批注"
    )
    upload = DraftUpload.objects.create(
        organization=report.organization, uploaded_by=drafter, file="drafts/x.txt", original_name="x.txt", sha256="0"
    )
    placeholder = section.placeholders.first()
    change = PlaceholderChange.objects.create(
        placeholder=placeholder, section=section, user=drafter, new_value="1", version=1
    )
    from apps.reports.models import ParseCorrection

    correction = ParseCorrection.objects.create(
        report=report, section=section, user=drafter, action=ParseCorrection.Action.ADD, after={"placeholder_id": 0}
    )
    from apps.exporting.models import ExportRendering

    rendering = ExportRendering.objects.create(
        report=report, content_key="0" * 64, requested_by=drafter, status=ExportRendering.Status.DONE, preview_pages=1
    )
    from apps.sheets.models import SheetImport

    sheet = SheetImport.objects.create(report=report, uploaded_by=drafter, original_name="x.xlsx", layout="app")
    from apps.proofreading.models import Suggestion

    suggestion = Suggestion.objects.create(
        report=report,
        section=section,
        kind=Suggestion.Kind.DOUBLED,
        original="的的",
        replacement="的",
        reason="重复：的的→的",
        start=0,
        end=2,
        section_version=section.version,
    )
    values = {"report_pk": report.pk, "change_pk": change.pk, "correction_pk": correction.pk, "page": 1}
    out = []
    for name, params in _routes():
        if name in PUBLIC:
            continue
        kwargs = {}
        for param in params:
            if param == "pk":
                # What "pk" names depends on the route.
                if name.startswith("sheets:import_"):
                    kwargs[param] = sheet.pk
                elif name in ("reports:placeholder_field", "reports:placeholder_dismiss", "reports:placeholder_retype"):
                    kwargs[param] = placeholder.pk
                elif name == "reports:report_change_undo":
                    kwargs[param] = report.pk
                elif name.startswith("proofreading:suggestion_"):
                    kwargs[param] = suggestion.pk
                elif name == "review:comment_create":
                    kwargs[param] = section.pk
                elif name.startswith("review:comment_"):
                    kwargs[param] = comment.pk
                elif name.startswith("accounts:user_"):
                    kwargs[param] = drafter.pk
                elif name.startswith("accounts:department_"):
                    kwargs[param] = department.pk
                elif name.startswith("notifications:"):
                    kwargs[param] = notification.pk
                elif (
                    "section" in name
                    or "change" in name
                    or name.startswith(("reports:placeholder_", "reports:correction_"))
                ):
                    kwargs[param] = section.pk
                elif "upload" in name:
                    kwargs[param] = upload.pk
                elif name.startswith("exporting:rendering_"):
                    kwargs[param] = rendering.pk
                else:
                    kwargs[param] = report.pk
            elif param in values:
                kwargs[param] = values[param]
            else:
                pytest.fail(f"URL {name} takes {param!r}: teach tests/test_permissions.py how to fill it")
        out.append((name, reverse(name, kwargs=kwargs)))
    assert len(out) >= 10
    return out


def test_anonymous_users_are_sent_to_the_login_page(client, urls):
    for name, url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, (name, method, response.status_code)
            assert response.url.startswith(reverse("login")), (name, response.url)


def test_another_organisation_gets_404_on_every_object_url(client, urls, outsider):
    client.force_login(outsider)
    for name, url in urls:
        if name in NO_OBJECT:
            continue  # no object in the URL: these show the outsider's own organisation
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (404, 405), (name, method, response.status_code)
            if method == "get" and response.status_code == 405:
                continue


def test_the_report_list_shows_only_the_users_organisation(client, report, outsider):
    client.force_login(outsider)
    assert report.title not in client.get(reverse("reports:report_list")).content.decode()


def test_a_drafter_cannot_approve(client, report, drafter, drafter2):
    from apps.review.services import section_submit

    section = report.sections.get(marker="（一）")
    section_submit(section=section, user=drafter, left_open_reason="数据未出")
    client.force_login(drafter2)
    response = client.post(reverse("review:section_approve", args=[report.pk, section.pk]))
    assert response.status_code == 403
    section.refresh_from_db()
    assert section.status == "submitted"


def test_a_user_without_organisation_sees_nothing(client, report, db):
    from apps.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(username="loner"))
    assert client.get(reverse("reports:report_detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("drafts:upload_create")).status_code == 404


# Which roles may use each route: one set for both methods, or {"get": ..., "post": ...} where reading
# is open but writing is not. A route missing here fails the test below: say who may use it.
ALL = {"drafter", "reviewer", "admin"}
FILLERS = {"drafter", "admin"}
REVIEWERS = {"reviewer", "admin"}
ADMINS = {"admin"}
READ_ALL_FILL = {"get": ALL, "post": FILLERS}
ROLE_RULES = {
    "reports:report_list": ALL,
    "reports:report_detail": ALL,
    "reports:indicator_table": ALL,
    "reports:placeholder_list": ALL,
    "reports:placeholder_field": READ_ALL_FILL,
    "reports:section_detail": READ_ALL_FILL,
    "reports:section_presence": ALL,
    "reports:section_presence_leave": ALL,
    "reports:section_history": ALL,
    "consistency:section_panel": ALL,
    "sheets:sheet_export": ALL,
    "sheets:sheet_import": READ_ALL_FILL,
    "sheets:import_preview": ALL,
    "sheets:import_confirm": FILLERS,
    "sheets:predecessor": READ_ALL_FILL,
    # 校对建议: anyone reads them; accepting and rejecting are 修改正文's (POST only).
    "proofreading:report_list": ALL,
    "proofreading:section_panel": ALL,
    "proofreading:suggestion_accept": FILLERS,
    "proofreading:suggestion_reject": FILLERS,
    "proofreading:accept_all": FILLERS,
    "reports:section_edit": READ_ALL_FILL,
    "reports:change_restore": READ_ALL_FILL,
    # Corrections of the parse (POST only; the proposal shown before adding a blank reads only).
    "reports:placeholder_dismiss": READ_ALL_FILL,
    "reports:placeholder_retype": READ_ALL_FILL,
    "reports:placeholder_add": READ_ALL_FILL,
    "reports:placeholder_propose": ALL,
    "reports:section_level": READ_ALL_FILL,
    "reports:section_heading": READ_ALL_FILL,
    "reports:section_split": READ_ALL_FILL,
    "reports:section_merge": READ_ALL_FILL,
    "reports:correction_undo": READ_ALL_FILL,
    # The report itself: anyone reads 报告信息; its creator (not this matrix's drafter) and admins change the
    # title and year; only admins delete, see the 回收站 and restore.
    "reports:report_settings": {"get": ALL, "post": ADMINS},
    "reports:report_change_undo": ADMINS,
    "reports:report_delete": ADMINS,
    "reports:report_trash": ADMINS,
    "reports:report_restore": ADMINS,
    "reports:report_revision": ALL,
    "drafts:upload_revise": ADMINS,  # and the report's creator (not this matrix's drafter)
    "drafts:upload_create": ALL,
    "drafts:upload_detail": ALL,
    "drafts:upload_status": ALL,
    "drafts:upload_download": ALL,
    "exporting:report_export": ALL,
    "exporting:report_export_in_place": ALL,
    "exporting:report_finalize": ALL,  # any member, once every section is approved and filled
    "exporting:report_signature": READ_ALL_FILL,
    "exporting:export_profile": ADMINS,
    # 导出 PDF (POST: may enqueue a rendering) and its progress page, download and page previews.
    "exporting:report_pdf_request": ALL,
    "exporting:rendering_detail": ALL,
    "exporting:rendering_status": ALL,
    "exporting:rendering_download": ALL,
    "exporting:rendering_page": ALL,
    "review:my_assignments": ALL,
    "review:report_dashboard": ALL,
    "review:report_assign": ADMINS,
    "review:section_submit": FILLERS,
    "review:section_approve": REVIEWERS,
    "review:section_return": REVIEWERS,
    "review:section_reopen": REVIEWERS,
    "review:section_withdraw": FILLERS,
    "review:batch_submit": FILLERS,
    "review:batch_approve": REVIEWERS,
    "review:comment_create": ALL,
    "review:comment_reply": ALL,
    "review:comment_resolve": REVIEWERS,  # and the comment's author (here: a reviewer)
    "accounts:user_list": ADMINS,
    "accounts:user_create": ADMINS,
    "accounts:user_update": ADMINS,
    "accounts:user_password": ADMINS,
    "accounts:department_list": ADMINS,
    "accounts:department_update": ADMINS,
    "accounts:department_delete": ADMINS,
    "notifications:inbox": ALL,
    "notifications:open": ALL,  # the recipient's own; anyone else gets 404
    "notifications:mark_all_read": ALL,
}
# Valid form data, so that a refusal comes from the role check, not from an empty form.
POST_DATA = {
    "comment": "意见",
    "left_open_reason": "原因",
    "body": "内容",
    "name": "统计局",
    "section": "0",
    "text": "内容",
    "version": "1",
    "signer": "县人民政府",
    "sign_date": "2026-01-01",
}


def test_every_route_says_which_roles_may_use_it(urls):
    missing = sorted(name for name, _ in urls if name not in ROLE_RULES)
    assert not missing, f"add these routes to ROLE_RULES in tests/test_permissions.py: {missing}"


@pytest.mark.parametrize("role", sorted(ALL))
def test_each_role_without_permission_gets_403(client, urls, org, role):
    """GIVEN a member of the report's own organisation with ``role``
    WHEN they GET and POST every route their role may not use
    THEN each answers 403 (or 405 for a method the route does not take), and at least one method 403."""
    from apps.accounts.tests.factories import member

    client.force_login(member(org, role, f"matrix-{role}"))
    for name, url in urls:
        rule = ROLE_RULES.get(name, ALL)
        rules = rule if isinstance(rule, dict) else {"get": rule, "post": rule}
        statuses = {
            method: getattr(client, method)(url, POST_DATA if method == "post" else None).status_code
            for method, allowed in rules.items()
            if role not in allowed
        }
        if not statuses:
            continue
        assert set(statuses.values()) <= {403, 405} and 403 in statuses.values(), (name, role, statuses)


def test_a_drafter_of_another_department_gets_403_on_an_assigned_section(client, report, admin_user, drafter2):
    """Object-level: a section assigned to 财政局 is closed to a drafter who is not in it."""
    from apps.accounts.models import Department
    from apps.review.services_assignment import assignment_set

    section = report.sections.get(marker="（一）")
    finance = Department.objects.create(organization=report.organization, name="财政局")
    assignment_set(section=section, user=admin_user, department=finance)
    client.force_login(drafter2)
    response = client.post(reverse("review:section_submit", args=[report.pk, section.pk]), {"left_open_reason": "x"})
    assert response.status_code == 403
