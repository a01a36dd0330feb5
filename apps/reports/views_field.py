"""One field saved on its own (htmx autosave): the value, or the field again with its error or conflict."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from apps.core.errors import ConflictError, StateError
from apps.reports.fields import render_field
from apps.reports.selectors import (
    empty_counts,
    placeholder_get_for_user,
)
from apps.reports.services import (
    placeholder_fill,
    section_guard_fill_permission,
)
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
