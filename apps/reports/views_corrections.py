"""Thin views of the parse corrections: each reads the form, calls one service and goes back to the section."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from apps.core.errors import PermissionDeniedError
from apps.core.views import run_service
from apps.parsing import propose_blank
from apps.reports.models import ParseCorrection, Placeholder, PlaceholderKind
from apps.reports.selectors import placeholder_get_for_user, section_get_for_user
from apps.reports.services import section_guard_fill_permission
from apps.reports.services_correction_history import correction_undo
from apps.reports.services_corrections import (
    placeholder_add,
    placeholder_dismiss,
    placeholder_retype,
)
from apps.reports.services_structure import (
    section_change_level,
    section_edit_heading,
    section_merge_into_previous,
    section_split,
)


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _guard(request, section) -> None:
    """403 before the form is read, for a user who may not fill (and so not correct) the section."""
    try:
        section_guard_fill_permission(section=section, user=request.user)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc


def _back(section, anchor: str = ""):
    response = redirect(section)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@login_required
@require_POST
def placeholder_dismiss_view(request, report_pk, pk):
    placeholder = placeholder_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    _guard(request, placeholder.section)
    ok, _ = run_service(
        request,
        placeholder_dismiss,
        placeholder=placeholder,
        user=request.user,
        confirm_value=request.POST.get("confirm_value"),
    )
    if ok:
        messages.success(request, f"“{placeholder.raw or placeholder.full_label}”已不再是待填项。可在修改记录中撤销。")
    return _back(placeholder.section)


@login_required
@require_POST
def placeholder_retype_view(request, report_pk, pk):
    placeholder = placeholder_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    _guard(request, placeholder.section)
    ok, result = run_service(
        request,
        placeholder_retype,
        placeholder=placeholder,
        kind=request.POST.get("kind", ""),
        unit=request.POST.get("unit", ""),
        user=request.user,
    )
    if ok:
        changed, dropped = result
        if dropped:
            messages.warning(
                request,
                f"已改为“{changed.full_label}”。原填写的“{dropped}”不符合新类型，已清空（修改记录中仍可查看），请重新填写。",
            )
        else:
            messages.success(request, f"已改为“{changed.full_label}”。")
    return _back(placeholder.section, f"ph-{placeholder.pk}")


def _span(request):
    start = _int(request.POST.get("start", request.GET.get("start")))
    end = _int(request.POST.get("end", request.GET.get("end")), start)
    if start is None:
        return None, None
    return min(start, end), max(start, end)


@login_required
@require_POST
def placeholder_add_view(request, report_pk, pk):
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    _guard(request, section)
    start, end = _span(request)
    if start is None:
        messages.error(request, "请先在正文中点击要添加待填项的位置，或选中其中的文字。")
        return _back(section, "corrections")
    field = request.POST.get("field", Placeholder.Field.BODY)
    ok, added = run_service(
        request,
        placeholder_add,
        section=section,
        field=field,
        start=start,
        end=end,
        user=request.user,
        kind=request.POST.get("kind") or None,
        unit=request.POST.get("unit") or None,
        expected_version=_int(request.POST.get("version")),
    )
    if ok:
        filled = f"，已填入“{added.display_value}”" if added.value else ""
        messages.success(request, f"已添加待填项“{added.full_label}”{filled}。可在修改记录中撤销。")
        return _back(section, f"ph-{added.pk}")
    return _back(section, "corrections")


@login_required
@require_GET
def placeholder_propose_view(request, report_pk, pk):
    """htmx: what 添加待填项 would propose for the cursor or selection, before the user commits to it."""
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    start, end = _span(request)
    text = section.body
    proposal, selected = None, ""
    if start is not None and 0 <= start <= end <= len(text) and end - start <= 200:
        selected = text[start:end]
        kind = request.GET.get("kind") or None
        if kind not in PlaceholderKind.values:
            kind = None
        proposal = propose_blank(text, start, end, kind=kind, unit=request.GET.get("unit") or None)
        kind_label = PlaceholderKind(proposal.kind).label
        proposal = {"kind": kind_label, "unit": proposal.unit or "", "label": proposal.label}
    return render(
        request,
        "reports/includes/correction_proposal.html",
        {"proposal": proposal, "selected": selected, "before": text[max(0, (start or 0) - 10) : start or 0]},
    )


@login_required
@require_POST
def section_level_view(request, report_pk, pk):
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    _guard(request, section)
    delta = -1 if request.POST.get("direction") == "up" else 1
    ok, correction = run_service(request, section_change_level, section=section, delta=delta, user=request.user)
    if ok:
        messages.success(request, f"{correction.summary}。可在修改记录中撤销。")
    return _back(section)


@login_required
@require_POST
def section_heading_view(request, report_pk, pk):
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    _guard(request, section)
    ok, correction = run_service(
        request,
        section_edit_heading,
        section=section,
        marker=request.POST.get("marker", ""),
        heading=request.POST.get("heading", ""),
        user=request.user,
        expected_version=_int(request.POST.get("version")),
    )
    if ok:
        messages.success(request, f"{correction.summary}。" if correction else "标题没有变化。")
    return _back(section)


@login_required
@require_POST
def section_split_view(request, report_pk, pk):
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    _guard(request, section)
    start, _end = _span(request)
    if start is None or start > len(section.body):
        messages.error(request, "请先在正文中点击要改为标题的段落。")
        return _back(section, "corrections")
    paragraph = section.body[:start].count("\n")
    ok, new = run_service(
        request,
        section_split,
        section=section,
        paragraph=paragraph,
        user=request.user,
        expected_version=_int(request.POST.get("version")),
    )
    if ok:
        messages.success(request, f"已将该段改为标题“{new}”。可在原章节的修改记录中撤销。")
        return redirect(new)
    return _back(section, "corrections")


@login_required
@require_POST
def section_merge_view(request, report_pk, pk):
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    _guard(request, section)
    ok, previous = run_service(request, section_merge_into_previous, section=section, user=request.user)
    if ok:
        messages.success(request, f"“{section}”已改为正文，并入“{previous}”。可在本节的修改记录中撤销。")
        return redirect(previous)
    return _back(section)


@login_required
@require_POST
def correction_undo_view(request, report_pk, pk, correction_pk):
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    _guard(request, section)
    try:
        correction = ParseCorrection.objects.get(pk=correction_pk, section=section)
    except ParseCorrection.DoesNotExist:
        raise Http404 from None
    ok, _ = run_service(request, correction_undo, correction=correction, user=request.user)
    if ok:
        messages.success(request, f"已撤销：{correction.summary}")
    return redirect("reports:section_history", report_pk=section.report_id, pk=section.pk)
