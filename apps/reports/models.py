from django.conf import settings
from django.db import models
from django.urls import reverse

from apps.core.models import TimeStampedModel, UndoableChange


class Report(TimeStampedModel):
    """A report being filled and reviewed (年度工作总结, 述职报告, 工作谋划 …).

    Status (apps.reports.services, each step a ReportTransition row):
        编辑中 (drafting) ──report_finalize (every section approved and filled, by POST)──► 已定稿 (finalized)
        已定稿 ──report_back_to_drafting (a section returned or reopened)──► 编辑中
    Exporting only reads: the final version can be downloaded once the report is finalized.
    """

    class Status(models.TextChoices):
        DRAFTING = "drafting", "编辑中"
        FINALIZED = "finalized", "已定稿"

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="reports", verbose_name="机构"
    )
    title = models.CharField("标题", max_length=300)
    year = models.PositiveIntegerField("年度", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFTING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="创建人"
    )
    signer = models.CharField("落款单位", max_length=200, blank=True)
    sign_date = models.DateField("成文日期", null=True, blank=True)
    parse_warnings = models.JSONField("解析提示", default=list, blank=True)
    # The uploaded file the report was (last) parsed from, copied here by drafts so that the home page tells two
    # uploads of one draft apart without reports reading drafts' rows.
    source_name = models.CharField("原文件名", max_length=255, blank=True)
    source_uploaded_at = models.DateTimeField("上传时间", null=True, blank=True)
    source_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="上传人",
    )
    # Soft delete (apps/reports/services_lifecycle.py): in the 回收站 until restored or purged after
    # settings.REPORT_RETENTION_DAYS. Every selector leaves a deleted report out; its URLs answer 410.
    deleted_at = models.DateTimeField("删除时间", null=True, blank=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="删除人",
    )

    class Meta:
        verbose_name = "报告"
        verbose_name_plural = "报告"
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class SectionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    APPROVED = "approved", "已通过"
    RETURNED = "returned", "已退回"


class Section(TimeStampedModel):
    """A heading and the text under it.

    Transitions (apps.review.services): 草稿/已退回 → 待审核 (submit) → 已通过 (approve)
    or 已退回 (return, with a comment); 待审核 → 草稿/已退回 (withdraw, before anyone reviewed it);
    已通过 → 草稿 (reopen, reviewers only). Values and text can be changed only in 草稿 and 已退回:
    a submitted section is locked until it is returned or withdrawn, so reviewers approve what they saw.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections", verbose_name="报告")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name="上级"
    )
    order = models.PositiveIntegerField("顺序")
    level = models.PositiveSmallIntegerField("层级")  # 0 = preamble, 1..4 = 一、/（一）/1./（1）
    number = models.CharField("序号", max_length=20, blank=True)
    marker = models.CharField("序号原文", max_length=20, blank=True)
    heading = models.TextField("标题", blank=True)
    heading_end = models.CharField("标题结尾", max_length=4, blank=True)
    inline_body = models.BooleanField("正文与标题同段", default=False)
    body = models.TextField("正文", blank=True)
    status = models.CharField("状态", max_length=20, choices=SectionStatus.choices, default=SectionStatus.DRAFT)
    version = models.PositiveIntegerField("版本", default=1)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "章节"
        verbose_name_plural = "章节"
        ordering = ["report", "order"]
        constraints = [models.UniqueConstraint(fields=["report", "order"], name="section_unique_order")]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("reports:section_detail", args=[self.report_id, self.pk])

    @property
    def display_heading(self) -> str:
        return f"{self.marker}{self.heading}" if self.level else ""

    @property
    def display_name(self) -> str:
        """How the section is named in lists, messages and notifications: its heading, or 导语 for the preamble."""
        return self.display_heading or "导语"

    @property
    def is_editable(self) -> bool:
        return self.status in (SectionStatus.DRAFT, SectionStatus.RETURNED)


class Indicator(models.Model):
    """A statistical indicator (全县 + 生产总值) whose value, growth and rank are placeholders."""

    class Period(models.TextChoices):
        ACTUAL = "actual", "实际"
        FORECAST = "forecast", "预计"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="indicators", verbose_name="报告")
    order = models.PositiveIntegerField("顺序")
    name = models.CharField("指标", max_length=100)
    scope = models.CharField("范围", max_length=50, blank=True)
    unit = models.CharField("单位", max_length=30, blank=True)
    period = models.CharField("时期", max_length=20, choices=Period.choices, default=Period.ACTUAL)

    class Meta:
        verbose_name = "指标"
        verbose_name_plural = "指标"
        ordering = ["report", "order"]

    def __str__(self):
        return f"{self.scope}{self.name}"


class PlaceholderKind(models.TextChoices):
    NUMBER = "number", "数值"
    PERCENT = "percent", "百分比"
    RANK = "rank", "位次"
    YEAR = "year", "年份"
    DATE = "date", "日期"
    NAME = "name", "名称"
    TEXT = "text", "文字"


class Placeholder(models.Model):
    """A value still to be filled, at ``offset`` in its section's heading or body.

    ``raw`` is what the draft wrote (``XX``) or "" for an implicit blank. ``value``
    is the normalised value typed by a user ("" while empty). Every change goes
    through ``placeholder_fill`` which writes a PlaceholderChange row.
    """

    class Field(models.TextChoices):
        TITLE = "title", "报告标题"  # only in the preamble section (level 0)
        HEADING = "heading", "标题"
        BODY = "body", "正文"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="placeholders", verbose_name="章节")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="placeholders", verbose_name="报告")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="placeholders", verbose_name="指标"
    )
    order = models.PositiveIntegerField("顺序")
    raw = models.TextField("原文", blank=True)  # a run of X or ＿ may be as long as a paragraph
    kind = models.CharField("类型", max_length=20, choices=PlaceholderKind.choices)
    unit = models.CharField("单位", max_length=30, blank=True)
    implicit = models.BooleanField("隐含空缺", default=False)
    field = models.CharField("位置", max_length=10, choices=Field.choices, default=Field.BODY)
    offset = models.PositiveIntegerField("偏移")
    label = models.CharField("标签", max_length=200, blank=True)
    role = models.CharField("作用", max_length=20, blank=True)
    suspicious = models.BooleanField("可疑", default=False)
    note = models.CharField("说明", max_length=200, blank=True)
    value = models.CharField("填写值", max_length=2000, blank=True)
    version = models.PositiveIntegerField("版本", default=0)
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filled_at = models.DateTimeField("填写时间", null=True, blank=True)

    class Meta:
        verbose_name = "待填项"
        verbose_name_plural = "待填项"
        ordering = ["section", "order"]
        indexes = [models.Index(fields=["report", "value"])]

    def __str__(self):
        return self.short_label

    @property
    def short_label(self) -> str:
        """How the blank is named in lists and messages: its label, else what the draft wrote, else 空缺."""
        return self.label or self.raw or "空缺"

    @property
    def is_filled(self) -> bool:
        return self.value != ""

    @property
    def unit_hint(self) -> str:
        """What the export adds after the value: "%" for a percent whose sentence has no % sign."""
        return "%" if self.kind == PlaceholderKind.PERCENT and self.unit != "%" else ""

    @property
    def full_label(self) -> str:
        label = self.label or self.get_kind_display()
        unit = self.unit or self.unit_hint
        return label if not unit or unit in label else f"{label}（{unit}）"

    @property
    def display_value(self) -> str:
        """The value as it is printed in the report."""
        if not self.value:
            return self.raw
        if self.kind == PlaceholderKind.PERCENT and self.unit != "%":
            return f"{self.value}%"
        return self.value


class PlaceholderChange(models.Model):
    """One change of a placeholder's value: who, when, before, after. Written in the same transaction."""

    placeholder = models.ForeignKey(Placeholder, on_delete=models.CASCADE, related_name="changes")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="value_changes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    old_value = models.CharField("原值", max_length=2000, blank=True)
    new_value = models.CharField("新值", max_length=2000, blank=True)
    version = models.PositiveIntegerField("版本")
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "填写记录"
        verbose_name_plural = "填写记录"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.placeholder}: {self.old_value!r} → {self.new_value!r}"


class SectionPresence(models.Model):
    """Who has a section open, refreshed by the page while it stays open. Informs, never locks."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField("最近活动")

    class Meta:
        verbose_name = "正在编辑"
        verbose_name_plural = "正在编辑"
        constraints = [models.UniqueConstraint(fields=["section", "user"], name="presence_unique_user")]

    def __str__(self):
        return f"{self.user} @ {self.section}"


class SectionTextChange(models.Model):
    """One edit of a section's heading or body text. Texts are stored with placeholders as 【#n】 tokens
    (n = the placeholder's position in the section), so any earlier state can be rebuilt with any values."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="text_changes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    old_text = models.TextField("原文")
    new_text = models.TextField("新文")
    version = models.PositiveIntegerField("章节版本")
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "正文修改记录"
        verbose_name_plural = "正文修改记录"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.section} v{self.version}"


class ReportTransition(models.Model):
    """One change of a report's status: who, from which to which, and why. Written in the same transaction."""

    class Action(models.TextChoices):
        FINALIZE = "finalize", "定稿"
        REOPEN = "reopen", "退回编辑"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions", verbose_name="报告")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    from_status = models.CharField("原状态", max_length=20, choices=Report.Status.choices)
    to_status = models.CharField("新状态", max_length=20, choices=Report.Status.choices)
    comment = models.TextField("原因", blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "报告状态记录"
        verbose_name_plural = "报告状态记录"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.report}: {self.get_action_display()}"


class ParseCorrection(UndoableChange):
    """One correction of what the parse found (a blank dismissed, added or retyped; a heading moved): who, when,
    before, after. Written in the same transaction (apps/reports/services_corrections.py, services_structure.py).

    ``before``/``after`` are JSON snapshots of what changed, enough to undo it.
    """

    class Action(models.TextChoices):
        DISMISS = "dismiss", "不是待填项"
        ADD = "add", "添加待填项"
        RETYPE = "retype", "修改类型和单位"
        EDIT_DROP = "edit_drop", "修改正文时删除待填项"
        LEVEL = "level", "调整标题层级"
        HEADING = "heading", "修改标题"
        SPLIT = "split", "段落改为标题"
        MERGE = "merge", "标题改为正文"
        UNDO = "undo", "撤销"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="corrections", verbose_name="报告")
    # SET_NULL: a merge deletes a section, and its history must outlive it.
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="corrections", verbose_name="章节"
    )
    action = models.CharField("操作", max_length=20, choices=Action.choices)

    class Meta:
        verbose_name = "解析纠正记录"
        verbose_name_plural = "解析纠正记录"
        ordering = ["-created_at", "-id"]

    @property
    def can_undo(self) -> bool:
        return self.action not in (self.Action.UNDO, self.Action.EDIT_DROP) and self.undone_at is None


class ReportChange(UndoableChange):
    """One change of the report itself: its title or year, its deletion or restoration, a revised draft.
    Who, when, before, after, written in the same transaction (apps/reports/services_lifecycle.py).

    A title or year change is undone from the history (``undone_at``/``undone_by`` set, and a row of its own
    with action ``undo`` and ``undo_of`` pointing here). A revised draft's row keeps in ``after`` what was
    carried, dropped (with the old value) and new, so that no typed value is lost without a trace.
    """

    class Action(models.TextChoices):
        TITLE = "title", "修改标题"
        YEAR = "year", "修改年度"
        DELETE = "delete", "删除"
        RESTORE = "restore", "恢复"
        REVISE = "revise", "上传新版草稿"
        UNDO = "undo", "撤销"

    UNDOABLE = (Action.TITLE, Action.YEAR)

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="changes", verbose_name="报告")
    action = models.CharField("操作", max_length=20, choices=Action.choices)

    class Meta:
        verbose_name = "报告修改记录"
        verbose_name_plural = "报告修改记录"
        ordering = ["-created_at", "-id"]

    @property
    def can_undo(self) -> bool:
        return self.action in self.UNDOABLE and self.undone_at is None
