"""Comments on sections and placeholders: add, answer, resolve. Each notifies the people concerned on commit."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from apps.core.errors import PermissionDeniedError, ServiceError, StateError
from apps.reports.models import Placeholder, Section
from apps.review import notify
from apps.review.models import Comment, SectionTransition
from apps.review.permissions import section_membership

MAX_BODY = 2000


def _clean_body(body: str | None) -> str:
    body = (body or "").strip()
    if not body:
        raise ServiceError("请填写批注内容。", code="body_required")
    if len(body) > MAX_BODY:
        raise ServiceError(f"批注最多 {MAX_BODY} 个字。")
    return body


def _recipients(*, comment: Comment) -> list:
    """The section's workers, everyone in the thread, and the reviewers who acted on the section."""
    section = comment.section
    root_id = comment.parent_id or comment.pk
    thread_authors = [c.author for c in Comment.objects.filter(pk=root_id).select_related("author")] + [
        c.author for c in Comment.objects.filter(parent_id=root_id).select_related("author")
    ]
    reviewers = [
        t.user
        for t in SectionTransition.objects.filter(
            section=section, action__in=[SectionTransition.Action.APPROVE, SectionTransition.Action.RETURN]
        ).select_related("user")
    ]
    return notify.section_workers(section) + thread_authors + reviewers


@transaction.atomic
def comment_create(*, section: Section, user, body: str, placeholder: Placeholder | None = None) -> Comment:
    """Any member of the organisation comments on a section, or on one placeholder of it."""
    section = Section.objects.select_related("report", "submitted_by").get(pk=section.pk)
    section_membership(user=user, section=section)
    body = _clean_body(body)
    if placeholder is not None and placeholder.section_id != section.pk:
        raise ServiceError("该待填项不在本节中。", code="placeholder_elsewhere")
    comment = Comment.objects.create(section=section, placeholder=placeholder, author=user, body=body)
    notify.notify_comment(comment=comment, actor=user, recipients=_recipients(comment=comment))
    return comment


@transaction.atomic
def comment_reply(*, comment: Comment, user, body: str) -> Comment:
    """Answer a comment; the reply joins the thread of the comment answered (threads are one level deep)."""
    root = Comment.objects.select_related("section__report", "section__submitted_by").get(
        pk=comment.parent_id or comment.pk
    )
    section_membership(user=user, section=root.section)
    body = _clean_body(body)
    if root.is_resolved:
        raise StateError("该批注已解决，不能再回复。", code="resolved")
    reply = Comment.objects.create(
        section=root.section, placeholder=root.placeholder, parent=root, author=user, body=body
    )
    notify.notify_comment(comment=reply, actor=user, recipients=_recipients(comment=reply))
    return reply


@transaction.atomic
def comment_resolve(*, comment: Comment, user) -> Comment:
    """Close a thread: by its author or by a reviewer. Resolving twice is refused (StateError)."""
    root = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("section__report")
        .get(pk=comment.parent_id or comment.pk)
    )
    membership = section_membership(user=user, section=root.section)
    if not (membership.can_review or root.author_id == user.pk):
        raise PermissionDeniedError("只有批注的作者或审核人可以将其标为已解决。")
    if root.is_resolved:
        raise StateError("该批注已经解决。", code="resolved")
    root.resolved_at = timezone.now()
    root.resolved_by = user
    root.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    return root
