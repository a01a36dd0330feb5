from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from apps.core.models import TimeStampedModel
from apps.reports.models import SectionStatus


class SectionTransition(models.Model):
    """One step of a section's workflow: who moved it from which state to which, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "提交审核"
        APPROVE = "approve", "审核通过"
        RETURN = "return", "退回修改"
        REOPEN = "reopen", "重新打开"
        WITHDRAW = "withdraw", "撤回提交"

    section = models.ForeignKey("reports.Section", on_delete=models.CASCADE, related_name="transitions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    from_status = models.CharField("原状态", max_length=20, choices=SectionStatus.choices)
    to_status = models.CharField("新状态", max_length=20, choices=SectionStatus.choices)
    comment = models.TextField("意见", blank=True)
    section_version = models.PositiveIntegerField("章节版本")
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.section}: {self.get_action_display()}"


class Assignment(TimeStampedModel):
    """Who fills a section: a department (责任单位), a person, or both, with an optional due date.

    One row per section; assigning a whole ``一、`` part writes a row for it and each of its
    sub-sections. A section without a row belongs to the general office: any drafter may fill it.
    """

    section = models.OneToOneField(
        "reports.Section", on_delete=models.CASCADE, related_name="assignment", verbose_name="章节"
    )
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="assignments", verbose_name="报告"
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name="责任单位",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name="负责人",
    )
    due_date = models.DateField("完成期限", null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="分配人"
    )

    class Meta:
        verbose_name = "分配"
        verbose_name_plural = "分配"
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=False) | Q(assignee__isnull=False), name="assignment_has_a_target"
            )
        ]

    def __str__(self):
        return f"{self.section} → {self.target_display}"

    @property
    def target_display(self) -> str:
        parts = [str(p) for p in (self.department, self.assignee) if p is not None]
        return " · ".join(parts)

    @property
    def is_overdue(self) -> bool:
        """Past its due date and not yet approved."""
        return (
            self.due_date is not None
            and self.due_date < timezone.localdate()
            and self.section.status != SectionStatus.APPROVED
        )


class AssignmentChange(models.Model):
    """One change of a section's assignment (set or cleared), written with it by services_assignment.

    ``target`` and ``previous`` are the displayed targets at the time, so the record survives the
    deletion of a department or a user.
    """

    class Action(models.TextChoices):
        SET = "set", "分配"
        CLEAR = "clear", "取消分配"

    section = models.ForeignKey(
        "reports.Section", on_delete=models.CASCADE, related_name="assignment_changes", verbose_name="章节"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="操作人"
    )
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    due_date = models.DateField("完成期限", null=True, blank=True)
    target = models.CharField("分配给", max_length=300, blank=True)
    previous = models.CharField("原分配", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "分配记录"
        verbose_name_plural = "分配记录"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.section}: {self.get_action_display()} {self.target}"


class PlaceholderLeftOpen(models.Model):
    """A placeholder the drafter left empty on purpose when submitting, with the reason.

    Only matters while the placeholder is empty; filling it makes the mark moot.
    """

    placeholder = models.OneToOneField(
        "reports.Placeholder", on_delete=models.CASCADE, related_name="left_open", verbose_name="待填项"
    )
    section = models.ForeignKey(
        "reports.Section", on_delete=models.CASCADE, related_name="left_open", verbose_name="章节"
    )
    reason = models.TextField("留空原因")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "有意留空"
        verbose_name_plural = "有意留空"

    def __str__(self):
        return f"{self.placeholder}: {self.reason}"


class Comment(TimeStampedModel):
    """A remark on a section or on one of its placeholders; answered by replies, closed by resolving.

    Replies have ``parent`` set (one level deep) and are resolved with their thread.
    """

    section = models.ForeignKey(
        "reports.Section", on_delete=models.CASCADE, related_name="comments", verbose_name="章节"
    )
    placeholder = models.ForeignKey(
        "reports.Placeholder",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="待填项",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies", verbose_name="回复对象"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="作者"
    )
    body = models.TextField("内容")
    resolved_at = models.DateTimeField("解决时间", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "批注"
        verbose_name_plural = "批注"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["section", "resolved_at"])]

    def __str__(self):
        return self.body[:40]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
