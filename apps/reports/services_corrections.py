"""Corrections of the blanks the parse found: not a blank, add a blank, change kind and unit; and their undo
functions (``UNDOERS``, called by services_correction_history.correction_undo).

Every correction is guarded (who may fill the section, and the section neither submitted nor approved), atomic,
and recorded as one ParseCorrection row holding what is needed to undo it. A blank covers its ``raw`` characters
of the section text, so dismissing or adding one never changes the text itself: ``4+X`` stays ``4+X``.
"""

from __future__ import annotations

import logging
import re

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from apps.core.errors import ServiceError, StateError
from apps.parsing import propose_blank
from apps.reports import hooks
from apps.reports.models import (
    ParseCorrection,
    Placeholder,
    PlaceholderChange,
    PlaceholderKind,
    Section,
)
from apps.reports.services import _apply_value
from apps.reports.services_correction_history import (
    bump_version,
    field_text,
    guard_can_correct,
    lock_section,
    record_correction,
    renumber_placeholders,
)
from apps.reports.values import ValueInvalid, normalize_value

logger = logging.getLogger(__name__)

_FIELD_RANK = {Placeholder.Field.TITLE: 0, Placeholder.Field.HEADING: 1, Placeholder.Field.BODY: 2}
# Kinds that never belong to a statistical indicator's table.
_NOT_INDICATOR = {PlaceholderKind.NAME, PlaceholderKind.TEXT, PlaceholderKind.YEAR, PlaceholderKind.DATE}
_LABEL_SUFFIX = re.compile(r"（[^（）]*）$")
_FILLER = re.compile(r"[XxＸｘ×○□＊*_＿△■.．]+")
MAX_RAW = 200
MAX_UNIT = 30
_PH_FIELDS = (
    "section_id",
    "report_id",
    "indicator_id",
    "order",
    "raw",
    "kind",
    "unit",
    "implicit",
    "field",
    "offset",
    "label",
    "role",
    "suspicious",
    "note",
    "value",
    "version",
    "filled_by_id",
)


def describe_placeholder(ph) -> str:
    return ph.label or ph.raw or "空缺"


def placeholder_snapshot(ph: Placeholder) -> dict:
    """The placeholder's row and its value history, as dismissing it would delete them."""
    data = {name: getattr(ph, name) for name in _PH_FIELDS}
    data["id"] = ph.pk
    data["filled_at"] = ph.filled_at.isoformat() if ph.filled_at else None
    data["changes"] = [
        {
            "id": c.pk,
            "user_id": c.user_id,
            "old_value": c.old_value,
            "new_value": c.new_value,
            "version": c.version,
            "created_at": c.created_at.isoformat(),
        }
        for c in PlaceholderChange.objects.filter(placeholder=ph).order_by("id")
    ]
    return data


def drop_placeholder(ph: Placeholder) -> dict:
    """Delete the placeholder; the snapshot also holds what other apps detached from it (its comments stay on
    the section meanwhile, its 有意留空 mark is kept in the snapshot)."""
    snapshot = placeholder_snapshot(ph)
    snapshot["attached"] = hooks.collect_dicts(hooks.PLACEHOLDER_DETACH, placeholder=ph)
    ph.delete()
    return snapshot


def _overlaps(placeholders, *, start: int, end: int, ignore=None) -> Placeholder | None:
    for p in placeholders:
        if ignore is not None and p.pk == ignore:
            continue
        p_start, p_end = p.offset, p.offset + len(p.raw)
        if start == end == p_start or (start < p_end and p_start < end) or (p_start < start < p_end):
            return p
        if start == end and p_start == p_end == start:
            return p
    return None


def restore_placeholder(snapshot: dict) -> Placeholder:
    """Put a dismissed placeholder back with its id, value history, comments and 有意留空 mark."""
    fields = {name: snapshot[name] for name in _PH_FIELDS}
    filled_at = parse_datetime(snapshot["filled_at"]) if snapshot.get("filled_at") else None
    placeholder = Placeholder(pk=snapshot["id"], filled_at=filled_at, **fields)
    placeholder.save(force_insert=True)
    for change in snapshot.get("changes", []):
        PlaceholderChange.objects.create(
            pk=change["id"],
            placeholder=placeholder,
            section_id=placeholder.section_id,
            user_id=change["user_id"],
            old_value=change["old_value"],
            new_value=change["new_value"],
            version=change["version"],
        )
        PlaceholderChange.objects.filter(pk=change["id"]).update(created_at=parse_datetime(change["created_at"]))
    hooks.call_all(hooks.PLACEHOLDER_REATTACH, placeholder=placeholder, snapshot=snapshot.get("attached", {}))
    return placeholder


def _check_restorable(section: Section, snapshot: dict) -> None:
    text = field_text(section, snapshot["field"])
    start, raw = snapshot["offset"], snapshot["raw"]
    if start > len(text) or text[start : start + len(raw)] != raw:
        raise StateError("该处文字已被修改，无法恢复这个待填项；请用“添加待填项”重新标出。", code="text_changed")
    others = Placeholder.objects.filter(section_id=section.pk, field=snapshot["field"])
    if _overlaps(others, start=start, end=start + len(raw)) is not None:
        raise StateError("该处已有另一个待填项，无法恢复。", code="overlap")


def _checked_kind(kind: str) -> str:
    if kind not in PlaceholderKind.values:
        raise ServiceError("请选择有效的类型。", code="kind")
    return kind


# ---------------------------------------------------------------- 不是待填项


@transaction.atomic
def placeholder_dismiss(*, placeholder: Placeholder, user, confirm_value: str | None = None) -> ParseCorrection:
    """不是待填项: the blank goes back into the text as its original characters (an implicit one disappears).

    A filled blank is dismissed only when ``confirm_value`` equals its current value (the value the user
    was shown in the confirmation); otherwise StateError with code ``confirm`` naming the value.
    """
    section = lock_section(placeholder.section_id)
    guard_can_correct(user=user, section=section)
    try:
        locked = Placeholder.objects.select_for_update().get(pk=placeholder.pk, section=section)
    except Placeholder.DoesNotExist:
        raise StateError("该待填项已不存在（可能已被他人处理），请刷新页面。", code="gone") from None
    if locked.is_filled and confirm_value != locked.value:
        raise StateError(
            f"“{describe_placeholder(locked)}”已填写“{locked.display_value}”。确认“不是待填项”后，此值将从正文中去掉"
            "（修改记录中仍可查看，并可撤销）。",
            code="confirm",
        )
    summary = f"“{describe_placeholder(locked)}”不是待填项" + (
        f"，丢弃已填写的“{locked.display_value}”" if locked.value else ""
    )
    snapshot = drop_placeholder(locked)
    renumber_placeholders(section.pk)
    bump_version(section)
    return record_correction(
        section=section,
        user=user,
        action=ParseCorrection.Action.DISMISS,
        summary=summary,
        before={"placeholder": snapshot},
        after={"text": locked.raw},
    )


def _undo_dismiss(correction: ParseCorrection, section: Section, user) -> tuple[dict, dict, str]:
    snapshot = correction.before["placeholder"]
    _check_restorable(section, snapshot)
    if snapshot["section_id"] != section.pk:
        snapshot = {**snapshot, "section_id": section.pk}
    restored = restore_placeholder(snapshot)
    renumber_placeholders(section.pk)
    return {}, {"placeholder_id": restored.pk}, f"恢复待填项“{describe_placeholder(restored)}”"


# ---------------------------------------------------------------- 添加待填项


@transaction.atomic
def placeholder_add(
    *,
    section: Section,
    field: str,
    start: int,
    end: int,
    user,
    kind: str | None = None,
    unit: str | None = None,
    expected_version: int | None = None,
) -> Placeholder:
    """添加待填项 at ``start`` (a cursor) or over ``start:end`` (selected characters) of a field of the section.

    Kind, unit and label are proposed as the parser would (``kind`` given: the user's choice). Selected
    characters stay the blank's original text; a selected value valid for the kind (a number…) becomes
    its value. Raises ServiceError for a place outside the text, across a line or over another blank.
    """
    section = lock_section(section.pk)
    guard_can_correct(user=user, section=section)
    if expected_version is not None and section.version != expected_version:
        raise StateError("本节在您操作期间已被修改，请刷新页面后重试。", code="stale")
    if field not in _FIELD_RANK or (field == Placeholder.Field.TITLE and section.level):
        raise ServiceError("请在标题或正文中选择位置。", code="field")
    if field == Placeholder.Field.HEADING and not section.level:
        raise ServiceError("导语没有标题，请在正文中选择位置。", code="field")
    text = field_text(section, field)
    if not (0 <= start <= end <= len(text)):
        raise ServiceError("所选位置不在正文中，请重新选择。", code="span")
    raw = text[start:end]
    if "\n" in raw or len(raw) > MAX_RAW:
        raise ServiceError(f"待填项不能跨段落，也不能超过 {MAX_RAW} 个字，请重新选择。", code="span")
    if raw != raw.strip():
        raise ServiceError("所选文字两端不能有空格，请重新选择。", code="span")
    existing = list(section.placeholders.filter(field=field))
    clash = _overlaps(existing, start=start, end=end)
    if clash is not None:
        raise ServiceError(f"所选位置已是待填项“{describe_placeholder(clash)}”，请重新选择。", code="overlap")
    if kind:
        _checked_kind(kind)
    proposal = propose_blank(text, start, end, kind=kind or None, unit=(unit or "").strip()[:MAX_UNIT] or None)
    placeholder = Placeholder.objects.create(
        section=section,
        report_id=section.report_id,
        order=len(existing) + 10_000,  # renumbered below
        raw=raw,
        kind=proposal.kind,
        unit=(proposal.unit or "")[:MAX_UNIT],
        implicit=not raw,
        field=field,
        offset=start,
        label=proposal.label[:200],
    )
    if raw and not _FILLER.fullmatch(raw):
        try:
            value = normalize_value(placeholder.kind, raw)
        except ValueInvalid:
            value = ""
        if value:
            _apply_value(placeholder=placeholder, value=value, user=user, now=timezone.now())
    renumber_placeholders(section.pk)
    placeholder.refresh_from_db()
    bump_version(section)
    where = f"“{raw}”" if raw else f"“{text[max(0, start - 8) : start]}”之后"
    record_correction(
        section=section,
        user=user,
        action=ParseCorrection.Action.ADD,
        summary=f"在{where}添加待填项“{placeholder.full_label}”",
        before={},
        after={"placeholder_id": placeholder.pk, "placeholder": placeholder_snapshot(placeholder)},
    )
    return placeholder


def _undo_add(correction: ParseCorrection, section: Section, user) -> tuple[dict, dict, str]:
    try:
        placeholder = Placeholder.objects.select_for_update().get(
            pk=correction.after["placeholder_id"], section=section
        )
    except Placeholder.DoesNotExist:
        raise StateError("这个待填项已不在本节中，无法撤销。", code="gone") from None
    snapshot = drop_placeholder(placeholder)
    renumber_placeholders(section.pk)
    dropped = f"，丢弃已填写的“{placeholder.display_value}”" if placeholder.value else ""
    return {"placeholder": snapshot}, {}, f"撤销添加“{describe_placeholder(placeholder)}”{dropped}"


# ---------------------------------------------------------------- 修改类型和单位


def _set_kind(placeholder: Placeholder, section: Section, *, kind: str, unit: str, label: str | None, user) -> str:
    """Set kind, unit and label; re-validate the value. Returns the value dropped ("" if none)."""
    text = field_text(section, placeholder.field)
    if label is None:
        end = placeholder.offset + len(placeholder.raw)
        label = propose_blank(text, placeholder.offset, end, kind=kind, unit=unit or None).label
        base = _LABEL_SUFFIX.sub("", placeholder.label).strip()
        if kind in (PlaceholderKind.NAME, PlaceholderKind.TEXT) and base:
            # The words after a number ("XX次") make a poor name label; what the blank was about stays right.
            label = f"{base}（{PlaceholderKind(kind).label}）"
    placeholder.kind, placeholder.unit, placeholder.label = kind, unit, label[:200]
    if kind in _NOT_INDICATOR:
        placeholder.indicator_id, placeholder.role = None, ""
    placeholder.save(update_fields=["kind", "unit", "label", "indicator", "role"])
    dropped = ""
    if placeholder.value:
        try:
            normalized = normalize_value(kind, placeholder.value)
        except ValueInvalid:
            dropped, normalized = placeholder.value, ""
        _apply_value(placeholder=placeholder, value=normalized, user=user, now=timezone.now())
    return dropped


def _kind_state(ph: Placeholder) -> dict:
    return {
        "kind": ph.kind,
        "unit": ph.unit,
        "label": ph.label,
        "value": ph.value,
        "indicator_id": ph.indicator_id,
        "role": ph.role,
    }


@transaction.atomic
def placeholder_retype(*, placeholder: Placeholder, kind: str, unit: str, user) -> tuple[Placeholder, str]:
    """修改类型和单位: validation and the label follow at once; a typed value is kept where still valid.

    Returns (placeholder, dropped): ``dropped`` is the value that no longer fits the new kind (kept in the
    value history, and the user is told), "" otherwise.
    """
    section = lock_section(placeholder.section_id)
    guard_can_correct(user=user, section=section)
    try:
        locked = Placeholder.objects.select_for_update().get(pk=placeholder.pk, section=section)
    except Placeholder.DoesNotExist:
        raise StateError("该待填项已不存在（可能已被他人处理），请刷新页面。", code="gone") from None
    kind = _checked_kind(kind)
    unit = (unit or "").strip()[:MAX_UNIT]
    if kind == locked.kind and unit == locked.unit:
        return locked, ""
    before = _kind_state(locked)
    old_label = locked.full_label
    dropped = _set_kind(locked, section, kind=kind, unit=unit, label=None, user=user)
    bump_version(section)
    summary = f"“{old_label}”改为{locked.get_kind_display()}" + (f"（{unit}）" if unit else "")
    if dropped:
        summary += f"，原值“{dropped}”不符合新类型，已清空"
    record_correction(
        section=section,
        user=user,
        action=ParseCorrection.Action.RETYPE,
        summary=summary,
        before={"placeholder_id": locked.pk, **before},
        after={"placeholder_id": locked.pk, **_kind_state(locked), "dropped": dropped},
    )
    return locked, dropped


def _undo_retype(correction: ParseCorrection, section: Section, user) -> tuple[dict, dict, str]:
    before = correction.before
    try:
        placeholder = Placeholder.objects.select_for_update().get(pk=before["placeholder_id"], section=section)
    except Placeholder.DoesNotExist:
        raise StateError("这个待填项已不在本节中，无法撤销。", code="gone") from None
    current = _kind_state(placeholder)
    _set_kind(placeholder, section, kind=before["kind"], unit=before["unit"], label=before["label"], user=user)
    if placeholder.indicator_id is None and before["indicator_id"]:
        placeholder.indicator_id, placeholder.role = before["indicator_id"], before["role"]
        placeholder.save(update_fields=["indicator", "role"])
    dropped = correction.after.get("dropped")
    if dropped and not placeholder.value:
        _apply_value(placeholder=placeholder, value=dropped, user=user, now=timezone.now())
    return current, _kind_state(placeholder), f"恢复“{placeholder.full_label}”的类型和单位"


# ---------------------------------------------------------------- 修改正文: a marker removed


UNDOERS = {
    ParseCorrection.Action.DISMISS: _undo_dismiss,
    ParseCorrection.Action.ADD: _undo_add,
    ParseCorrection.Action.RETYPE: _undo_retype,
}
