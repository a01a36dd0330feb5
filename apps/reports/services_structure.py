"""Corrections of the structure the parse found: a heading's level, number and text; a paragraph made a heading
(the section split there) and a heading made text (the section merged into the one before); and their undo.

The tree follows every change: parents come from the levels (a heading's parent is the nearest heading above it
of a higher level), and the numbers shown (``一、`` ``（二）`` ``3.``) are counted again among the siblings that
changed. Each correction records the tree before and after (and the texts and blanks it moved), so that undo
restores exactly what was there, provided nothing changed since.
"""

from __future__ import annotations

import logging
from collections import Counter

from django.core import serializers
from django.db import transaction
from django.db.models import F

from apps.core.errors import ServiceError, StateError
from apps.parsing import marker_style, read_heading
from apps.reports import hooks
from apps.reports.models import ParseCorrection, Placeholder, PlaceholderChange, Section, SectionStatus
from apps.reports.services_correction_history import guard_can_correct, record_correction, renumber_placeholders
from apps.reports.tokens import TokenError, tokenize, untokenize
from apps.reports.tree_numbering import TREE_FIELDS, relayout

logger = logging.getLogger(__name__)

_TEXT = ("heading", "heading_end", "inline_body", "body")
PH_FIELDS = ("section_id", "field", "offset", "order")
ORDER_SHIFT = 1_000_000
MAX_MARKER = 20
MAX_HEADING = 300


# ---------------------------------------------------------------- state, tree and numbering


def lock_sections(report_id: int) -> list[Section]:
    return list(
        Section.objects.select_for_update().select_related("report").filter(report_id=report_id).order_by("order")
    )


def _find(sections: list[Section], pk: int) -> Section:
    for section in sections:
        if section.pk == pk:
            return section
    raise StateError("该章节已不存在，请刷新页面。", code="gone")


def _state(sections: list[Section], touched: list[int]) -> dict:
    """The tree of every section, the texts of the touched ones and where their blanks sit."""
    touched_set = set(touched)
    return {
        "tree": {str(s.pk): {f: getattr(s, f) for f in TREE_FIELDS} for s in sections},
        "text": {str(s.pk): {f: getattr(s, f) for f in _TEXT} for s in sections if s.pk in touched_set},
        "placeholders": {
            str(p["pk"]): {f: p[f] for f in PH_FIELDS}
            for p in Placeholder.objects.filter(section_id__in=touched_set).values("pk", *PH_FIELDS)
        },
    }


def _save_tree(sections: list[Section], old_tree: dict) -> list[Section]:
    """Write the sections whose tree changed; refuse when one of them is submitted or approved."""
    changed = [
        s
        for s in sections
        if str(s.pk) not in old_tree or any(old_tree[str(s.pk)][f] != getattr(s, f) for f in TREE_FIELDS)
    ]
    locked = [s for s in changed if s.status in (SectionStatus.SUBMITTED, SectionStatus.APPROVED)]
    if locked:
        names = "、".join(f"“{s.display_heading or '导语'}”" for s in locked[:5])
        raise StateError(
            f"这样修改会改变{names}的编号或层级，但这些章节已提交审核或已审核通过；请先退回或重新打开后再改。",
            code="locked_sections",
        )
    if changed:
        report_id = sections[0].report_id
        Section.objects.filter(report_id=report_id).update(order=F("order") + ORDER_SHIFT)
        for section in sections:
            section.version += section in changed
        Section.objects.bulk_update(sections, ["order", "level", "parent", "number", "marker", "version"])
    return changed


def _original(sections: list[Section]) -> dict[int, tuple]:
    return {s.pk: (s.parent_id, s.level) for s in sections}


def heading_name(section: Section) -> str:
    return section.display_heading or "导语"


# ---------------------------------------------------------------- 升级 / 降级


@transaction.atomic
def section_change_level(*, section: Section, delta: int, user) -> ParseCorrection:
    """升级 (delta −1) or 降级 (+1) a heading together with the headings under it; numbers follow."""
    if delta not in (-1, 1):
        raise ServiceError("只能升一级或降一级。", code="delta")
    sections = lock_sections(section.report_id)
    target = _find(sections, section.pk)
    guard_can_correct(user=user, section=target)
    if not target.level:
        raise StateError("导语不是标题，不能调整层级。", code="not_heading")
    start = sections.index(target)
    subtree = [target]
    for following in sections[start + 1 :]:
        if following.level <= target.level:
            break
        subtree.append(following)
    if delta < 0 and target.level == 1:
        raise StateError("已是一级标题，不能再升级。", code="top")
    if delta > 0 and max(s.level for s in subtree) >= 4:
        raise StateError("已是（或下级标题已是）第四级标题，不能再降级。", code="bottom")
    if delta < 0 and start == 0:
        raise StateError("该标题不能升级。", code="top")
    before = _state(sections, [])
    original = _original(sections)
    old_name = heading_name(target)
    for s in subtree:
        s.level += delta
    relayout(sections, original=original, restyle={s.pk for s in subtree})
    _save_tree(sections, before["tree"])
    verb = "升级" if delta < 0 else "降级"
    return record_correction(
        section=target,
        user=user,
        action=ParseCorrection.Action.LEVEL,
        summary=f"“{old_name}”{verb}为第{target.level}级标题“{heading_name(target)}”",
        before=before,
        after=_state(sections, []),
    )


# ---------------------------------------------------------------- 修改标题


@transaction.atomic
def section_edit_heading(
    *, section: Section, marker: str, heading: str, user, expected_version: int | None = None
) -> ParseCorrection | None:
    """修改标题: the number as written (``三、``, may be empty) and the heading text, its blanks as 【#n】 tokens."""
    sections = lock_sections(section.report_id)
    target = _find(sections, section.pk)
    guard_can_correct(user=user, section=target)
    if not target.level:
        raise StateError("导语没有标题。", code="not_heading")
    if expected_version is not None and target.version != expected_version:
        raise StateError("本节在您编辑期间已被修改，请刷新后重新编辑。", code="stale")
    marker, heading = marker.strip(), heading.strip()
    if "\n" in marker + heading or len(marker) > MAX_MARKER or len(heading) > MAX_HEADING:
        raise ServiceError(f"序号不超过 {MAX_MARKER} 个字、标题不超过 {MAX_HEADING} 个字，且不能换行。", code="length")
    if not heading:
        raise ServiceError("标题不能为空；如果这不是标题，请用“改为正文”。", code="empty")
    placeholders = list(target.placeholders.filter(field=Placeholder.Field.HEADING).order_by("order"))
    try:
        text, offsets = untokenize(heading, placeholders)
    except TokenError as exc:
        raise ServiceError(exc.message, code="tokens") from exc
    if marker == target.marker and text == target.heading:
        return None
    before = _state(sections, [target.pk])
    old_name = heading_name(target)
    for index, placeholder in enumerate(placeholders):
        placeholder.offset = offsets[index]
    Placeholder.objects.bulk_update(placeholders, ["offset"])
    target.marker = marker
    found = marker_style(marker)
    target.number = found[1] if found else ""
    target.heading = text
    target.version += 1
    target.save(update_fields=["marker", "number", "heading", "version", "updated_at"])
    hooks.call_all(hooks.SECTION_BODY_CHANGED, section=target)
    return record_correction(
        section=target,
        user=user,
        action=ParseCorrection.Action.HEADING,
        summary=f"标题“{old_name}”改为“{heading_name(target)}”",
        before=before,
        after=_state(sections, [target.pk]),
    )


def heading_tokenized(section: Section) -> str:
    placeholders = list(section.placeholders.filter(field=Placeholder.Field.HEADING).order_by("order"))
    return tokenize(section.heading, placeholders)


# ---------------------------------------------------------------- 改为标题 (split) / 改为正文 (merge)


def _level_for(style: str, sections: list[Section], fallback: int) -> int:
    levels = Counter(s.level for s in sections if s.level and (marker_style(s.marker) or ("",))[0] == style)
    return levels.most_common(1)[0][0] if style and levels else fallback


@transaction.atomic
def section_split(*, section: Section, paragraph: int, user, expected_version: int | None = None) -> Section:
    """改为标题: paragraph ``paragraph`` of the section's body becomes the heading of a new section holding the
    paragraphs after it. Its level comes from its number's style (one below the section when it has none)."""
    sections = lock_sections(section.report_id)
    target = _find(sections, section.pk)
    guard_can_correct(user=user, section=target)
    if expected_version is not None and target.version != expected_version:
        raise StateError("本节在您操作期间已被修改，请刷新页面后重试。", code="stale")
    paragraphs = target.body.split("\n")
    if not 0 <= paragraph < len(paragraphs) or not paragraphs[paragraph].strip():
        raise ServiceError("请选择一个有文字的段落。", code="paragraph")
    if paragraph == 0 and target.inline_body and target.level:
        raise StateError("这段文字与标题同在一段，不能单独改为标题。", code="inline")
    line = paragraphs[paragraph]
    if len(line) > MAX_HEADING:
        raise ServiceError(f"这一段超过 {MAX_HEADING} 个字，太长，不能作为标题。", code="length")
    parts = read_heading(line)
    start = sum(len(p) + 1 for p in paragraphs[:paragraph])
    head_start = start + len(parts.marker)
    head_end = head_start + len(parts.heading)
    inline_start = head_end + len(parts.heading_end)
    tail_start = start + len(line) + 1
    body_ph = list(target.placeholders.filter(field=Placeholder.Field.BODY))
    if any(start <= p.offset < head_start or head_end < p.offset < inline_start for p in body_ph):
        raise ServiceError("这一段的序号中有待填项，不能改为标题；请先处理该待填项。", code="marker_blank")

    before = _state(sections, [target.pk])
    original = _original(sections)
    level = _level_for(parts.style, sections, min(target.level + 1, 4) if target.level else 1)
    tail = target.body[tail_start:] if tail_start <= len(target.body) else ""
    new = Section(
        report_id=target.report_id,
        order=ORDER_SHIFT * 2 + target.order,  # the tree is laid out again below
        level=level,
        number=parts.number,
        marker=parts.marker,
        heading=parts.heading,
        heading_end=parts.heading_end,
        inline_body=bool(parts.inline_text),
        body=parts.inline_text + ("\n" + tail if parts.inline_text and tail else tail),
    )
    new.report = target.report
    new.save()
    moved = []
    for p in body_ph:
        if p.offset < start:
            continue
        if p.offset <= head_end and p.offset >= head_start and p.offset < inline_start:
            p.field, p.offset = Placeholder.Field.HEADING, p.offset - head_start
        elif p.offset < tail_start:
            p.offset -= inline_start
        else:
            p.offset = p.offset - tail_start + (len(parts.inline_text) + 1 if parts.inline_text else 0)
        p.section = new
        moved.append(p)
    Placeholder.objects.bulk_update(moved, ["section", "field", "offset"])
    PlaceholderChange.objects.filter(placeholder__in=moved).update(section=new)
    target.body = "\n".join(paragraphs[:paragraph])
    target.version += 1
    target.save(update_fields=["body", "version", "updated_at"])
    sections.insert(sections.index(target) + 1, new)
    relayout(sections, original=original, restyle={new.pk}, number_plain=new.pk)
    _save_tree(sections, before["tree"])
    renumber_placeholders(target.pk)
    renumber_placeholders(new.pk)
    hooks.call_all(hooks.SECTION_SPLIT, source=target, new=new)
    record_correction(
        section=target,
        user=user,
        action=ParseCorrection.Action.SPLIT,
        summary=f"段落“{line[:20]}”改为标题“{heading_name(new)}”",
        before=before,
        after=_state(sections, [target.pk, new.pk]),
    )
    return new


def _related_snapshot(section: Section) -> str:
    """The rows a deleted section would take with it, serialised so that undo can put them back."""
    rows = [section, *hooks.collect_lists(hooks.SECTION_ROWS, section=section), *section.text_changes.all()]
    return serializers.serialize("json", rows)


@transaction.atomic
def section_merge_into_previous(*, section: Section, user) -> Section:
    """改为正文: the heading becomes a paragraph at the end of the section before it, its text and blanks follow
    it there. The section's review history, assignment and comments are kept (and come back on undo)."""
    sections = lock_sections(section.report_id)
    target = _find(sections, section.pk)
    guard_can_correct(user=user, section=target)
    if not target.level:
        raise StateError("导语不是标题。", code="not_heading")
    index = sections.index(target)
    if index == 0:
        raise StateError("前面没有可以并入的章节。", code="first")
    previous = sections[index - 1]
    guard_can_correct(user=user, section=previous)

    before = _state(sections, [previous.pk, target.pk])
    before["removed"] = _related_snapshot(target)
    before["corrections"] = list(target.corrections.values_list("pk", flat=True))
    original = _original(sections)
    name = heading_name(target)
    head = f"{target.marker}{target.heading}{target.heading_end}"
    base = len(previous.body) + (1 if previous.body else 0)
    body_start = base + len(head) + (0 if target.inline_body or not target.body else 1)
    moved = list(target.placeholders.all())
    for p in moved:
        if p.field == Placeholder.Field.HEADING:
            p.offset += base + len(target.marker)
        else:
            p.offset += body_start
        p.field, p.section = Placeholder.Field.BODY, previous
    Placeholder.objects.bulk_update(moved, ["section", "field", "offset"])
    PlaceholderChange.objects.filter(placeholder__in=moved).update(section=previous)
    before["moved"] = hooks.collect_dicts(hooks.SECTION_ROWS_MOVE, source=target, target=previous)
    joined = head + ("" if target.inline_body or not target.body else "\n") + target.body
    if not previous.body and previous.level:
        previous.inline_body = False
    previous.body = previous.body + ("\n" if previous.body else "") + joined
    previous.version += 1
    previous.save(update_fields=["body", "inline_body", "version", "updated_at"])
    sections.remove(target)
    target.delete()
    relayout(sections, original=original, restyle=set())
    _save_tree(sections, before["tree"])
    renumber_placeholders(previous.pk)
    record_correction(
        section=previous,
        user=user,
        action=ParseCorrection.Action.MERGE,
        summary=f"标题“{name}”改为正文，并入“{heading_name(previous)}”",
        before=before,
        after=_state(sections, [previous.pk]),
    )
    return previous
