"""Review screens: the section transitions, comments, assignments, the dashboard and a drafter's tasks.

Views validate input and call one service; the services enforce roles and states.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts.selectors import admin_membership_or_403, department_list, membership_for_user, membership_or_404
from apps.core.errors import ConflictError, PermissionDeniedError, ServiceError
from apps.core.views import run_service
from apps.reports.selectors import report_final_readiness, report_get_for_user, report_progress, section_get_for_user
from apps.review import services, services_assignment, services_comment
from apps.review.forms import (
    ApproveForm,
    AssignForm,
    CommentForm,
    DashboardFilterForm,
    ReopenForm,
    ReplyForm,
    ReturnForm,
    SubmitForm,
)
from apps.review.models import Comment
from apps.review.permissions import membership_can_work_on
from apps.review.rules import section_allowed_actions
from apps.review.selectors import (
    assignment_rows_for_user,
    report_dashboard_rows,
    report_dashboard_sections,
    section_assignment,
    section_comments,
    section_diff_since,
    section_last_point_key,
    section_left_open,
    section_transitions,
)


def section_review_context(*, request, section, placeholders) -> dict:
    """What the review and comment blocks of reports/section_detail.html need."""
    membership = membership_for_user(user=request.user)
    assignment = section_assignment(section=section)
    left_open = section_left_open(section=section)
    unexplained = [p for p in placeholders if not p.is_filled and p.pk not in left_open]
    can_work = membership is not None and membership_can_work_on(
        membership=membership, section=section, assignment=assignment
    )
    return {
        "assignment": assignment,
        "assignment_overdue": assignment is not None and assignment.is_overdue,
        "can_work": can_work,
        "actions": section_allowed_actions(
            status=section.status,
            can_work=can_work,
            can_review=membership is not None and membership.can_review,
            is_admin=membership is not None and membership.is_admin,
        ),
        "left_open_items": [(p, left_open[p.pk]) for p in placeholders if p.pk in left_open],
        "unexplained_empty": unexplained,
        "submit_form": SubmitForm(empty_count=len(unexplained)),
        "approve_form": ApproveForm(
            initial={"seen_version": section.version, "seen_point": section_last_point_key(section=section)}
        ),
        "return_form": ReturnForm(),
        "reopen_form": ReopenForm(),
        "comments": section_comments(section=section),
        "comment_form": CommentForm(placeholders=placeholders),
        "reply_form": ReplyForm(),
        "transitions": section_transitions(section=section),
    }


def _form_errors_as_messages(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _transition(request, report_pk, pk, service, form_class=None, done="", fields=("comment",)):
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    kwargs = {"section": section, "user": request.user}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            _form_errors_as_messages(request, form)
            return redirect(section)
        kwargs.update({name: form.cleaned_data[name] for name in fields})
    ok, _ = run_service(request, service, **kwargs)
    if ok:
        messages.success(request, done)
    return redirect(section)


@login_required
@require_POST
def section_submit(request, report_pk, pk):
    return _transition(
        request, report_pk, pk, services.section_submit, SubmitForm, done="已提交审核。", fields=("left_open_reason",)
    )


@login_required
@require_POST
def section_approve(request, report_pk, pk):
    """Approve; when the section changed since the reviewer opened it, show what changed (409)."""
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        _form_errors_as_messages(request, form)
        return redirect(section)
    try:
        services.section_approve(
            section=section,
            user=request.user,
            comment=form.cleaned_data["comment"],
            seen_version=form.cleaned_data["seen_version"],
        )
    except PermissionDeniedError:
        raise  # the 403 page (apps.core.middleware)
    except ConflictError as exc:
        section.refresh_from_db()
        context = {
            "report": section.report,
            "section": section,
            "message": exc.message,
            "diff": section_diff_since(section=section, seen_key=form.cleaned_data["seen_point"]),
            "approve_form": ApproveForm(
                initial={
                    "comment": form.cleaned_data["comment"],
                    "seen_version": section.version,
                    "seen_point": section_last_point_key(section=section),
                }
            ),
            "return_form": ReturnForm(),
        }
        return render(request, "review/approve_conflict.html", context, status=409)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(section)
    messages.success(request, "已审核通过。")
    return redirect(section)


@login_required
@require_POST
def section_return(request, report_pk, pk):
    return _transition(request, report_pk, pk, services.section_return, ReturnForm, done="已退回，并通知起草人修改。")


@login_required
@require_POST
def section_reopen(request, report_pk, pk):
    return _transition(request, report_pk, pk, services.section_reopen, ReopenForm, done="已重新打开，可以修改。")


@login_required
@require_POST
def section_withdraw(request, report_pk, pk):
    return _transition(request, report_pk, pk, services.section_withdraw, done="已撤回提交，可以继续修改。")


# ── comments ────────────────────────────────────────────────────────────────────


@login_required
@require_POST
def comment_create(request, report_pk, pk):
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    placeholders = list(section.placeholders.order_by("order"))
    form = CommentForm(request.POST, placeholders=placeholders)
    if not form.is_valid():
        _form_errors_as_messages(request, form)
        return redirect(section)
    placeholder = next((p for p in placeholders if p.pk == form.cleaned_data["placeholder"]), None)
    ok, comment = run_service(
        request,
        services_comment.comment_create,
        section=section,
        user=request.user,
        body=form.cleaned_data["body"],
        placeholder=placeholder,
    )
    if ok:
        messages.success(request, "已添加批注。")
        return redirect(f"{section.get_absolute_url()}#comment-{comment.pk}")
    return redirect(section)


def _comment_for(request, report_pk, pk) -> Comment:
    report = report_get_for_user(user=request.user, pk=report_pk)
    try:
        comment = Comment.objects.select_related("section").get(pk=pk, section__report=report)
    except (Comment.DoesNotExist, ValueError):
        raise Http404 from None
    comment.section.report = report
    return comment


@login_required
@require_POST
def comment_reply(request, report_pk, pk):
    comment = _comment_for(request, report_pk, pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        _form_errors_as_messages(request, form)
    else:
        ok, _ = run_service(
            request, services_comment.comment_reply, comment=comment, user=request.user, body=form.cleaned_data["body"]
        )
        if ok:
            messages.success(request, "已回复。")
    return redirect(f"{comment.section.get_absolute_url()}#comment-{comment.parent_id or comment.pk}")


@login_required
@require_POST
def comment_resolve(request, report_pk, pk):
    comment = _comment_for(request, report_pk, pk)
    ok, _ = run_service(request, services_comment.comment_resolve, comment=comment, user=request.user)
    if ok:
        messages.success(request, "批注已标为已解决。")
    return redirect(f"{comment.section.get_absolute_url()}#comment-{comment.parent_id or comment.pk}")


# ── assignments, dashboard, my tasks ───────────────────────────────────────────


@login_required
@require_http_methods(["GET", "POST"])
def report_assign(request, report_pk):
    """Admins assign sections (or whole 一、 parts) to departments and people."""
    report = report_get_for_user(user=request.user, pk=report_pk)
    admin_membership_or_403(user=request.user, message="只有管理员可以分配章节。")
    sections = list(report.sections.order_by("order"))
    form = AssignForm(request.POST or None, sections=sections, organization_id=report.organization_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        section = next((s for s in sections if s.pk == data["section"]), None)
        if data["clear"]:
            ok, _ = run_service(
                request,
                services_assignment.assignment_clear,
                section=section,
                user=request.user,
                include_children=data["include_children"],
            )
            done = "已取消分配。"
        else:
            ok, _ = run_service(
                request,
                services_assignment.assignment_set,
                section=section,
                user=request.user,
                department=data["department"],
                assignee=data["assignee"],
                due_date=data["due_date"],
                include_children=data["include_children"],
            )
            done = "已分配，并已通知相关人员。"
        if ok:
            messages.success(request, done)
            return redirect("review:report_assign", report_pk=report.pk)
    rows = report_dashboard_sections(report=report)
    return render(request, "review/report_assign.html", {"report": report, "form": form, "rows": rows})


@login_required
def report_dashboard(request, report_pk):
    """Every section with department, assignee, status, empty placeholders, open comments and last change."""
    report = report_get_for_user(user=request.user, pk=report_pk)
    departments = list(department_list(organization_id=report.organization_id))
    filters = DashboardFilterForm(request.GET or None, departments=departments)
    status, department_id = "", None
    if filters.is_valid():
        status = filters.cleaned_data["status"]
        department_id = filters.cleaned_data["department"]
    rows = report_dashboard_rows(report=report, status=status, department_id=department_id)
    progress = report_progress(report=report)
    context = {
        "report": report,
        "rows": rows,
        "filters": filters,
        "progress": progress,
        "filled": progress["placeholders_total"] - progress["placeholders_empty"],
        "readiness": report_final_readiness(report=report, progress=progress),
    }
    return render(request, "review/report_dashboard.html", context)


@login_required
def my_assignments(request):
    """A drafter's home: what is assigned to them and to their departments, with progress and due dates."""
    membership_or_404(user=request.user)
    return render(request, "review/my_assignments.html", my_assignments_context(user=request.user))


def my_assignments_context(*, user) -> dict:
    """The assignments of a user with their progress, for the my-tasks page and the home page."""
    rows = assignment_rows_for_user(user=user)
    return {"assignments": rows, "open_count": sum(1 for row in rows if row.is_open)}
