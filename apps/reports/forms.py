from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from apps.reports.models import PlaceholderKind
from apps.reports.values import ValueInvalid, normalize_value

_INPUT_CLASS = {
    PlaceholderKind.NUMBER: "ph-input ph-number",
    PlaceholderKind.PERCENT: "ph-input ph-number",
    PlaceholderKind.RANK: "ph-input ph-rank",
    PlaceholderKind.YEAR: "ph-input ph-year",
    PlaceholderKind.DATE: "ph-input ph-name",
    PlaceholderKind.NAME: "ph-input ph-name",
    PlaceholderKind.TEXT: "ph-input ph-text",
}


@dataclass(frozen=True)
class FieldState:
    """One field of the section page as rendered (apps.reports.fields.render_field's arguments)."""

    shown: str
    error: str = ""
    state: str = ""  # "", "error" or "conflict"
    other: object = None  # the stored placeholder, in a conflict
    version: int | None = None  # the version typed against; None: the stored one


def field_name(placeholder) -> str:
    return f"ph_{placeholder.pk}"


class SectionFillForm(forms.Form):
    """One field per placeholder of a section, each validated by its kind.

    The fields are shown in place inside the section's text (see section_detail.html),
    not as a list, so the form carries no crispy layout.
    """

    def __init__(self, *args, placeholders, **kwargs):
        super().__init__(*args, **kwargs)
        self.placeholders = {field_name(p): p for p in placeholders}
        for name, placeholder in self.placeholders.items():
            unit = placeholder.unit or ("%" if placeholder.kind == PlaceholderKind.PERCENT else "")
            label = placeholder.label or placeholder.get_kind_display()
            self.fields[name] = forms.CharField(
                required=False,
                initial=placeholder.value,
                label=label,
                widget=forms.TextInput(
                    attrs={
                        "class": f"form-control form-control-sm d-inline-block {_INPUT_CLASS[placeholder.kind]}",
                        "title": f"{label}{'（' + unit + '）' if unit and unit not in label else ''}",
                        "aria-label": label,
                        "placeholder": placeholder.raw or "＿＿",
                        "autocomplete": "off",
                    }
                ),
            )

    def clean(self):
        cleaned = super().clean()
        for name, placeholder in self.placeholders.items():
            if name in self.errors:
                continue
            try:
                cleaned[name] = normalize_value(placeholder.kind, cleaned.get(name, ""))
            except ValueInvalid as exc:
                self.add_error(name, exc.message)
        return cleaned

    def values_by_pk(self) -> dict[int, str]:
        """The values posted; a field absent from the POST is left out (and so left alone)."""
        return {
            p.pk: self.cleaned_data[name]
            for name, p in self.placeholders.items()
            if name in self.cleaned_data and name in self.data
        }

    def field_states(self, placeholders, *, conflicts: dict) -> dict[int, FieldState]:
        """What each field shows after this form was posted (or, unbound, the stored values).

        ``conflicts`` holds the ids of the fields someone else saved meanwhile (``placeholders`` are the stored rows).
        A conflicting field shows the user's value with the stored version: the user has now seen the other
        value, so 「保存」 again keeps theirs (as 保留我的 does), also without JavaScript. With conflicts the
        other fields show what is stored (saved, or someone else's newer value kept); after a validation error
        they show what was typed, with the version it was typed against.
        """
        posted_versions = self.versions_by_pk() if self.is_bound else {}
        states = {}
        for p in placeholders:
            name = field_name(p)
            typed = self[name].value() if self.is_bound and name in self.data else p.value
            error = " ".join(self.errors.get(name, [])) if self.is_bound else ""
            if p.pk in conflicts:
                states[p.pk] = FieldState(shown=typed, error=error, state="conflict", other=p)
            elif conflicts:
                states[p.pk] = FieldState(shown=p.value, error=error, state="error" if error else "")
            else:
                version = posted_versions.get(p.pk) if self.is_bound and self.errors else None
                states[p.pk] = FieldState(shown=typed, error=error, state="error" if error else "", version=version)
        return states

    def versions_by_pk(self) -> dict[int, int]:
        """The version each posted field was rendered with (hidden ``v_<id>``), where it is given."""
        versions = {}
        for p in self.placeholders.values():
            raw = self.data.get(f"v_{p.pk}", "")
            if raw.isdigit():
                versions[p.pk] = int(raw)
        return versions


class SectionBodyForm(forms.Form):
    """The body text with placeholders as 【#n】 tokens (apps/reports/tokens.py)."""

    text = forms.CharField(
        label="正文",
        widget=forms.Textarea(attrs={"rows": 18, "class": "report-text"}),
        required=False,
        max_length=200_000,
        help_text=(
            "【#1】【#2】… 是待填项的位置标记：可以修改标记周围的文字，不要改动标记本身；"
            "删去一个标记表示它不是待填项（需勾选下方的确认）。"
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm_drop = forms.BooleanField(
        label="确认删除这些待填项（删去了标记的待填项不再是待填项，已填写的值将被丢弃，修改记录中仍可查看）",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "保存正文"))


class ReportDetailsForm(forms.Form):
    """报告信息: the title and year. The service checks them again (and says why in Chinese)."""

    title = forms.CharField(
        label="报告标题",
        max_length=300,
        error_messages={"required": "报告标题不能为空。", "max_length": "报告标题不能超过 300 个字。"},
    )
    year = forms.CharField(label="年度", max_length=4, required=False, help_text="四位年份，如 2026；可留空。")
    confirm_drop = forms.BooleanField(label="确认：原标题中已填写的待填项不再使用（可撤销）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "report-details-form"
        self.helper.add_input(Submit("submit", "保存"))
