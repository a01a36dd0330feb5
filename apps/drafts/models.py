import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse

from apps.core.models import TimeStampedModel


def _upload_path(instance, filename):
    # A generated name: the user's file name is kept in original_name only,
    # so nothing a user names can traverse paths or be served as something else.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"drafts/{instance.organization_id}/{uuid.uuid4().hex}{suffix}"


class DraftUpload(TimeStampedModel):
    """An uploaded draft and the state of its parse.

    Transitions: pending → parsing → parsed (report set) or failed (error message set).
    A re-delivered task finds ``parsed``/``failed`` and does nothing. A delivery that finds the
    upload ``parsing`` under another delivery's fresh lease (``parse_token``, ``parse_started_at``)
    leaves it alone. The sweeper (``draft_sweep_run``) moves ``parsing`` past its lease back to
    ``pending`` and re-enqueues it (or ends it ``failed`` once ``attempts`` reached the cap), and
    re-enqueues ``pending`` uploads whose message was lost (``enqueued_at``, ``requeues``).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "排队中"
        PARSING = "parsing", "解析中"
        PARSED = "parsed", "已完成"
        FAILED = "failed", "失败"

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="uploads", verbose_name="机构"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="上传人"
    )
    file = models.FileField("文件", upload_to=_upload_path, max_length=300)
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    title = models.CharField("报告标题", max_length=300, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)

    class Progress(models.TextChoices):
        """Where a parse is, shown to the user as the label while the page polls."""

        QUEUED = "queued", "排队等待解析…"
        READING = "reading", "正在读取文件…"
        PARSING = "parsing", "正在解析文档结构…"
        SAVING = "saving", "正在保存章节和待填项…"
        DONE = "done", "解析完成"
        FAILED = "failed", "解析失败"

    progress_code = models.CharField("进度代码", max_length=30, choices=Progress.choices, default=Progress.QUEUED)
    progress_percent = models.PositiveSmallIntegerField("进度", default=0)
    error_code = models.CharField("错误代码", max_length=50, blank=True)
    error_message = models.TextField("错误信息", blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    parse_token = models.CharField("解析令牌", max_length=64, blank=True)
    parse_started_at = models.DateTimeField("开始解析时间", null=True, blank=True)
    # "<celery node name>#<incarnation>": the worker process tree that claimed the parse. When a
    # worker with that node name starts again, a parse claimed by an earlier incarnation died with it.
    parse_node = models.CharField("解析进程", max_length=200, blank=True)
    enqueued_at = models.DateTimeField("入队时间", null=True, blank=True)
    requeues = models.PositiveSmallIntegerField("重新入队次数", default=0)
    report = models.ForeignKey(
        "reports.Report", on_delete=models.SET_NULL, null=True, blank=True, related_name="uploads", verbose_name="报告"
    )
    # 上传新版草稿: the parse is merged into ``report`` (reports.services_revision), keeping typed values;
    # ``revision`` is the record of what was carried, dropped and new (the summary page).
    is_revision = models.BooleanField("新版草稿", default=False)
    revision = models.ForeignKey(
        "reports.ReportChange",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="合并记录",
    )

    class Meta:
        verbose_name = "上传草稿"
        verbose_name_plural = "上传草稿"
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("drafts:upload_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.PARSED, self.Status.FAILED)

    @property
    def progress_label(self) -> str:
        return self.get_progress_code_display()
