import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row, Submit
from django import forms

from apps.exporting.models import ExportProfile
from apps.exporting.services import PROFILE_FIELDS
from apps.reports.models import Report

# A font name goes into the document as it is typed: letters, digits, CJK,
# spaces and the punctuation real font names use (方正仿宋_GBK, Times New Roman).
_FONT_NAME = re.compile(r"^[\w\u3400-\u9fff ()（）.\-+]+$")


class ReportSignatureForm(forms.ModelForm):
    """The signing body and date printed at the end of the standard export."""

    class Meta:
        model = Report
        fields = ["signer", "sign_date"]
        widgets = {"sign_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "signer": "发文机关署名，例如“XX县人民政府”。留空则不打印落款。",
            "sign_date": "印在落款下方，格式为“2019年1月8日”。留空则使用导出当天的日期。",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "保存"))


class ExportProfileForm(forms.ModelForm):
    """Fonts, bold heading levels and line spacing of the organisation's exports."""

    class Meta:
        model = ExportProfile
        fields = list(PROFILE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                "字体",
                Row(Column("title_font"), Column("body_font")),
                Row(Column("level1_font"), Column("level2_font")),
                Row(Column("level3_font"), Column("level4_font")),
                Row(Column("latin_font"), Column("page_number_font")),
            ),
            Fieldset(
                "标题加粗",
                HTML('<p class="form-text">GB/T 9704 只规定字体，不规定加粗；默认均不加粗。</p>'),
                Row(Column("bold_level1"), Column("bold_level2"), Column("bold_level3"), Column("bold_level4")),
            ),
            Fieldset("行距", "line_spacing_pt"),
        )
        self.helper.add_input(Submit("submit", "保存"))

    def _clean_font(self, name):
        value = self.cleaned_data[name].strip()
        if not _FONT_NAME.match(value):
            raise forms.ValidationError("字体名称只能包含文字、数字、空格、下划线和连字符。")
        return value

    def clean(self):
        cleaned = super().clean()
        for name in PROFILE_FIELDS:
            if name.endswith("_font") and name in cleaned:
                try:
                    cleaned[name] = self._clean_font(name)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return cleaned
