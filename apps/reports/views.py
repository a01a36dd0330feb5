from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from apps.core.views import run_service
from apps.reports import hooks
from apps.reports.forms import SectionFillForm, field_name
from apps.reports.selectors import (
    empty_counts,
    next_empty_section,
    report_get_for_user,
    report_list_for_user,
    report_progress,
    report_suspicious_placeholders,
    section_get_for_user,
    section_history,
    section_layout,
    section_list_with_counts,
    section_placeholders,
)
from apps.reports.services import FillErrors, section_fill_checked, section_guard_fill_permission

_LAST_YEAR_ROLES = ("value", "growth", "rank", "share")


@login_required
def report_list(request):
    context = {"reports": report_list_for_user(user=request.user)}
    # A drafter's home page starts with what is assigned to them and their departments.
    context.update(hooks.page_context(hooks.HOME_CONTEXT, user=request.user))
    return render(request, "reports/report_list.html", context)


@login_required
def report_detail(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    progress = report_progress(report=report)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "sections": hooks.decorate_sections(section_list_with_counts(report=report)),
            "progress": progress,
            "suspicious": report_suspicious_placeholders(report=report),
            # review: readiness, and the empty blanks once every section is through review
            **hooks.page_context(hooks.REPORT_CONTEXT, report=report, progress=progress),
        },
    )


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
    posted_versions = form.versions_by_pk() if form.is_bound else {}
    for placeholder in placeholders:
        name = field_name(placeholder)
        typed = form[name].value() if form.is_bound and name in form.data else placeholder.value
        placeholder.form_error = " ".join(form.errors.get(name, []))
        placeholder.form_state = "error" if placeholder.form_error else ""
        placeholder.form_other = placeholder if placeholder.pk in conflicts else None  # the stored row
        placeholder.form_version = None  # the stored one
        placeholder.shown_value = typed
        if placeholder.form_other is not None:
            # Shown with the stored version: the user has now seen the other value, so 「保存」 again keeps
            # theirs (as 保留我的 does), also without JavaScript.
            placeholder.form_state = "conflict"
        elif conflicts:
            placeholder.shown_value = placeholder.value  # saved, or someone else's newer value kept
        elif form.errors:
            placeholder.form_version = posted_versions.get(placeholder.pk)
    # Last year's figure beside each indicator's value, growth and rank (the ``last_year`` hook).
    # Once per indicator in the section: after the first of its blanks (usually the value).
    last_year, shown = hooks.last_year(section.report), set()
    for placeholder in sorted(placeholders, key=lambda p: (p.field != "heading", p.offset)):
        figure = last_year.get(placeholder.indicator_id)
        placeholder.last_year = ""
        if figure is not None and placeholder.role in _LAST_YEAR_ROLES and placeholder.indicator_id not in shown:
            placeholder.last_year = figure.text
            shown.add(placeholder.indicator_id)
    layout = section_layout(section=section, placeholders=placeholders)
    # The review app adds its blocks (assignment, comments, review forms, transitions, can_work, return_note).
    review = hooks.page_context(hooks.SECTION_CONTEXT, request=request, section=section, placeholders=placeholders)
    context = {
        "fill_enabled": section.is_editable and review.get("can_work", False),
        "counts": empty_counts(section=section),
        "next_empty": next_empty_section(section=section),
        "report": section.report,
        "section": section,
        "form": form,
        "layout": layout,
        "history": section_history(section=section),
        "sections": hooks.decorate_sections(section_list_with_counts(report=section.report)),
        **review,
    }
    return render(request, "reports/section_detail.html", context, status=400 if form.errors else status)
