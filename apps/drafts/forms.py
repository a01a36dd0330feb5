import logging

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from apps.drafts.services import parse_options
from apps.parsing import ParseError
from apps.parsing.screening import FileRejected, check_suffix, screen_draft

logger = logging.getLogger(__name__)


class DraftUploadForm(forms.Form):
    """The upload form. ``clean_file`` screens the content (apps.parsing.screening) for fast feedback;
    the parse screens it again before the parser runs."""

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
        try:
            check_suffix(upload.name)
            if upload.size > settings.UPLOAD_MAX_BYTES:
                raise FileRejected(
                    "too_large",
                    f"文件过大（{filesizeformat(upload.size)}），上限为 {filesizeformat(settings.UPLOAD_MAX_BYTES)}。",
                )
            verdict = screen_draft(upload, filename=upload.name, options=parse_options())
        except ParseError as exc:
            logger.info("upload refused by the form: %r (%d bytes): %s", upload.name, upload.size, exc.code)
            raise forms.ValidationError(exc.message, code=exc.code) from None
        logger.info("upload screened: %r is %s %s", upload.name, verdict.kind, verdict.detail)
        return upload


class DraftRevisionForm(DraftUploadForm):
    """上传新版草稿: the same file and screening as a new upload; the report keeps its title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["title"]
        self.fields["file"].label = "新版草稿文件"
        self.helper.inputs.clear()
        self.helper.add_input(Submit("submit", "上传并合并"))
