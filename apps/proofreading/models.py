from django.conf import settings
from django.db import models

from apps.core.models import TimeStampedModel


class Suggestion(TimeStampedModel):
    """A proofreading suggestion (校对建议) for a span of a section's body, heading or heading number.

    Computed by :mod:`apps.parsing.proofread` after the parse (``report_parsed`` hook) and again for a
    section whenever its body changes (``section_body_changed``): the open suggestions of the section
    are then replaced, rejected ones are not offered again for the same text.

    Status (apps.proofreading.services):
        待处理 (open) ──suggestion_accept (through 修改正文's service, or 修改标题's for a heading)──► 已接受 (accepted)
        待处理 ──suggestion_reject──► 已忽略 (rejected)
    ``start``/``end`` are offsets into the body (or heading) at ``section_version``; ``before``/``after`` the
    text around the span then, checked again before anything is applied.
    """

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        ACCEPTED = "accepted", "已接受"
        REJECTED = "rejected", "已忽略"

    class Kind(models.TextChoices):
        CONVERTER = "converter", "疑似格式转换错词"
        HALFWIDTH = "halfwidth", "中文中的半角标点"
        UNPAIRED = "unpaired", "标点不成对"
        PERCENT = "percent", "百分号全角半角混用"
        DOUBLED = "doubled", "重复字词"
        SPACE = "space", "中文中的多余空格"
        GLUED = "glued", "待填项与数字相连"

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="proof_suggestions", verbose_name="报告"
    )
    section = models.ForeignKey(
        "reports.Section", on_delete=models.CASCADE, related_name="proof_suggestions", verbose_name="章节"
    )

    class Field(models.TextChoices):
        MARKER = "marker", "标题序号"
        HEADING = "heading", "标题"
        BODY = "body", "正文"

    field = models.CharField("位置", max_length=10, choices=Field.choices, default=Field.BODY)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    original = models.CharField("原文", max_length=200)
    replacement = models.CharField("建议改为", max_length=200, blank=True)
    # True when the slip is only pointed out: no correction can be proposed safely.
    flag_only = models.BooleanField("仅提示", default=False)
    reason = models.CharField("原因", max_length=200)
    start = models.PositiveIntegerField("起点")
    end = models.PositiveIntegerField("终点")
    confidence = models.FloatField("可信度", default=0.0)
    before = models.CharField("前文", max_length=20, blank=True)
    after = models.CharField("后文", max_length=20, blank=True)
    section_version = models.PositiveIntegerField("章节版本")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "校对建议"
        verbose_name_plural = "校对建议"
        ordering = ["section__order", "-field", "start"]
        indexes = [models.Index(fields=["report", "status"]), models.Index(fields=["section", "status"])]

    def __str__(self):
        return f"{self.original}→{self.replacement or '？'}"

    def text_of(self, section) -> str:
        """The text this suggestion points into: the section's heading or body."""
        if self.field == self.Field.MARKER:
            return section.marker
        return section.heading if self.field == self.Field.HEADING else section.body
