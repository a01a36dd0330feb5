"""The section page (the whole-section 保存 form) and what it loads beside it: presence, history, 修改正文."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.errors import PermissionDeniedError, ServiceError, StateError
from apps.core.views import run_service
from apps.reports import hooks
from apps.reports.diff import char_diff
from apps.reports.forms import SectionBodyForm, SectionFillForm
from apps.reports.models import Placeholder, PlaceholderChange
from apps.reports.selectors import (
    PRESENCE_CHECK_SECONDS,
    empty_counts,
    next_empty_section,
    presence_others,
    section_get_for_user,
    section_history_points,
    section_layout,
    section_list_with_counts,
    section_placeholders,
    section_text_at,
)
from apps.reports.selectors import (
    section_history as section_change_rows,
)
from apps.reports.services import (
    FillErrors,
    placeholder_restore,
    presence_leave,
    presence_touch,
    section_edit_body,
    section_fill_checked,
    section_guard_fill_permission,
)
from apps.reports.tokens import token, tokenize
from apps.reports.values import ValueInvalid

_LAST_YEAR_ROLES = ("value", "growth", "rank", "share")


@login_required
@require_http_methods(["GET", "POST"])
def section_detail(request, report_pk, pk):
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    if request.method == "POST":
        # Before any validation: a user who may not fill gets 403 without the values being parsed.
        run_service(request, section_guard_fill_permission, section=section, user=request.user)
    placeholders = section_placeholders(section=section)
    form = SectionFillForm(request.POST or None, placeholders=placeholders)
    conflicts, status = {}, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                ok, outcome = run_service(
                    request,
                    section_fill_checked,
                    section=section,
                    values=form.values_by_pk(),
                    user=request.user,
                    expected_versions=form.versions_by_pk(),
                )
            except FillErrors as exc:  # a concurrent change of kind is the only way here
                for pk_, message in exc.errors.items():
                    form.add_error(f"ph_{pk_}", message)
                ok = False
            if ok and not outcome.conflicts:
                changed = outcome.changed
                messages.success(request, f"已保存，{changed} 项有变化。" if changed else "没有需要保存的修改。")
                return redirect(section)
            if ok:
                # Someone saved some of these fields after this page was loaded: the rest is saved, and
                # each stale field offers the autosave's choice (keep mine / take theirs). 409 like autosave.
                conflicts = {p.pk: p for p in outcome.conflicts}
                saved = f"已保存 {outcome.changed} 项；" if outcome.changed else ""
                messages.warning(
                    request,
                    f"{saved}{len(conflicts)} 项在您打开本页之后已被他人修改，未覆盖。"
                    "请在标黄处逐项选择“保留我的”或“采用对方的”（再次点“保存”即保留您填写的值）。",
                )
                section.refresh_from_db()
                placeholders = section_placeholders(section=section)
                status = 409
        else:
            messages.error(request, "有填写内容不符合要求，请按提示修改。")
    # Last year's figure (the ``last_year`` hook), once per indicator in the section: after its first blank.
    last_year, shown = hooks.last_year(section.report), set()
    for placeholder in sorted(placeholders, key=lambda p: (p.field != "heading", p.offset)):
        figure = last_year.get(placeholder.indicator_id)
        placeholder.last_year = ""
        if figure is not None and placeholder.role in _LAST_YEAR_ROLES and placeholder.indicator_id not in shown:
            placeholder.last_year = figure.text
            shown.add(placeholder.indicator_id)
    layout = section_layout(section=section, placeholders=placeholders)
    # The review app adds its blocks (assignment, comments, review forms, transitions, can_work, return_note).
    review = hooks.collect_dicts(hooks.SECTION_CONTEXT, request=request, section=section, placeholders=placeholders)
    context = {
        "fill_enabled": section.is_editable and review.get("can_work", False),
        "counts": empty_counts(section=section),
        "next_empty": next_empty_section(section=section),
        "report": section.report,
        "section": section,
        "form": form,
        "layout": layout,
        "field_states": form.field_states(placeholders, conflicts=conflicts),
        "presence_every": PRESENCE_CHECK_SECONDS,
        "history": section_change_rows(section=section),
        "sections": hooks.decorate_sections(section_list_with_counts(report=section.report)),
        **review,
    }
    return render(request, "reports/section_detail.html", context, status=400 if form.errors else status)


@login_required
@require_POST
def section_presence(request, report_pk, pk):
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    presence_touch(section=section, user=request.user)
    return render(
        request,
        "reports/includes/presence.html",
        {"section": section, "report": section.report, "others": presence_others(section=section, user=request.user)},
    )


@login_required
@require_POST
def section_presence_leave(request, report_pk, pk):
    """The page was left (sent by navigator.sendBeacon on pagehide): 204, nothing to show."""
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    presence_leave(section=section, user=request.user)
    return HttpResponse(status=204)


@login_required
def section_history(request, report_pk, pk):
    """Compare the section text at any two points of its history, character by character."""
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    points = section_history_points(section=section)
    keys = ["0", *(p.key for p in points)]
    a = request.GET.get("a") if request.GET.get("a") in keys else keys[-2] if len(keys) > 1 else "0"
    b = request.GET.get("b") if request.GET.get("b") in keys else keys[-1]
    placeholders = section_placeholders(section=section)
    text_a = section_text_at(section=section, placeholders=placeholders, points=points, key=a)
    text_b = section_text_at(section=section, placeholders=placeholders, points=points, key=b)
    return render(
        request,
        "reports/section_history.html",
        {
            "report": section.report,
            "section": section,
            "points": list(reversed(points)),
            "a": a,
            "b": b,
            "diff": char_diff(text_a, text_b),
        },
    )


@login_required
@require_POST
def change_restore(request, report_pk, pk, change_pk):
    """Restore the value a placeholder had right after an earlier change."""
    from django.contrib import messages

    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    try:
        change = PlaceholderChange.objects.select_related("placeholder__section__report").get(
            pk=change_pk, section=section
        )
    except PlaceholderChange.DoesNotExist:
        raise Http404 from None
    try:
        placeholder_restore(change=change, user=request.user)
    except (StateError, ValueInvalid) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已将“{change.placeholder}”恢复为“{change.new_value or '（空）'}”。")
    return redirect("reports:section_history", report_pk=section.report_id, pk=section.pk)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, report_pk, pk):
    """Edit the section's body text around its placeholders; every edit is recorded."""
    from django.contrib import messages

    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    if request.method == "POST":
        section_guard_fill_permission(section=section, user=request.user)
    body_placeholders = [p for p in section_placeholders(section=section) if p.field == Placeholder.Field.BODY]
    if request.method == "POST":
        form = SectionBodyForm(request.POST)
        if form.is_valid():
            try:
                section_edit_body(
                    section=section,
                    text=form.cleaned_data["text"],
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                    confirm_drop=form.cleaned_data["confirm_drop"],
                )
            except PermissionDeniedError:
                raise  # the 403 page (apps.core.middleware), not a form error
            except ServiceError as exc:
                form.add_error("text", exc.message)
            else:
                messages.success(request, "正文已保存。")
                return redirect(section)
    else:
        form = SectionBodyForm(initial={"text": tokenize(section.body, body_placeholders), "version": section.version})
    legend = [(token(i + 1), ph) for i, ph in enumerate(body_placeholders)]
    return render(
        request,
        "reports/section_edit.html",
        {"report": section.report, "section": section, "form": form, "legend": legend},
        status=400 if form.errors else 200,
    )
