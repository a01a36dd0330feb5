"""上传新版草稿: a revised draft's parse merged into an existing report, keeping what people typed.

Sections are paired by their heading (difflib over the sequence of headings: a heading whose wording changed
pairs with the one at the same place); within a pair, each blank of the old text is carried to the blank of
the new text whose surroundings read the same (the characters before and after it, compared with difflib).
A section whose text did not change keeps its status and version; one whose text changed goes back to 草稿
(its reviewers are told through the ``sections_revised`` hook). Values that find no place are dropped, each
kept with its old value and its history in the ReportChange row of the revision, which the summary page shows.
Cost: one SequenceMatcher over the headings, and per pair of sections one comparison of each old blank with
each new blank of the same field (a section holds tens of blanks, not thousands).
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.core.errors import PermissionDeniedError, StateError
from apps.parsing import ParseResult
from apps.reports import hooks
from apps.reports.models import (
    Indicator,
    Placeholder,
    PlaceholderChange,
    Report,
    ReportChange,
    Section,
    SectionStatus,
)
from apps.reports.services_lifecycle import guard_can_edit_report
from apps.reports.values import ValueInvalid, normalize_value

logger = logging.getLogger(__name__)

CONTEXT = 20  # characters compared on each side of a blank
NEAR = 6  # characters right beside a blank that decide most of the match
MIN_SCORE = 0.9  # out of 2.5: e.g. the 4 characters before the blank and 1 after it the same, the rest half alike


def _norm(text: str) -> str:
    return "".join(text.split())


def _section_key(level: int, heading: str) -> tuple[int, str]:
    return level, _norm(heading)


def _pair_sections(old: list[Section], new: list) -> dict[int, int]:
    """new index → old index, for the sections that are the same section in both texts."""
    pairs: dict[int, int] = {}
    old_keys = [_section_key(s.level, s.heading) for s in old]
    new_keys = [_section_key(s.level, s.heading) for s in new]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.update({j1 + k: i1 + k for k in range(i2 - i1)})
        elif tag == "replace":
            # Reworded headings at the same place, level for level.
            for k in range(min(i2 - i1, j2 - j1)):
                if old[i1 + k].level == new[j1 + k].level:
                    pairs[j1 + k] = i1 + k
    return pairs


def _signature(*, marker, heading, heading_end, inline_body, body) -> tuple:
    return marker, heading, heading_end, inline_body, body


def _context(text: str, offset: int, raw: str) -> tuple[str, str]:
    return text[max(0, offset - CONTEXT) : offset], text[offset + len(raw) : offset + len(raw) + CONTEXT]


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _score(a: tuple[str, str], b: tuple[str, str]) -> float:
    """How alike the surroundings of two blanks read: the words touching the blank count most (the characters
    the texts share right before it and right after it, up to NEAR on each side, 1 point a side), the rest of
    the windows a little (difflib's ratio, a quarter point a side). A side empty in both (the blank starts or
    ends its text) is a full match."""

    def side(x: str, y: str) -> float:
        if not x and not y:
            return 1.25
        near = min(_common(x, y), NEAR) / NEAR
        return near + 0.25 * difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()

    return side(a[0][::-1], b[0][::-1]) + side(a[1], b[1])


def _match_blanks(old_phs: list[Placeholder], old_texts: dict, new_phs: list, new_texts: dict) -> dict[int, int]:
    """new index → old index within one pair of sections, best surroundings first, each used once."""
    candidates = []
    for j, new_ph in enumerate(new_phs):
        new_ctx = _context(new_texts[new_ph.field], new_ph.offset, new_ph.raw)
        for i, old_ph in enumerate(old_phs):
            if old_ph.field != new_ph.field:
                continue
            score = _score(_context(old_texts[old_ph.field], old_ph.offset, old_ph.raw), new_ctx)
            if score >= MIN_SCORE:
                candidates.append((-score, abs(i - j), j, i))
    candidates.sort()
    taken_new, taken_old, pairs = set(), set(), {}
    for _, _, j, i in candidates:
        if j not in taken_new and i not in taken_old:
            pairs[j] = i
            taken_new.add(j)
            taken_old.add(i)
    return pairs


def _where(text: str, offset: int, raw: str, value: str) -> str:
    before, after = _context(text, offset, raw)
    return f"…{before.split(chr(10))[-1]}【{value or raw or '＿'}】{after.split(chr(10))[0]}…"


@dataclass
class _Plan:
    sections: list  # per new section: the old Section row kept, or None
    placeholders: list  # per new section: per new placeholder, the old Placeholder kept, or None


@transaction.atomic
def report_revise_from_parse(
    *, report: Report, result: ParseResult, user, source_name: str = "", source_uploaded_at=None
) -> ReportChange:
    """Merge a revised draft's parse into ``report`` (see the module's docstring); returns the ReportChange row
    whose ``after`` lists what was carried, dropped (with the old value and its history) and new.

    PermissionDeniedError unless ``user`` may edit the report; StateError for a deleted or finalized report.
    """
    if user is None:
        raise PermissionDeniedError("上传人已不存在，新版草稿不能合并。")
    guard_can_edit_report(user=user, report=report)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.is_deleted:
        raise StateError("报告已删除，新版草稿没有合并。请先从回收站恢复。", code="deleted")
    if report.status == Report.Status.FINALIZED:
        raise StateError("报告已定稿，不能再上传新版草稿。", code="finalized")

    # Locked, so that nobody fills or reviews a section while it is being replaced.
    old_sections = list(report.sections.select_for_update().order_by("order"))
    old_by_section: dict[int, list[Placeholder]] = {s.pk: [] for s in old_sections}
    for ph in Placeholder.objects.filter(report=report).order_by("order"):
        old_by_section[ph.section_id].append(ph)
    new_sections = list(result.sections)
    pairs = _pair_sections(old_sections, new_sections)
    keep_title = report.title == result.title

    # ── plan: which old rows each new section and blank continues ──
    plan = _Plan(sections=[], placeholders=[])
    for j, parsed in enumerate(new_sections):
        old = old_sections[pairs[j]] if j in pairs else None
        plan.sections.append(old)
        new_phs = [p for p in parsed.placeholders if p.field != Placeholder.Field.TITLE or keep_title]
        if old is None:
            plan.placeholders.append([None] * len(new_phs))
            continue
        old_phs = [p for p in old_by_section[old.pk] if p.field != Placeholder.Field.TITLE or keep_title]
        old_texts = {"title": report.title, "heading": old.heading, "body": old.body}
        new_texts = {"title": result.title, "heading": parsed.heading, "body": parsed.body}
        matched = _match_blanks(old_phs, old_texts, new_phs, new_texts)
        plan.placeholders.append([old_phs[matched[k]] if k in matched else None for k in range(len(new_phs))])

    kept_phs = {ph.pk for row in plan.placeholders for ph in row if ph is not None}
    kept_sections = {s.pk for s in plan.sections if s is not None}
    # Title blanks stay with the title while the user's own title stands (the new draft's are not used).
    # (Only while the preamble they sit in is kept: otherwise they are dropped like any other, value recorded.)
    preamble_kept = bool(old_sections) and old_sections[0].level == 0 and 0 in pairs.values()
    title_kept = (
        [p for p in old_by_section[old_sections[0].pk] if p.field == Placeholder.Field.TITLE]
        if preamble_kept and not keep_title
        else []
    )
    kept_phs |= {p.pk for p in title_kept}

    now = timezone.now()
    summary = {"upload": source_name, "carried": [], "dropped": [], "new": [], "reset": [], "kept": [], "removed": []}

    # ── dropped values: recorded with their history before their rows go ──
    from apps.reports.services_corrections import placeholder_snapshot

    for old in old_sections:
        text = {"title": report.title, "heading": old.heading, "body": old.body}
        for ph in old_by_section[old.pk]:
            if ph.pk in kept_phs or not ph.value:
                continue
            summary["dropped"].append(
                {
                    "section": old.display_name,
                    "label": ph.full_label,
                    "value": ph.display_value,
                    "context": _where(text.get(ph.field, ""), ph.offset, ph.raw, ph.display_value),
                    "snapshot": placeholder_snapshot(ph),
                }
            )
    going = Placeholder.objects.filter(report=report).exclude(pk__in=kept_phs)
    for ph in going.filter(comments__isnull=False).distinct():
        ph.comments.update(placeholder=None)  # a remark on a blank that goes stays on its section
    going.delete()

    # ── sections: kept rows updated in place (their history, comments and assignment stay), the rest new ──
    removed = [s for s in old_sections if s.pk not in kept_sections]
    summary["removed"] = [s.display_name for s in removed]
    Section.objects.filter(pk__in=[s.pk for s in removed]).delete()
    report.sections.update(order=F("order") + len(old_sections) + len(new_sections) + 1)
    changed_reviewed: list[Section] = []
    rows: list[Section] = []
    parents: list[Section] = []
    for order, (parsed, old) in enumerate(zip(new_sections, plan.sections, strict=True)):
        while parents and parents[-1].level >= parsed.level:
            parents.pop()
        fields = {
            "level": parsed.level,
            "number": parsed.number,
            "marker": parsed.marker,
            "heading": parsed.heading,
            "heading_end": parsed.heading_end,
            "inline_body": parsed.inline_body,
            "body": parsed.body,
        }
        parent = parents[-1] if parents and parsed.level else None
        if old is None:
            section = Section.objects.create(report=report, parent=parent, order=order, **fields)
        else:
            section = old
            was = _signature(
                marker=old.marker,
                heading=old.heading,
                heading_end=old.heading_end,
                inline_body=old.inline_body,
                body=old.body,
            )
            if was != _signature(**{k: v for k, v in fields.items() if k not in ("level", "number")}):
                if old.status in (SectionStatus.APPROVED, SectionStatus.SUBMITTED):
                    section.status_before = old.status
                    changed_reviewed.append(section)
                if old.status != SectionStatus.DRAFT:
                    summary["reset"].append(parsed.marker + parsed.heading or "导语")
                section.status, section.submitted_by = SectionStatus.DRAFT, None
                section.version += 1
            else:
                summary["kept"].append(section.display_name)
            for name, value in fields.items():
                setattr(section, name, value)
            section.parent, section.order = parent, order
            section.save()
        rows.append(section)
        if parsed.level:
            parents.append(section)

    # ── indicators and blanks ──
    report.indicators.all().delete()
    indicators = Indicator.objects.bulk_create(
        Indicator(
            report=report, order=i, name=ind.name[:100], scope=ind.scope[:50], unit=ind.unit or "", period=ind.period
        )
        for i, ind in enumerate(result.indicators)
    )
    creates = []
    for section, parsed, olds in zip(rows, new_sections, plan.placeholders, strict=True):
        new_phs = [p for p in parsed.placeholders if p.field != Placeholder.Field.TITLE or keep_title]
        texts = {"title": result.title, "heading": parsed.heading, "body": parsed.body}
        for order, (new, old) in enumerate(zip(new_phs, olds, strict=True)):
            attrs = {
                "section": section,
                "indicator": indicators[new.indicator] if new.indicator is not None else None,
                "order": order,
                "raw": new.raw,
                "kind": new.kind,
                "unit": new.unit or "",
                "implicit": new.implicit,
                "field": new.field,
                "offset": new.offset,
                "label": new.label[:200],
                "role": new.role or "",
                "suspicious": new.suspicious,
                "note": new.note[:200],
            }
            if old is None:
                creates.append(Placeholder(report=report, **attrs))
                summary["new"].append(
                    {
                        "section": section.display_name,
                        "label": Placeholder(**{k: v for k, v in attrs.items() if k != "section"}).full_label,
                        "context": _where(texts[new.field], new.offset, new.raw, ""),
                    }
                )
                continue
            value = old.value
            if value:
                try:
                    value = normalize_value(new.kind, value)
                except ValueInvalid:
                    value = None
            if value is None:  # the new blank is of a kind the old value does not fit
                summary["dropped"].append(
                    {
                        "section": section.display_name,
                        "label": old.full_label,
                        "value": old.display_value,
                        "context": _where(texts[new.field], new.offset, new.raw, old.display_value) + "（类型不符）",
                        "snapshot": placeholder_snapshot(old),
                    }
                )
                value = ""
            for name, attr in attrs.items():
                setattr(old, name, attr)
            if value != old.value:
                previous, old.value = old.value, value
                old.version += 1
                old.filled_by, old.filled_at = (user, now) if value else (None, None)
                PlaceholderChange.objects.create(
                    placeholder=old,
                    section=section,
                    user=user,
                    old_value=previous,
                    new_value=value,
                    version=old.version,
                )
            old.save()
            if old.value:
                summary["carried"].append(
                    {"section": section.display_name, "label": old.full_label, "value": old.display_value}
                )
    Placeholder.objects.bulk_create(creates)
    if title_kept:  # they stay in the kept preamble row; the orders of its blanks follow field and offset again
        from apps.reports.services_correction_history import renumber_placeholders

        renumber_placeholders(old_sections[0].pk)

    before = {
        "source_name": report.source_name,
        "source_uploaded_at": report.source_uploaded_at.isoformat() if report.source_uploaded_at else None,
    }
    report.source_name = source_name[:255] or report.source_name
    report.source_uploaded_at = source_uploaded_at or report.source_uploaded_at
    report.source_uploaded_by = user
    glued = {f"{p.label}：{p.note}" for s in result.sections for p in s.placeholders if p.suspicious}
    report.parse_warnings = [w for w in result.warnings if w not in glued]
    report.save()
    change = ReportChange.objects.create(
        report=report,
        user=user,
        action=ReportChange.Action.REVISE,
        summary=(
            f"{source_name}：沿用 {len(summary['carried'])} 项，未能沿用 {len(summary['dropped'])} 项，"
            f"新增待填项 {len(summary['new'])} 个，{len(summary['reset'])} 个章节退回草稿"
        )[:300],
        before=before,
        after=summary,
    )
    if changed_reviewed:
        hooks.call_all(hooks.SECTIONS_REVISED, report=report, sections=changed_reviewed, user=user)
    logger.info("report %s revised by %s: %s", report.pk, user, change.summary)
    return change
