"""GET never changes anything: every URL pattern of the project, fetched with GET, leaves every table as it was.

A browser may prefetch any link, a proxy may replay it, a crawler on the intranet may follow it: a GET that
finalized a report (or marked something read, or touched a row) would do so behind the user's back.

The test resolves the whole urlconf (the admin site included), fills each path parameter with the id of a real
object (three reports: one being filled, one finalizable, one finalized; sections, placeholders, value and text
changes, an upload, comments, an assignment, a left-open mark, notifications…), fetches every URL with GET as an
organisation admin, as a drafter and as a superuser (for the admin pages), and compares a snapshot of every model's
rows before and after.

Ignored on purpose, because logging in or being logged in writes them and they are not application state:
the session table (``django_session``), ``User.last_login``, and django-axes's access log and attempt tables
(``axes.AccessLog``, ``axes.AccessAttempt``, ``axes.AccessFailureLog``).
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib.admin.sites import site as admin_site
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from apps.accounts.models import Department, User
from apps.accounts.tests.factories import member
from apps.drafts.models import DraftUpload
from apps.notifications.models import Notification
from apps.notifications.services import notify
from apps.proofreading.models import Suggestion
from apps.reports.models import Placeholder, PlaceholderChange, Report, ReportChange, SectionStatus
from apps.reports.services import presence_touch, section_edit_body
from apps.reports.services_lifecycle import report_delete, report_update_details
from apps.reports.services_report_status import report_finalize
from apps.reports.tests.factories import make_report
from apps.reports.tokens import tokenize
from apps.review.services import section_submit
from apps.review.services_assignment import assignment_set
from apps.review.services_comment import comment_create, comment_reply
from apps.review.tests.conftest import fill

IGNORED_MODELS = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}
IGNORED_FIELDS = {User._meta.label_lower: {"last_login"}}


def _snapshot() -> dict[str, list[dict]]:
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in IGNORED_MODELS:
            continue
        skip = IGNORED_FIELDS.get(label, set())
        rows[label] = [
            {k: v for k, v in row.items() if k not in skip} for row in model._base_manager.order_by("pk").values()
        ]
    return rows


def _patterns(patterns=None, prefix=(), namespace=""):
    """(pattern parts from the root, qualified name, the URLPattern) for every pattern of the urlconf."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}:{p.namespace}".strip(":") if p.namespace else namespace
            yield from _patterns(p.url_patterns, (*prefix, p.pattern), ns)
        else:
            name = f"{namespace}:{p.name}".strip(":") if p.name else ""
            yield (*prefix, p.pattern), name, p


@pytest.fixture
def world(org, admin_user, drafter, reviewer, settings, tmp_path):
    """Two reports of the organisation and one object of every kind a URL can point to."""
    settings.MEDIA_ROOT = tmp_path
    report = make_report(organization=org, user=drafter)
    section = report.sections.get(marker="（一）")
    department = Department.objects.create(organization=org, name="财政局")
    assignment_set(section=section, user=admin_user, department=department, assignee=drafter)
    fill(section, drafter, **{"引进项目（个）": ""})
    body_ph = list(section.placeholders.filter(field="body").order_by("order"))
    section_edit_body(section=section, text=tokenize(section.body, body_ph) + "新增一句。", user=drafter)
    section_submit(section=section, user=drafter, left_open_reason="统计局尚未发布")
    comment = comment_create(section=section, user=reviewer, body="请核实增速")
    comment_reply(comment=comment, user=drafter, body="已核实")
    presence_touch(section=section, user=drafter)
    upload = DraftUpload.objects.create(
        organization=org,
        uploaded_by=drafter,
        file=ContentFile(b"plain text draft", name="draft.txt"),
        original_name="draft.txt",
        size=16,
        sha256="0" * 64,
        status=DraftUpload.Status.PARSED,
        report=report,
    )

    # The second report is complete: every placeholder filled, every section approved, not yet finalized.
    done = make_report(organization=org, user=drafter)
    Placeholder.objects.filter(report=done).update(value="8")
    done.sections.update(status=SectionStatus.APPROVED)
    # The third one is finalized: its final version downloads (200), which must read only.
    final = make_report(organization=org, user=drafter)
    Placeholder.objects.filter(report=final).update(value="9")
    final.sections.update(status=SectionStatus.APPROVED)
    report_finalize(report=final, user=admin_user)

    notify(
        recipients=[admin_user],
        kind=Notification.Kind.COMMENT,
        actor=reviewer,
        organization_id=org.pk,
        title="请查看批注",
        url=section.get_absolute_url(),
        report=report,
        section=section,
    )
    assert Notification.objects.filter(recipient=drafter).exists()
    assert Notification.objects.filter(recipient=admin_user).exists()
    # The fourth one is in the 回收站: its pages answer 410, which must read only too.
    gone = make_report(organization=org, user=drafter)
    report_update_details(report=gone, user=admin_user, title="已删除的报告", year=2025)
    report_delete(report=gone, user=admin_user)
    revision = ReportChange.objects.create(
        report=report,
        user=drafter,
        action=ReportChange.Action.REVISE,
        summary="新版草稿",
        after={"upload": "二稿.docx", "carried": [], "dropped": [], "new": [], "reset": [], "kept": [], "removed": []},
    )
    superuser = User.objects.create_superuser("root", "root@example.com", "x")
    # A finished PDF of the finalized report, with its file and one preview page: the GETs read them only.
    from apps.exporting.models import ExportRendering

    rendering = ExportRendering.objects.create(
        report=final, draft=False, content_key="1" * 64, requested_by=drafter, status=ExportRendering.Status.DONE
    )
    rendering.pdf.save("final.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    default_storage.save(rendering.preview_name(1), ContentFile(b"\x89PNG test"))
    ExportRendering.objects.filter(pk=rendering.pk).update(pdf=rendering.pdf.name, page_count=1, preview_pages=1)
    from apps.sheets.models import Predecessor, SheetImport

    sheet_import = SheetImport.objects.create(report=report, uploaded_by=drafter, original_name="x.xlsx", layout="app")
    # A predecessor makes the report page draw its chart and the section page show last year's figures.
    Predecessor.objects.create(report=report, source_report=done, set_by=drafter)
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
    return {
        "suggestion": suggestion,
        "sheet_import": sheet_import,
        "revision": revision,
        "gone": gone,
        "rendering": rendering,
        "org": org,
        "report": report,
        "done": done,
        "final": final,
        "section": section,
        "placeholder": section.placeholders.order_by("order").first(),
        "change": PlaceholderChange.objects.filter(section=section).first(),
        "comment": comment,
        "department": department,
        "upload": upload,
        "drafter": drafter,
        "admin_user": admin_user,
        "superuser": superuser,
        "other_member": member(org, "drafter", "drafter3"),
    }


def _app_kwargs(name: str, w: dict) -> list[dict] | None:
    """Path parameters of the application's URLs, by URL name; None for a name this table does not know."""
    reports = [w["report"].pk, w["done"].pk, w["final"].pk]
    section = {"report_pk": w["report"].pk, "pk": w["section"].pk}
    table = {
        "reports:report_detail": [{"pk": pk} for pk in [*reports, w["gone"].pk]],
        "reports:report_settings": [{"pk": pk} for pk in [*reports, w["gone"].pk]],
        "reports:report_change_undo": [{"pk": w["report"].pk, "change_pk": 1}],
        "reports:report_delete": [{"pk": w["report"].pk}],
        "reports:report_restore": [{"pk": w["gone"].pk}],
        "reports:report_revision": [{"pk": w["report"].pk, "change_pk": w["revision"].pk}],
        "drafts:upload_revise": [{"report_pk": pk} for pk in reports],
        "reports:indicator_table": [{"pk": pk} for pk in reports],
        "reports:placeholder_list": [{"pk": pk} for pk in reports],
        "reports:placeholder_field": [{"report_pk": w["report"].pk, "pk": w["placeholder"].pk}],
        "reports:section_detail": [section],
        "reports:section_presence": [section],
        "reports:section_presence_leave": [section],
        "reports:section_history": [section],
        "consistency:section_panel": [section],
        "sheets:sheet_export": [{"report_pk": pk} for pk in reports],
        "sheets:sheet_import": [{"report_pk": pk} for pk in reports],
        "sheets:import_preview": [{"report_pk": w["report"].pk, "pk": w["sheet_import"].pk}],
        "sheets:import_confirm": [{"report_pk": w["report"].pk, "pk": w["sheet_import"].pk}],
        "sheets:predecessor": [{"report_pk": pk} for pk in reports],
        "reports:section_edit": [section],
        "reports:change_restore": [{**section, "change_pk": w["change"].pk}],
        "reports:placeholder_dismiss": [{"report_pk": w["report"].pk, "pk": w["placeholder"].pk}],
        "reports:placeholder_retype": [{"report_pk": w["report"].pk, "pk": w["placeholder"].pk}],
        "reports:placeholder_add": [section],
        "reports:placeholder_propose": [section],
        "reports:section_level": [section],
        "reports:section_heading": [section],
        "reports:section_split": [section],
        "reports:section_merge": [section],
        # POST only: a GET is refused before the correction is looked up, whatever its id.
        "reports:correction_undo": [{**section, "correction_pk": 1}],
        "review:report_dashboard": [{"report_pk": pk} for pk in reports],
        "review:report_assign": [{"report_pk": pk} for pk in reports],
        "review:section_submit": [section],
        "review:section_approve": [section],
        "review:section_return": [section],
        "review:section_reopen": [section],
        "review:section_withdraw": [section],
        "review:batch_submit": [{"report_pk": pk} for pk in reports],
        "review:batch_approve": [{"report_pk": pk} for pk in reports],
        "review:comment_create": [section],
        "review:comment_reply": [{"report_pk": w["report"].pk, "pk": w["comment"].pk}],
        "review:comment_resolve": [{"report_pk": w["report"].pk, "pk": w["comment"].pk}],
        "exporting:report_export": [{"pk": pk} for pk in reports],
        "exporting:report_export_in_place": [{"pk": pk} for pk in reports],
        "exporting:report_finalize": [{"pk": pk} for pk in reports],
        "exporting:report_signature": [{"pk": pk} for pk in reports],
        "exporting:report_pdf_request": [{"pk": pk} for pk in reports],
        "exporting:rendering_detail": [{"pk": w["rendering"].pk}],
        "exporting:rendering_status": [{"pk": w["rendering"].pk}],
        "exporting:rendering_download": [{"pk": w["rendering"].pk}],
        "exporting:rendering_page": [{"pk": w["rendering"].pk, "page": 1}],
        "accounts:user_update": [{"pk": w["other_member"].pk}],
        "accounts:user_password": [{"pk": w["other_member"].pk}],
        "accounts:department_update": [{"pk": w["department"].pk}],
        "accounts:department_delete": [{"pk": w["department"].pk}],
        "notifications:open": [{"pk": n.pk} for n in Notification.objects.all()],
        "drafts:upload_detail": [{"pk": w["upload"].pk}],
        "drafts:upload_status": [{"pk": w["upload"].pk}],
        "proofreading:report_list": [{"report_pk": pk} for pk in reports],
        "proofreading:section_panel": [section],
        "proofreading:accept_all": [{"report_pk": w["report"].pk}],
        "proofreading:suggestion_accept": [{"report_pk": w["report"].pk, "pk": w["suggestion"].pk}],
        "proofreading:suggestion_reject": [{"report_pk": w["report"].pk, "pk": w["suggestion"].pk}],
        "drafts:upload_download": [{"pk": w["upload"].pk}],
    }
    return table.get(name)


def _admin_kwargs(pattern: URLPattern, params: list[str], w: dict) -> list[dict]:
    model_admin = getattr(pattern.callback, "model_admin", None)
    if params == ["app_label"]:
        return [{"app_label": label} for label in {m._meta.app_label for m in admin_site._registry}]
    if params == ["content_type_id", "object_id"]:
        return [{"content_type_id": ContentType.objects.get_for_model(Report).pk, "object_id": w["report"].pk}]
    if params == ["url"]:  # the admin's catch-all (404 or a redirect to add the slash)
        return [{"url": "no-such-page/"}]
    if params == ["id"]:  # the user admin's password page
        return [{"id": w["other_member"].pk}]
    if model_admin is not None and params == ["object_id"]:
        pks = list(model_admin.model._base_manager.order_by("pk").values_list("pk", flat=True)[:1]) or [999999]
        return [{params[0]: pks[0]}]
    raise AssertionError(f"no ids for admin URL {pattern} ({params})")


def _urls(w: dict) -> list[str]:
    urls = []
    for parts, name, pattern in _patterns():
        params = [n for part in parts for n in (part.regex.groupindex if isinstance(part, RegexPattern) else {})]
        params += [n for part in parts if not isinstance(part, RegexPattern) for n in part.converters]
        if not params:
            variants = [{}]
        elif name.startswith("admin:") or (not name and any(str(part) == "admin/" for part in parts)):
            variants = _admin_kwargs(pattern, params, w)
        else:
            variants = _app_kwargs(name, w)
            assert variants, f"tests/test_get_is_safe.py: add ids for the new URL {name or parts}"
        for kwargs in variants:
            urls.append(_build(parts, kwargs))
    extra = [u + "?draft=1" for u in urls if re.search(r"/export/(in-place/)?$", u)]
    extra += [u + "?draft=1&chart=1" for u in urls if re.search(r"/export/$", u)]  # 附主要指标对比图
    return urls + extra


def _build(parts, kwargs: dict) -> str:
    path = ""
    for part in parts:
        if isinstance(part, RegexPattern):
            text = part.regex.pattern.lstrip("^").rstrip("$").replace(r"\Z", "")
            for key, value in kwargs.items():
                text = re.sub(rf"\(\?P<{key}>[^)]*\)", str(value), text)
            path += text
        else:
            text = str(part)
            for key, value in kwargs.items():
                text = re.sub(rf"<(?:\w+:)?{key}>", str(value), text)
            path += text
    return "/" + path


@pytest.mark.parametrize("who", ["admin_user", "drafter", "superuser"])
def test_no_get_changes_a_row(client, world, who):
    """GIVEN the data above WHEN every URL of the project is fetched with GET THEN no row of any table changed."""
    client.force_login(world[who])
    urls = _urls(world)
    assert len(urls) > 100  # the admin site included
    before = _snapshot()
    statuses = {}
    for url in urls:
        statuses[url] = client.get(url).status_code
    after = _snapshot()
    changed = {
        label: [(old, new) for old, new in zip(before[label], after[label], strict=False) if old != new]
        or f"{len(before[label])} rows → {len(after[label])}"
        for label in before
        if before[label] != after[label]
    }
    assert not changed, f"GET changed rows of {sorted(changed)}: {changed}"
    assert not [url for url, status in statuses.items() if status >= 500], statuses
    assert Report.objects.get(pk=world["done"].pk).status == Report.Status.DRAFTING
    if who != "superuser":  # a member of the organisation: the finalized report's final version was downloaded
        export = f"/reports/{world['final'].pk}/export/"
        assert statuses[export] == 200, statuses[export]
