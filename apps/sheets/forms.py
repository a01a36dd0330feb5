from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from apps.reports.models import Report


class SheetUploadForm(forms.Form):
    file = forms.FileField(
        label="填好的指标表",
        help_text=(
            "本系统导出的“指标表.xlsx”，或统计部门的报表（含“指标名称”“本期”“同比增长”“位次”等列）；仅支持 .xlsx。"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_enctype = "multipart/form-data"
        self.helper.form_id = "sheet-upload-form"
        self.helper.add_input(Submit("submit", "上传并预览"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的工作簿（WPS/Excel 中“另存为 Excel 工作簿”）。")
        return upload


class PredecessorForm(forms.Form):
    source_report = forms.ModelChoiceField(
        label="系统中的上年报告", queryset=Report.objects.none(), required=False, empty_label="（不选）"
    )
    file = forms.FileField(
        label="或上传上年报告（.docx / .txt）",
        required=False,
        help_text="已定稿的上年报告原文，系统从中读取各项指标的数值、增速和位次。",
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_report"].queryset = Report.objects.filter(
            organization=report.organization, deleted_at=None
        ).exclude(pk=report.pk)
        self.helper = FormHelper()
        self.helper.form_enctype = "multipart/form-data"
        self.helper.form_id = "predecessor-form"
        self.helper.add_input(Submit("submit", "保存上年报告"))

    def clean(self):
        data = super().clean()
        if bool(data.get("source_report")) == bool(data.get("file")):
            raise forms.ValidationError("请选择一份系统中的报告，或上传一个文件（二选一）。")
        return data
