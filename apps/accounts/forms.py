from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password

from apps.accounts.models import Department, Role, User


def _helper(label: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class _DepartmentsMixin:
    def _set_departments(self, organization_id: int):
        self.fields["departments"].queryset = Department.objects.filter(organization_id=organization_id).order_by(
            "name"
        )


class _PasswordPairMixin:
    """Two password fields checked with Django's validators (the service checks again)."""

    def _check_pair(self, cleaned, user: User):
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "两次输入的密码不一致。")
        elif password1:
            try:
                validate_password(password1, user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


# The form field's default (320) is longer than the column (254): a longer address would fail on save.
_EMAIL_MAX = User._meta.get_field("email").max_length


class UserCreateForm(_DepartmentsMixin, _PasswordPairMixin, forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    last_name = forms.CharField(label="姓", max_length=150, required=False)
    first_name = forms.CharField(label="名", max_length=150, required=False)
    email = forms.EmailField(
        label="电子邮箱", max_length=_EMAIL_MAX, required=False, help_text="用于接收分配、审核等通知。"
    )
    role = forms.ChoiceField(label="角色", choices=Role.choices, initial=Role.DRAFTER)
    departments = forms.ModelMultipleChoiceField(
        label="责任单位", queryset=Department.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    password1 = forms.CharField(
        label="密码", widget=forms.PasswordInput, strip=False, help_text=password_validators_help_text_html()
    )
    password2 = forms.CharField(label="再次输入密码", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, organization_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_departments(organization_id)
        self.helper = _helper("创建用户")

    def clean(self):
        cleaned = super().clean()
        user = User(
            username=cleaned.get("username", ""),
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
            email=cleaned.get("email", ""),
        )
        return self._check_pair(cleaned, user)


class UserUpdateForm(_DepartmentsMixin, forms.Form):
    last_name = forms.CharField(label="姓", max_length=150, required=False)
    first_name = forms.CharField(label="名", max_length=150, required=False)
    email = forms.EmailField(label="电子邮箱", max_length=_EMAIL_MAX, required=False)
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    departments = forms.ModelMultipleChoiceField(
        label="责任单位", queryset=Department.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    is_active = forms.BooleanField(label="在用（取消勾选后该用户不能登录）", required=False)

    def __init__(self, *args, organization_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_departments(organization_id)
        self.helper = _helper("保存")


class UserPasswordForm(_PasswordPairMixin, forms.Form):
    password1 = forms.CharField(
        label="新密码", widget=forms.PasswordInput, strip=False, help_text=password_validators_help_text_html()
    )
    password2 = forms.CharField(label="再次输入新密码", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = _helper("设置密码")

    def clean(self):
        return self._check_pair(super().clean(), self.user)


class DepartmentForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100, help_text="例如：发改局、财政局、统计局。")

    def __init__(self, *args, submit_label: str = "添加", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(submit_label)
