from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from apps.core.models import TimeStampedModel
from apps.exporting.types import FontProfile

_DEFAULTS = FontProfile()


class ExportProfile(TimeStampedModel):
    """The fonts, bold heading levels and line spacing an organisation prints with.

    GB/T 9704 is the default (an organisation without a row exports with an
    unsaved default instance); the row is created the first time one of the
    organisation's admins saves the profile. Some units use 方正仿宋_GBK and
    the other 方正 GBK fonts, or bold the 一、 headings.
    """

    organization = models.OneToOneField(
        "accounts.Organization", on_delete=models.CASCADE, related_name="export_profile", verbose_name="机构"
    )
    title_font = models.CharField("标题字体", max_length=50, default=_DEFAULTS.title)
    body_font = models.CharField("正文字体", max_length=50, default=_DEFAULTS.body)
    level1_font = models.CharField("一级标题（一、）字体", max_length=50, default=_DEFAULTS.level1)
    level2_font = models.CharField("二级标题（（一））字体", max_length=50, default=_DEFAULTS.level2)
    level3_font = models.CharField("三级标题（1.）字体", max_length=50, default=_DEFAULTS.level3)
    level4_font = models.CharField("四级标题（（1））字体", max_length=50, default=_DEFAULTS.level4)
    latin_font = models.CharField("数字和西文字体", max_length=50, default=_DEFAULTS.latin)
    page_number_font = models.CharField("页码字体", max_length=50, default=_DEFAULTS.page_number)
    bold_level1 = models.BooleanField("一级标题加粗", default=1 in _DEFAULTS.bold_levels)
    bold_level2 = models.BooleanField("二级标题加粗", default=2 in _DEFAULTS.bold_levels)
    bold_level3 = models.BooleanField("三级标题加粗", default=3 in _DEFAULTS.bold_levels)
    bold_level4 = models.BooleanField("四级标题加粗", default=4 in _DEFAULTS.bold_levels)
    line_spacing_pt = models.DecimalField(
        "行距（磅）",
        max_digits=4,
        decimal_places=2,
        default=Decimal(_DEFAULTS.line_pitch_twips) / 20,
        validators=[MinValueValidator(Decimal(20)), MaxValueValidator(Decimal(40))],
        help_text="固定值行距。GB/T 9704 每页 22 行，约 28.95 磅。",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "导出版式"
        verbose_name_plural = "导出版式"

    def __str__(self):
        return f"{self.organization} 的导出版式"

    @property
    def bold_levels(self) -> tuple[int, ...]:
        flags = (self.bold_level1, self.bold_level2, self.bold_level3, self.bold_level4)
        return tuple(level for level, bold in enumerate(flags, start=1) if bold)

    def font_profile(self) -> FontProfile:
        """The builder's plain profile; sizes stay GB/T 9704's."""
        return FontProfile(
            title=self.title_font,
            body=self.body_font,
            level1=self.level1_font,
            level2=self.level2_font,
            level3=self.level3_font,
            level4=self.level4_font,
            latin=self.latin_font,
            page_number=self.page_number_font,
            bold_levels=self.bold_levels,
            line_pitch_twips=round(Decimal(self.line_spacing_pt) * 20),
        )


def _rendering_path(instance, filename: str) -> str:
    return f"exports/{instance.report_id}/{instance.content_key[:16]}/{filename}"


class ExportRendering(TimeStampedModel):
    """A PDF of one export (layout, draft or final) made by LibreOffice in the worker, with its first pages as PNG.

    ``content_key`` is a hash of what the export prints (the report's text and values, the
    signature, the profile, the layout): a rendering is reused until the report changes.
    Written by :mod:`apps.exporting.services_pdf` only; the page polls ``progress_*`` (htmx).
    """

    class Layout(models.TextChoices):
        STANDARD = "standard", "标准版式"
        IN_PLACE = "in_place", "按原文档回填"

    class Status(models.TextChoices):
        PENDING = "pending", "排队中"
        RENDERING = "rendering", "生成中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"
        UNAVAILABLE = "unavailable", "服务器未安装 LibreOffice"

    class Progress(models.TextChoices):
        QUEUED = "queued", "排队等待生成 PDF…"
        BUILDING = "building", "正在生成 Word 文档…"
        CONVERTING = "converting", "正在用 LibreOffice 转换为 PDF…"
        PREVIEWING = "previewing", "正在生成页面预览…"
        DONE = "done", "PDF 已生成"
        FAILED = "failed", "生成失败"

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="renderings", verbose_name="报告"
    )
    layout = models.CharField("版式", max_length=20, choices=Layout.choices, default=Layout.STANDARD)
    draft = models.BooleanField("草稿", default=True)
    content_key = models.CharField("内容摘要", max_length=64)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="申请人"
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    progress_code = models.CharField("进度代码", max_length=30, choices=Progress.choices, default=Progress.QUEUED)
    progress_percent = models.PositiveSmallIntegerField("进度", default=0)
    error_message = models.TextField("错误信息", blank=True)
    pdf = models.FileField("PDF", upload_to=_rendering_path, max_length=300, blank=True)
    page_count = models.PositiveIntegerField("页数", default=0)
    preview_pages = models.PositiveSmallIntegerField("预览页数", default=0)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "PDF 导出"
        verbose_name_plural = "PDF 导出"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "layout", "draft", "content_key"], name="export_rendering_one_per_content"
            )
        ]

    def __str__(self):
        return f"{self.report} PDF（{self.get_layout_display()}，{'草稿' if self.draft else '定稿'}）"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.UNAVAILABLE)

    @property
    def progress_label(self) -> str:
        return self.get_progress_code_display()

    def preview_name(self, page: int) -> str:
        """Storage name of the PNG of ``page`` (1-based)."""
        return f"exports/{self.report_id}/{self.content_key[:16]}/page-{page}.png"

    @property
    def preview_numbers(self) -> range:
        return range(1, self.preview_pages + 1)
