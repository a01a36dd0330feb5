from pathlib import PurePath

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from apps.drafts.services import ALLOWED_SUFFIXES


class DraftUploadForm(forms.Form):
    file = forms.FileField(
        label="草稿文件",
        help_text="支持 .docx 和 .txt（UTF-8、GBK/GB18030、UTF-16 均可）；.doc/.wps 请先另存为 .docx。",
    )
    title = forms.CharField(label="报告标题", max_length=300, required=False, help_text="留空则使用文档中的标题。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_enctype = "multipart/form-data"
        self.helper.add_input(Submit("submit", "上传并解析"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = PurePath(upload.name).suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(f"不支持“{suffix or '无扩展名'}”格式，请上传 .docx 或 .txt 文件。")
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                f"文件过大（{filesizeformat(upload.size)}），上限为 {filesizeformat(settings.UPLOAD_MAX_BYTES)}。"
            )
        return upload
