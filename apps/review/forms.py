from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from apps.accounts.models import Department, User
from apps.reports.models import SectionStatus


def _button(label: str, css: str) -> Submit:
    """A submit button with exactly the given Bootstrap classes (crispy would add btn-primary)."""
    button = Submit("submit", label)
    button.field_classes = f"btn {css}"
    return button


class _CommentForm(forms.Form):
    submit_label = ""
    submit_class = "btn-primary"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(_button(self.submit_label, self.submit_class))


class SubmitForm(_CommentForm):
    """Submit for review; the reason is needed only while placeholders are still empty."""

    submit_label = "提交审核"
    submit_class = "btn-outline-primary"
    left_open_reason = forms.CharField(
        label="有意留空的原因",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="仍有未填写的待填项时必须填写，例如“统计局年报尚未发布”。",
    )

    def __init__(self, *args, empty_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        if not empty_count:
            self.fields["left_open_reason"].widget = forms.HiddenInput()


class ReturnForm(_CommentForm):
    submit_label = "退回修改"
    submit_class = "btn-warning"
    comment = forms.CharField(
        label="修改意见", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), help_text="退回时必须填写。"
    )


class ApproveForm(_CommentForm):
    """Carries the section version the reviewer saw (see section_approve) and the history point it
    corresponds to, from which the diff is shown when the section changed meanwhile."""

    submit_label = "审核通过"
    submit_class = "btn-success"
    comment = forms.CharField(
        label="审核意见（可选）", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    seen_version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput())
    seen_point = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput())


class ReopenForm(_CommentForm):
    submit_label = "重新打开"
    submit_class = "btn-outline-secondary"
    comment = forms.CharField(
        label="重新打开的原因", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), help_text="必须填写。"
    )


class CommentForm(forms.Form):
    body = forms.CharField(label="批注", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    placeholder = forms.TypedChoiceField(label="针对", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, placeholders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placeholder"].choices = [("", "整节")] + [
            (p.pk, f"{p.short_label}（{p.display_value or '未填'}）") for p in placeholders
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(_button("添加批注", "btn-outline-primary btn-sm"))


class ReplyForm(forms.Form):
    body = forms.CharField(label="回复", max_length=2000, widget=forms.Textarea(attrs={"rows": 1}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_show_labels = False
        self.helper.add_input(_button("回复", "btn-outline-secondary btn-sm"))


class AssignForm(forms.Form):
    section = forms.TypedChoiceField(label="章节", coerce=int)
    department = forms.ModelChoiceField(label="责任单位", queryset=Department.objects.none(), required=False)
    assignee = forms.ModelChoiceField(label="负责人", queryset=User.objects.none(), required=False)
    due_date = forms.DateField(label="完成期限", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    include_children = forms.BooleanField(label="包括下级章节（整个“一、”部分）", required=False, initial=True)
    clear = forms.BooleanField(label="取消分配（交回办公室）", required=False)

    def __init__(self, *args, sections, organization_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [
            (s.pk, f"{'　' * max(s.level - 1, 0)}{s.display_name}"[:60]) for s in sections
        ]
        self.fields["department"].queryset = Department.objects.filter(organization_id=organization_id).order_by("name")
        self.fields["assignee"].queryset = User.objects.filter(
            is_active=True, membership__organization_id=organization_id
        ).order_by("username")
        self.helper = FormHelper()
        self.helper.add_input(_button("保存分配", "btn-primary"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("clear") and not cleaned.get("department") and not cleaned.get("assignee"):
            raise forms.ValidationError("请选择责任单位或负责人，或勾选“取消分配”。")
        return cleaned


class DashboardFilterForm(forms.Form):
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *SectionStatus.choices])
    department = forms.TypedChoiceField(label="责任单位", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "全部单位"), (0, "未分配（办公室）")] + [
            (d.pk, d.name) for d in departments
        ]
