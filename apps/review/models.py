from django.conf import settings
from django.db import models

from apps.reports.models import SectionStatus


class SectionTransition(models.Model):
    """One step of a section's workflow: who moved it from which state to which, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "提交审核"
        APPROVE = "approve", "审核通过"
        RETURN = "return", "退回修改"
        REOPEN = "reopen", "重新打开"

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
