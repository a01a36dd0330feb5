"""Reads of 校对建议, always through a report or section the user may see (reports.selectors)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.http import Http404

from apps.core.errors import PermissionDeniedError
from apps.parsing.proofread import document_profile
from apps.proofreading.models import Suggestion
from apps.reports.selectors import report_get_for_user
from apps.reports.services import section_guard_fill_permission

_SENTENCE_END = "。！？；\n"
_SENTENCE_MAX = 60


@dataclass(frozen=True)
class SuggestionRow:
    """A suggestion with its sentence cut in three: the text before, the marked span, the text after."""

    suggestion: Suggestion
    lead: str
    marked: str
    tail: str
    stale: bool


def _sentence(body: str, start: int, end: int) -> tuple[str, str, str]:
    left = max(body.rfind(ch, 0, start) for ch in _SENTENCE_END) + 1
    left = max(left, start - _SENTENCE_MAX)
    rights = [i for i in (body.find(ch, end) for ch in _SENTENCE_END) if i >= 0]
    right = min(rights) + 1 if rights else len(body)
    right = min(right, end + _SENTENCE_MAX)
    return body[left:start].lstrip("\n"), body[start:end], body[end:right].rstrip("\n")


def is_stale(suggestion: Suggestion, body: str) -> bool:
    """True when the text (body or heading) no longer holds the suggestion's original with the same text around it."""
    s = suggestion
    return (
        body[s.start : s.end] != s.original
        or body[max(0, s.start - len(s.before)) : s.start] != s.before
        or body[s.end : s.end + len(s.after)] != s.after
    )


def rows_for(suggestions, sections: dict) -> list[SuggestionRow]:
    rows = []
    for s in suggestions:
        body = s.text_of(sections[s.section_id])
        stale = is_stale(s, body)
        lead, marked, tail = ("", s.original, "") if stale else _sentence(body, s.start, s.end)
        rows.append(SuggestionRow(suggestion=s, lead=lead, marked=marked, tail=tail, stale=stale))
    return rows


def section_suggestion_rows(*, section) -> list[SuggestionRow]:
    suggestions = list(section.proof_suggestions.filter(status=Suggestion.Status.OPEN).order_by("-field", "start"))
    return rows_for(suggestions, {section.pk: section})


def report_suggestion_rows(*, report, kind: str = "") -> list[SuggestionRow]:
    qs = Suggestion.objects.filter(report=report, status=Suggestion.Status.OPEN).select_related("section")
    if kind:
        qs = qs.filter(kind=kind)
    suggestions = list(qs.order_by("section__order", "-field", "start"))
    return rows_for(suggestions, {s.section_id: s.section for s in suggestions})


def report_profile(*, report):
    """The document profile of the report as it is now (:func:`apps.parsing.proofread.document_profile`):
    whether it shows the certain signs of a converter round trip."""
    texts = [report.title]
    for heading, body in report.sections.values_list("heading", "body"):
        texts += [heading, body]
    return document_profile(texts)


def section_may_fill(*, section, user) -> bool:
    """Whether ``user`` may change the section's text now (修改正文's rule), for showing the buttons."""
    if not section.is_editable:
        return False
    try:
        section_guard_fill_permission(user=user, section=section)
    except PermissionDeniedError:
        return False
    return True


def report_open_counts(*, report) -> dict[str, int]:
    """Open suggestions per kind (only the kinds that have any)."""
    rows = (
        Suggestion.objects.filter(report=report, status=Suggestion.Status.OPEN)
        .values("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["kind"]: row["n"] for row in rows}


def suggestion_get_for_user(*, user, report_pk, pk) -> Suggestion:
    report = report_get_for_user(user=user, pk=report_pk)
    try:
        suggestion = Suggestion.objects.select_related("section").get(pk=pk, report=report)
    except (Suggestion.DoesNotExist, ValueError):
        raise Http404 from None
    suggestion.report = report
    suggestion.section.report = report
    return suggestion
