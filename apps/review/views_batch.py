"""Batch screens: a drafter submits, a reviewer approves, many sections at once after seeing the list."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from apps.accounts.selectors import membership_or_404
from apps.core.views import run_service
from apps.reports.selectors import report_get_for_user
from apps.review import services_batch
from apps.review.selectors_batch import batch_approve_candidates, batch_submit_candidates


class BatchForm(forms.Form):
    """The sections ticked on the list; for approval, each with the version shown (hidden ``v_<id>``)."""

    sections = forms.TypedMultipleChoiceField(
        coerce=int, widget=forms.CheckboxSelectMultiple, error_messages={"required": "请至少选择一个章节。"}
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = [(s.pk, str(s)) for s in candidates]

    def seen_versions(self) -> dict[int, int]:
        versions = {}
        for pk in self.cleaned_data["sections"]:
            raw = self.data.get(f"v_{pk}", "")
            if not raw.isdigit():
                raise forms.ValidationError("页面已过期，请刷新后重试。")
            versions[pk] = int(raw)
        return versions


def _report_outcome(request, outcome, done_text: str) -> None:
    if outcome.done:
        messages.success(request, f"{done_text} {len(outcome.done)} 个章节。")
    for section, reason in outcome.skipped:
        messages.warning(request, f"“{section}”未处理：{reason}")


def _context(report, form, candidates) -> dict:
    selected = {int(x) for x in (form["sections"].value() or []) if str(x).isdigit()}
    return {
        "report": report,
        "form": form,
        "ready": candidates.ready,
        "waiting": candidates.waiting,
        "selected": selected,
    }


@login_required
@require_http_methods(["GET", "POST"])
def batch_submit(request, report_pk):
    """GET: the sections the user may submit now (all ticked) and those still waiting, with why.
    POST: submit the ticked ones."""
    report = report_get_for_user(user=request.user, pk=report_pk)
    membership = membership_or_404(user=request.user)
    if not (membership.is_admin or membership.can_fill):
        raise PermissionDenied("审核人不能填写或提交章节。")
    candidates = batch_submit_candidates(report=report, user=request.user)
    form = BatchForm(
        request.POST or None, candidates=candidates.ready, initial={"sections": [s.pk for s in candidates.ready]}
    )
    if request.method == "POST":
        if form.is_valid():
            ok, outcome = run_service(
                request,
                services_batch.sections_submit_batch,
                report=report,
                user=request.user,
                section_ids=form.cleaned_data["sections"],
            )
            if ok:
                _report_outcome(request, outcome, "已提交审核")
                return redirect(report)
        else:
            messages.error(request, "请至少选择一个章节。")
    context = _context(report, form, candidates)
    return render(request, "review/batch_submit.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def batch_approve(request, report_pk):
    """GET: the submitted sections without an open comment, each with the version shown.
    POST: approve the ticked ones, each bound to the version that was on the screen."""
    report = report_get_for_user(user=request.user, pk=report_pk)
    membership = membership_or_404(user=request.user)
    if not membership.can_review:
        raise PermissionDenied("只有审核人可以审核章节。")
    candidates = batch_approve_candidates(report=report, user=request.user)
    form = BatchForm(
        request.POST or None, candidates=candidates.ready, initial={"sections": [s.pk for s in candidates.ready]}
    )
    if request.method == "POST":
        versions = None
        if form.is_valid():
            try:
                versions = form.seen_versions()
            except forms.ValidationError as exc:
                messages.error(request, exc.messages[0])
        else:
            messages.error(request, "请至少选择一个章节。")
        if versions is not None:
            ok, outcome = run_service(
                request, services_batch.sections_approve_batch, report=report, user=request.user, seen_versions=versions
            )
            if ok:
                _report_outcome(request, outcome, "已审核通过")
                return redirect(report)
    context = _context(report, form, candidates)
    return render(request, "review/batch_approve.html", context, status=400 if form.errors else 200)
