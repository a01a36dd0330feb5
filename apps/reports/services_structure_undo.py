"""Undo of the structure corrections (升级/降级, 修改标题, 改为标题, 改为正文): put the tree, the texts and the
blanks back as recorded, refused when anything recorded has changed since. Read by
services_correction_history.correction_undo through ``UNDOERS``.
"""

from __future__ import annotations

from django.core import serializers
from django.db.models import F

from apps.core.errors import StateError
from apps.reports import hooks
from apps.reports.models import ParseCorrection, Placeholder, PlaceholderChange, Section, SectionStatus
from apps.reports.services_correction_history import renumber_placeholders
from apps.reports.services_structure import ORDER_SHIFT, PH_FIELDS, heading_name, lock_sections


def _check_unchanged(sections: list[Section], after: dict) -> None:
    current = {str(s.pk): s for s in sections}
    stale = StateError("此后报告结构或本节文字又有修改，无法撤销；请先撤销之后的修改。", code="changed_since")
    if set(current) != set(after["tree"]):
        raise stale
    for pk, fields in after["tree"].items():
        if any(getattr(current[pk], f) != v for f, v in fields.items()):
            raise stale
    for pk, fields in after["text"].items():
        if any(getattr(current[pk], f) != v for f, v in fields.items()):
            raise stale
    touched = [int(pk) for pk in after["text"]]
    now = {
        str(p["pk"]): {f: p[f] for f in PH_FIELDS}
        for p in Placeholder.objects.filter(section_id__in=touched).values("pk", *PH_FIELDS)
    }
    if now != after["placeholders"]:
        raise stale


def _undo_structure(correction: ParseCorrection, section: Section, user) -> tuple[dict, dict, str]:
    before, after = correction.before, correction.after
    sections = lock_sections(section.report_id)
    _check_unchanged(sections, after)
    for s in sections:
        if str(s.pk) in before["tree"] and any(getattr(s, f) != v for f, v in before["tree"][str(s.pk)].items()):
            if s.status in (SectionStatus.SUBMITTED, SectionStatus.APPROVED):
                raise StateError(f"“{heading_name(s)}”已提交审核或已审核通过，撤销会改变它；请先退回或重新打开。")
    Section.objects.filter(report_id=section.report_id).update(order=F("order") + ORDER_SHIFT)
    restored = None
    if before.get("removed"):
        objects = list(serializers.deserialize("json", before["removed"]))
        for obj in objects:
            if isinstance(obj.object, Section):
                obj.object.order += 2 * ORDER_SHIFT
                restored = obj.object
            obj.save()
    for pk, fields in before["placeholders"].items():
        Placeholder.objects.filter(pk=int(pk)).update(**fields)
        PlaceholderChange.objects.filter(placeholder_id=int(pk)).update(section_id=fields["section_id"])
    if restored is not None:
        hooks.call_all(hooks.SECTION_ROWS_MOVE_BACK, moved=before.get("moved", {}), section=restored)
        ParseCorrection.objects.filter(pk__in=before.get("corrections", [])).update(section=restored)
    created = [int(pk) for pk in after["tree"] if pk not in before["tree"]]
    if Section.objects.filter(pk__in=created, status__in=[SectionStatus.SUBMITTED, SectionStatus.APPROVED]).exists():
        raise StateError("拆分出的章节已提交审核或已审核通过，不能撤销；请先退回或重新打开。", code="locked_sections")
    for pk in created:
        hooks.call_all(hooks.SECTION_ROWS_MOVE, source=Section(pk=pk), target=section)
    if created:
        ParseCorrection.objects.filter(section_id__in=created).update(section=section)
        Section.objects.filter(pk__in=created).delete()
    for pk, fields in before["tree"].items():
        Section.objects.filter(pk=int(pk)).update(**fields, version=F("version") + 1)
    for pk, fields in before["text"].items():
        Section.objects.filter(pk=int(pk)).update(**fields)
    for pk in before["text"]:
        renumber_placeholders(int(pk))
    current = {"tree": after["tree"], "text": after["text"], "placeholders": after["placeholders"]}
    restored_state = {k: before[k] for k in ("tree", "text", "placeholders")}
    return current, restored_state, correction.summary


UNDOERS = {
    ParseCorrection.Action.LEVEL: _undo_structure,
    ParseCorrection.Action.HEADING: _undo_structure,
    ParseCorrection.Action.SPLIT: _undo_structure,
    ParseCorrection.Action.MERGE: _undo_structure,
}
