from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from apps.core.views import run_service
from apps.reports.selectors import section_get_for_user
from apps.review import services
from apps.review.forms import ApproveForm, ReopenForm, ReturnForm


def _transition(request, report_pk, pk, service, form_class=None, done=""):
    section = section_get_for_user(user=request.user, report_pk=report_pk, pk=pk)
    kwargs = {"section": section, "user": request.user}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(section)
        kwargs["comment"] = form.cleaned_data["comment"]
    ok, _ = run_service(request, service, **kwargs)
    if ok:
        messages.success(request, done)
    return redirect(section)


@login_required
@require_POST
def section_submit(request, report_pk, pk):
    return _transition(request, report_pk, pk, services.section_submit, done="已提交审核。")


@login_required
@require_POST
def section_approve(request, report_pk, pk):
    return _transition(request, report_pk, pk, services.section_approve, ApproveForm, done="已审核通过。")


@login_required
@require_POST
def section_return(request, report_pk, pk):
    return _transition(request, report_pk, pk, services.section_return, ReturnForm, done="已退回，并通知起草人修改。")


@login_required
@require_POST
def section_reopen(request, report_pk, pk):
    return _transition(request, report_pk, pk, services.section_reopen, ReopenForm, done="已重新打开，可以修改。")
