from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms


class _CommentForm(forms.Form):
    submit_label = ""
    submit_class = "btn-primary"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label, css_class=self.submit_class))


class ReturnForm(_CommentForm):
    submit_label = "退回修改"
    submit_class = "btn-warning"
    comment = forms.CharField(
        label="修改意见", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), help_text="退回时必须填写。"
    )


class ApproveForm(_CommentForm):
    submit_label = "审核通过"
    submit_class = "btn-success"
    comment = forms.CharField(
        label="审核意见（可选）", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReopenForm(_CommentForm):
    submit_label = "重新打开"
    submit_class = "btn-outline-secondary"
    comment = forms.CharField(
        label="重新打开的原因", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
