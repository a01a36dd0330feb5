"""Writes to reports, sections and placeholders. Every change is guarded, atomic and recorded."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.core.errors import ConflictError, PermissionDeniedError, StateError
from apps.parsing import ParseResult
from apps.parsing.glued import GLUED_NOTE_PREFIX, glued_digits_note
from apps.reports import hooks
from apps.reports.models import (
    Indicator,
    Placeholder,
    PlaceholderChange,
    Report,
    Section,
    SectionPresence,
    SectionStatus,
    SectionTextChange,
)
from apps.reports.tokens import tokenize
from apps.reports.values import ValueInvalid, normalize_value

logger = logging.getLogger(__name__)

_YEAR_RE = re.compile(r"(20\d\d)年")


def _guess_year(title: str) -> int | None:
    years = [int(y) for y in _YEAR_RE.findall(title)]
    return years[0] if years else None


@transaction.atomic
def report_replace_from_parse(*, report: Report, result: ParseResult) -> Report:
    """Replace the report's sections, placeholders and indicators by those of ``result``.

    Runs in one transaction, so a re-delivered parse never leaves half a report or two.
    """
    report.sections.all().delete()
    report.indicators.all().delete()
    # The notes of suspicious placeholders live on the placeholders (re-checked on every edit and listed
    # on the report page from there); the rest of the parser's warnings are kept as they were given.
    glued = {f"{p.label}：{p.note}" for s in result.sections for p in s.placeholders if p.suspicious}
    report.parse_warnings = [w for w in result.warnings if w not in glued]
    if result.title and not report.title:
        report.title = result.title[:300]
    report.save()

    indicators = Indicator.objects.bulk_create(
        Indicator(
            report=report, order=i, name=ind.name[:100], scope=ind.scope[:50], unit=ind.unit or "", period=ind.period
        )
        for i, ind in enumerate(result.indicators)
    )

    sections: list[Section] = []
    parents: list[Section] = []  # stack of the open headings, by level
    for order, parsed in enumerate(result.sections):
        while parents and parents[-1].level >= parsed.level:
            parents.pop()
        section = Section(
            report=report,
            parent=parents[-1] if parents and parsed.level else None,
            order=order,
            level=parsed.level,
            number=parsed.number,
            marker=parsed.marker,
            heading=parsed.heading,
            heading_end=parsed.heading_end,
            inline_body=parsed.inline_body,
            body=parsed.body,
        )
        # Saved one by one because children need their parent's primary key.
        section.save()
        sections.append(section)
        if parsed.level:
            parents.append(section)

    # Title placeholders point into the parsed title; a title the user typed instead has none.
    keep_title = report.title == result.title
    Placeholder.objects.bulk_create(
        Placeholder(
            section=section,
            report=report,
            indicator=indicators[ph.indicator] if ph.indicator is not None else None,
            order=i,
            raw=ph.raw,
            kind=ph.kind,
            unit=ph.unit or "",
            implicit=ph.implicit,
            field=ph.field,
            offset=ph.offset,
            label=ph.label[:200],
            role=ph.role or "",
            suspicious=ph.suspicious,
            note=ph.note[:200],
        )
        for section, parsed in zip(sections, result.sections, strict=True)
        for i, ph in enumerate(parsed.placeholders)
        if ph.field != Placeholder.Field.TITLE or keep_title
    )
    logger.info("report %s replaced from parse: %d sections, %d indicators", report.pk, len(sections), len(indicators))
    hooks.call_all(hooks.REPORT_PARSED, report=report, result=result)
    return report


@transaction.atomic
def report_create_from_parse(
    *, organization, user, result: ParseResult, title: str = "", source_name: str = "", source_uploaded_at=None
) -> Report:
    """A new report from a parse; ``source_*`` name the uploaded file (shown on the home page)."""
    title = (title or result.title or "未命名报告")[:300]
    report = Report.objects.create(
        organization=organization,
        title=title,
        year=_guess_year(title),
        created_by=user,
        signer=organization.name,
        source_name=source_name[:255],
        source_uploaded_at=source_uploaded_at,
        source_uploaded_by=user if source_name else None,
    )
    return report_replace_from_parse(report=report, result=result)


def section_guard_fill_permission(*, user, section: Section) -> None:
    """PermissionDeniedError unless the user may fill the section (its state aside).

    Views call it before validating what was typed, so a refused user costs no parsing. The rule
    itself (admins, and drafters of the assigned department or person) is the review app's, which
    registers it as the ``section_work_guard`` hook; with no guard registered nobody may fill.
    """
    guards = hooks.get_hooks(hooks.SECTION_WORK_GUARD)
    if not guards:
        raise PermissionDeniedError("系统未配置填写权限规则，暂不能填写。")
    for guard in guards:
        guard(user=user, section=section)


def _guard_can_fill(*, user, section: Section) -> None:
    # Same rule as submitting: admins, and drafters of the assigned department or person
    # (or anyone's drafters while the section is unassigned); reviewers never fill.
    section_guard_fill_permission(user=user, section=section)
    if section.status == SectionStatus.SUBMITTED:
        logger.info("fill refused: section %s is submitted (user %s)", section.pk, user)
        raise StateError(
            "本节已提交审核，审核期间不能修改；如需修改，请先“撤回”提交（审核人尚未处理时可撤回），或等待审核人退回。",
            code="submitted",
        )
    if not section.is_editable:
        raise StateError("本节已审核通过，不能再修改；如需修改，请审核人先重新打开。")


class FillErrors(Exception):
    """Some values were refused. ``errors`` maps placeholder id → Chinese message."""

    def __init__(self, errors: dict[int, str]):
        super().__init__(f"{len(errors)} invalid values")
        self.errors = errors


def _apply_value(*, placeholder: Placeholder, value: str, user, now) -> bool:
    """Store a normalised value and its history row; False when nothing changed."""
    if placeholder.value == value:
        return False
    old = placeholder.value
    placeholder.value = value
    placeholder.version += 1
    placeholder.filled_by = user if value else None
    placeholder.filled_at = now if value else None
    placeholder.save(update_fields=["value", "version", "filled_by", "filled_at"])
    PlaceholderChange.objects.create(
        placeholder=placeholder,
        section_id=placeholder.section_id,
        user=user,
        old_value=old,
        new_value=value,
        version=placeholder.version,
    )
    return True


@transaction.atomic
def placeholder_fill(*, placeholder: Placeholder, value: str, user, expected_version: int | None = None) -> Placeholder:
    """Set one placeholder's value.

    Raises ValueInvalid for a value that does not fit the kind, ConflictError when
    ``expected_version`` is given and someone saved meanwhile, PermissionDeniedError
    or StateError when the user may not edit the section.
    """
    locked = Placeholder.objects.select_for_update().select_related("section__report").get(pk=placeholder.pk)
    _guard_can_fill(user=user, section=locked.section)
    normalized = normalize_value(locked.kind, value)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError("该项已被他人修改。", current=locked)
    if _apply_value(placeholder=locked, value=normalized, user=user, now=timezone.now()):
        Section.objects.filter(pk=locked.section_id).update(version=F("version") + 1)
    return locked


def _values_at_versions(versions: dict[int, int]) -> dict[int, str]:
    """placeholder id → its value at the given version ("" at version 0), where the history has it."""
    found = {pk: "" for pk, version in versions.items() if version == 0}
    wanted = {(pk, version) for pk, version in versions.items() if version}
    if wanted:
        rows = PlaceholderChange.objects.filter(
            placeholder_id__in=[pk for pk, _ in wanted], version__in=[v for _, v in wanted]
        ).values_list("placeholder_id", "version", "new_value")
        found.update({pk: value for pk, version, value in rows if (pk, version) in wanted})
    return found


@dataclass
class FillOutcome:
    """What section_fill_checked did: how many values changed, and the placeholders it left alone
    because someone saved them after the version the user saw (each the stored row, for the 409 choice)."""

    changed: int
    conflicts: list[Placeholder] = field(default_factory=list)


def section_fill(*, section: Section, values: dict[int, str], user) -> int:
    """Set several placeholders of one section at once, without version checks; returns how many changed.

    Raises FillErrors (nothing saved) when any value is invalid.
    """
    return section_fill_checked(section=section, values=values, user=user, expected_versions={}).changed


@transaction.atomic
def section_fill_checked(
    *, section: Section, values: dict[int, str], user, expected_versions: dict[int, int]
) -> FillOutcome:
    """Set the given placeholders of one section (the whole-page 「保存」): only those in ``values``.

    ``values`` maps placeholder id → typed text; placeholders not in it are left alone.
    ``expected_versions`` maps placeholder id → the version the user saw; a value whose placeholder was
    saved by someone since is not written but returned in ``conflicts`` (the same choice as a stale
    autosave: keep mine / take theirs). The other values are saved. Raises FillErrors (nothing saved)
    when any value is invalid.
    """
    section = Section.objects.select_for_update().select_related("report").get(pk=section.pk)
    _guard_can_fill(user=user, section=section)
    placeholders = {p.pk: p for p in section.placeholders.select_for_update().filter(pk__in=list(values))}
    normalized, errors = {}, {}
    for pk, text in values.items():
        placeholder = placeholders.get(pk)
        if placeholder is None:
            continue
        try:
            normalized[pk] = normalize_value(placeholder.kind, text)
        except ValueInvalid as exc:
            errors[pk] = exc.message
    if errors:
        raise FillErrors(errors)
    conflicts = []
    stale = {pk: v for pk, v in expected_versions.items() if pk in normalized and v != placeholders[pk].version}
    seen_values = _values_at_versions(stale)
    for pk in stale:
        value = normalized.pop(pk)
        # A field the user did not touch still carries the value of the version they saw: the other
        # person's newer value stands. Only a value the user changed (to something else) is a conflict.
        if value != placeholders[pk].value and value != seen_values.get(pk):
            conflicts.append(placeholders[pk])
    now = timezone.now()
    changed = sum(
        _apply_value(placeholder=placeholders[pk], value=value, user=user, now=now) for pk, value in normalized.items()
    )
    if changed:
        Section.objects.filter(pk=section.pk).update(version=F("version") + 1)
    if conflicts:
        logger.info("section %s: %d stale values not saved for %s", section.pk, len(conflicts), user)
    return FillOutcome(changed=changed, conflicts=conflicts)


@transaction.atomic
def placeholder_restore(*, change: PlaceholderChange, user, expected_version: int | None = None) -> Placeholder:
    """Set a placeholder back to the value it had right after ``change``; recorded as a new change."""
    return placeholder_fill(
        placeholder=change.placeholder, value=change.new_value, user=user, expected_version=expected_version
    )


def presence_touch(*, section: Section, user) -> None:
    """Record that ``user`` has ``section`` open now. Never blocks anyone."""
    SectionPresence.objects.update_or_create(section=section, user=user, defaults={"seen_at": timezone.now()})


def presence_leave(*, section: Section, user) -> None:
    """``user`` left ``section`` (closed the tab, went elsewhere): nobody is told they are still there."""
    SectionPresence.objects.filter(section=section, user=user).delete()


@transaction.atomic
def section_edit_body(
    *, section: Section, text: str, user, expected_version: int | None = None, confirm_drop: bool = False
) -> Section:
    """Replace a section's body text, edited with its placeholders shown as 【#n】 tokens.

    Placeholders keep their values and move with their tokens. A removed token removes its placeholder
    only with ``confirm_drop`` (recorded as a ParseCorrection holding the dropped value); without it, and
    for a repeated or unknown token, ServiceError. ConflictError when the section changed since
    ``expected_version``.
    """
    from apps.reports.services_body_markers import body_untokenize_dropping, drop_placeholders_of_edit
    from apps.reports.services_correction_history import renumber_placeholders

    section = Section.objects.select_for_update().select_related("report").get(pk=section.pk)
    _guard_can_fill(user=user, section=section)
    if expected_version is not None and section.version != expected_version:
        raise ConflictError("本节在您编辑期间已被他人修改，请刷新后重新编辑。", current=section)
    placeholders = list(section.placeholders.filter(field=Placeholder.Field.BODY).order_by("order"))
    old_tokenized = tokenize(section.body, placeholders)
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n"))
    if text == old_tokenized:
        return section
    body, offsets, dropped, text = body_untokenize_dropping(
        text=text, placeholders=placeholders, confirm_drop=confirm_drop
    )
    kept = [p for p in placeholders if p not in dropped]
    for index, placeholder in enumerate(kept):
        placeholder.offset = offsets[index]
        _recheck_glued_digits(placeholder, body)
    Placeholder.objects.bulk_update(kept, ["offset", "suspicious", "note"])
    if dropped:
        drop_placeholders_of_edit(section=section, dropped=dropped, user=user)
        renumber_placeholders(section.pk)
    section.body = body
    section.version += 1
    section.save(update_fields=["body", "version", "updated_at"])
    SectionTextChange.objects.create(
        section=section, user=user, old_text=old_tokenized, new_text=text, version=section.version
    )
    logger.info("section %s body edited by %s (v%d)", section.pk, user, section.version)
    hooks.call_all(hooks.SECTION_BODY_CHANGED, section=section)
    return section


def _recheck_glued_digits(placeholder: Placeholder, text: str) -> None:
    """Set the 请核对 flag from the text as it is now: it goes once the digits beside the blank are gone
    (and comes when an edit glues digits to it). Other notes of the parser are left as they are."""
    note = glued_digits_note(text, placeholder.offset, placeholder.offset + len(placeholder.raw))
    if note:
        placeholder.suspicious, placeholder.note = True, note[:200]
    elif placeholder.note.startswith(GLUED_NOTE_PREFIX) or (placeholder.suspicious and not placeholder.note):
        placeholder.suspicious, placeholder.note = False, ""
