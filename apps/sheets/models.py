from django.conf import settings
from django.db import models

from apps.core.models import TimeStampedModel


class Predecessor(TimeStampedModel):
    """Last year's report of a report: another report of the organisation (read live), or a finished report
    uploaded for reference, whose figures were read once on upload (``figures``: a list of
    apps.sheets.figures.Figure dicts). Set and replaced by apps.sheets.services.predecessor_set (audited here:
    who set it and when)."""

    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, related_name="predecessor_link", verbose_name="报告"
    )
    source_report = models.ForeignKey(
        "reports.Report", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="上年报告"
    )
    original_name = models.CharField("上传文件名", max_length=255, blank=True)
    figures = models.JSONField("上年数据", default=list, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = "上年报告"
        verbose_name_plural = "上年报告"

    def __str__(self):
        return f"{self.report} ← {self.source_report or self.original_name}"

    @property
    def source_name(self) -> str:
        return self.source_report.title if self.source_report_id else self.original_name


class SheetImport(TimeStampedModel):
    """An uploaded indicator sheet and what it proposes to fill.

    Status: 待确认 (preview) ──sheet_import_confirm──► 已导入 (applied); 待确认 ──sheet_import_cancel──► 已取消.
    Nothing is written to the report before the confirmation; each value then goes through the fill service.
    ``proposals``: one dict per value (placeholder id, section, label, value, confidence, current value and
    version at preview, conflict, allowed); ``problems``: one message per bad row; ``unmatched_rows`` /
    ``unmatched_indicators``: names on either side that found no partner; ``outcome``: what the confirmation did.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", "待确认"
        APPLIED = "applied", "已导入"
        CANCELLED = "cancelled", "已取消"

    class Layout(models.TextChoices):
        APP = "app", "本系统导出的指标表"
        BUREAU = "bureau", "统计部门报表"

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="sheet_imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    original_name = models.CharField("文件名", max_length=255)
    layout = models.CharField("格式", max_length=20, choices=Layout.choices)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PREVIEW)
    proposals = models.JSONField(default=list, blank=True)
    problems = models.JSONField(default=list, blank=True)
    unmatched_rows = models.JSONField(default=list, blank=True)
    unmatched_indicators = models.JSONField(default=list, blank=True)
    outcome = models.JSONField(default=dict, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    applied_at = models.DateTimeField("导入时间", null=True, blank=True)

    class Meta:
        verbose_name = "指标表导入"
        verbose_name_plural = "指标表导入"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.original_name}（{self.get_status_display()}）"
