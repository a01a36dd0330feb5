from django.conf import settings
from django.db import models
from django.urls import reverse

from apps.core.models import TimeStampedModel


class Notification(TimeStampedModel):
    """A message to one user, shown in the inbox and (when they have an address) sent by e-mail.

    E-mail status (apps.notifications.services, docs/adr/0013-notifications.md):
        待发送 (pending) ──claim (attempts + 1)──► 发送中 (sending) ──► 已发送 (sent)
                                                             ├──► 待发送 (transient error, attempts left: retried later)
                                                             └──► 发送失败 (failed: refused, attempts used up,
                                                                  or stuck in sending: 结果未知, never re-sent)
    无邮箱 (none) when the recipient has no address. Only pending rows are claimed, and the claim commits
    before the message leaves, so nothing is sent twice.
    """

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", "分配"
        SUBMITTED = "submitted", "提交审核"
        RETURNED = "returned", "退回修改"
        APPROVED = "approved", "审核通过"
        COMMENT = "comment", "批注"
        REVISED = "revised", "新版草稿"

    class EmailStatus(models.TextChoices):
        PENDING = "pending", "待发送"
        SENDING = "sending", "发送中"
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"
        NONE = "none", "无邮箱"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name="接收人"
    )
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name="机构"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="操作人"
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, null=True, related_name="+")
    section = models.ForeignKey("reports.Section", on_delete=models.CASCADE, null=True, related_name="+")
    title = models.CharField("标题", max_length=300)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=500, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)
    email_status = models.CharField("邮件", max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    emailed_at = models.DateTimeField("发送时间", null=True, blank=True)
    email_error = models.CharField("发送错误", max_length=500, blank=True)
    email_attempts = models.PositiveSmallIntegerField("发送次数", default=0)
    email_claimed_at = models.DateTimeField("开始发送", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_status", "updated_at"], name="notification_email_due"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("notifications:open", args=[self.pk])

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
