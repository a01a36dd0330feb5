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
