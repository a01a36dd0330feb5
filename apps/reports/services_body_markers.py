"""修改正文 removing blanks: a 【#n】 marker missing from the edited text removes that blank, after confirmation.

Called by services.section_edit_body; each removed blank is one ParseCorrection (``edit_drop``) holding its
value, undoable like 不是待填项.
"""

from __future__ import annotations

from apps.core.errors import ServiceError
from apps.reports.models import ParseCorrection, Placeholder, Section
from apps.reports.services_correction_history import record_correction
from apps.reports.services_corrections import describe_placeholder, drop_placeholder
from apps.reports.tokens import TOKEN_RE, TokenError, token, untokenize


def body_untokenize_dropping(
    *, text: str, placeholders: list[Placeholder], confirm_drop: bool
) -> tuple[str, dict[int, int], list[Placeholder], str]:
    """Like tokens.untokenize, but a missing 【#n】 means the user removes that blank.

    Returns (body, {index among the kept placeholders → offset}, dropped placeholders, text renumbered for the
    kept ones). Without ``confirm_drop`` a missing marker raises ServiceError ``confirm_drop`` naming the
    blanks and the values that would be dropped; unknown or repeated markers raise as before.
    """
    ordered = sorted(placeholders, key=lambda p: p.order)
    present = {int(n) for n in TOKEN_RE.findall(text)}
    missing = [n for n in range(1, len(ordered) + 1) if n not in present]
    if not missing:
        try:
            body, offsets = untokenize(text, ordered)
        except TokenError as exc:
            raise ServiceError(exc.message, code="tokens") from exc
        return body, offsets, [], text
    try:  # unknown or repeated markers are refused whatever is missing
        untokenize(text + "".join(token(n) for n in missing), ordered)
    except TokenError as exc:
        raise ServiceError(exc.message, code="tokens") from exc
    dropped = [ordered[n - 1] for n in missing]
    if not confirm_drop:
        names = "、".join(
            f"{token(n)}“{describe_placeholder(ordered[n - 1])}”"
            + (f"（已填写“{ordered[n - 1].display_value}”）" if ordered[n - 1].value else "")
            for n in missing
        )
        raise ServiceError(
            f"您删除了待填项标记 {names}。如确认这些不是待填项，请勾选“确认删除这些待填项”后再保存"
            "（已填写的值将被丢弃，修改记录中仍可查看）。",
            code="confirm_drop",
        )
    kept = [p for i, p in enumerate(ordered, start=1) if i not in missing]
    new_number = {ordered.index(p) + 1: i for i, p in enumerate(kept, start=1)}
    renumbered = TOKEN_RE.sub(lambda m: token(new_number[int(m.group(1))]), text)
    try:
        body, offsets = untokenize(renumbered, kept)
    except TokenError as exc:
        raise ServiceError(exc.message, code="tokens") from exc
    return body, offsets, dropped, renumbered


def drop_placeholders_of_edit(*, section: Section, dropped: list[Placeholder], user) -> None:
    """Delete the blanks whose markers a body edit removed; one history row each, their values kept in it."""
    for placeholder in dropped:
        value = f"，丢弃已填写的“{placeholder.display_value}”" if placeholder.value else ""
        snapshot = drop_placeholder(placeholder)
        record_correction(
            section=section,
            user=user,
            action=ParseCorrection.Action.EDIT_DROP,
            summary=f"修改正文时删除待填项“{describe_placeholder(placeholder)}”{value}",
            before={"placeholder": snapshot},
            after={},
        )
