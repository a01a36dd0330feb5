"""The htmx endpoints of the fill screens: save one value, tables of placeholders, presence, history."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.errors import ConflictError, PermissionDeniedError, ServiceError, StateError
from apps.reports import hooks
from apps.reports.diff import char_diff
from apps.reports.fields import render_field
from apps.reports.forms import SectionBodyForm
from apps.reports.models import PlaceholderChange
from apps.reports.selectors import (
    empty_counts,
    indicator_rows,
    placeholder_context,
    placeholder_get_for_user,
    placeholder_rows,
    presence_others,
    report_get_for_user,
    report_progress,
    section_get_for_user,
    section_history_points,
    section_placeholders,
    section_text_at,
)
from apps.reports.services import (
    placeholder_fill,
    placeholder_restore,
    presence_leave,
    presence_touch,
    section_edit_body,
    section_guard_fill_permission,
)
from apps.reports.tokens import token, tokenize
from apps.reports.values import ValueInvalid

FIELD_TEMPLATE = "reports/includes/ph_field.html"


def _field_response(request, placeholder, *, state="", error="", typed=None, other=None, status=200, oob=True):
    section = placeholder.section
    context = {
        "field_html": render_field(
            placeholder, report_pk=section.report_id, editable=True, shown=typed, error=error, state=state, other=other
        ),
        "oob": oob,
        "section": section,
    }
    if oob:
        context["counts"] = empty_counts(section=section)
    return render(request, FIELD_TEMPLATE, context, status=status)


def _guard_fill(request, section) -> None:
    """403 before anything typed is read or validated, for a user who may not fill the section
    (the refusal becomes the 403 page in apps.core.middleware)."""
    section_guard_fill_permission(section=section, user=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def placeholder_field(request, report_pk, pk):
    """GET: the field as stored. POST: save one value (version-checked) and return the field with its state.

    400/422 keep what the user typed and say why; 409 shows the other person's value and who saved it.
    """
    placeholder = placeholder_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    if request.method == "GET":
        return _field_response(request, placeholder, oob=False)
    _guard_fill(request, placeholder.section)
    typed = request.POST.get(f"ph_{pk}", "")
    try:
        version = int(request.POST["version"]) if request.POST.get("version") else None
    except ValueError:
        version = None
    try:
        saved = placeholder_fill(placeholder=placeholder, value=typed, user=request.user, expected_version=version)
    except ValueInvalid as exc:
        return _field_response(request, placeholder, state="error", error=exc.message, typed=typed, status=422)
    except ConflictError as exc:
        return _field_response(request, placeholder, state="conflict", typed=typed, other=exc.current, status=409)
    except StateError as exc:
        return _field_response(request, placeholder, state="error", error=exc.message, typed=typed, status=422)
    saved.section.report = placeholder.section.report
    response = _field_response(request, saved, state="saved")
    response["HX-Trigger"] = "values-saved"  # panels that depend on values (数据核对) refresh themselves
    return response


@login_required
def indicator_table(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    only_empty = request.GET.get("empty") == "1"
    rows, page = indicator_rows(report=report, only_empty=only_empty, page=request.GET.get("page", 1))
    last_year = hooks.last_year(report)
    for row in rows:
        figure = last_year.get(row["indicator"].pk)
        row["last_year"] = figure.text if figure is not None else ""
    return render(
        request,
        "reports/indicator_table.html",
        {
            "report": report,
            "rows": rows,
            "page": page,
            "only_empty": only_empty,
            "progress": report_progress(report=report),
        },
    )


@login_required
def placeholder_list(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    only_empty = request.GET.get("empty", "1") == "1"
    page = placeholder_rows(report=report, only_empty=only_empty, page=request.GET.get("page", 1))
    rows = []
    for ph in page:
        ph.section.report = report
        rows.append((ph, *placeholder_context(placeholder=ph)))
    return render(
        request,
        "reports/placeholder_list.html",
        {
            "report": report,
            "rows": rows,
            "page": page,
            "only_empty": only_empty,
            "progress": report_progress(report=report),
        },
    )


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
        _guard_fill(request, section)
    body_placeholders = [p for p in section_placeholders(section=section) if p.field == "body"]
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
