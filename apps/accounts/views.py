"""Admin screens for users and departments. Every write goes through apps.accounts.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import services
from apps.accounts.forms import DepartmentForm, UserCreateForm, UserPasswordForm, UserUpdateForm
from apps.accounts.selectors import (
    admin_membership_or_403,
    department_get_for_user,
    department_list,
    member_get_for_user,
    member_list,
)
from apps.core.views import run_service


def _admin_membership(request):
    """404 without an organisation, 403 for members who are not admins."""
    return admin_membership_or_403(user=request.user, message="只有管理员可以管理用户和责任单位。")


@login_required
def user_list(request):
    membership = _admin_membership(request)
    return render(
        request, "accounts/user_list.html", {"members": member_list(organization_id=membership.organization_id)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    membership = _admin_membership(request)
    form = UserCreateForm(request.POST or None, organization_id=membership.organization_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, user = run_service(
            request,
            services.user_create,
            actor=request.user,
            username=data["username"],
            password=data["password1"],
            role=data["role"],
            departments=data["departments"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
        )
        if ok:
            messages.success(request, f"已创建用户 {user.username}。")
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "title": "新建用户"})


@login_required
@require_http_methods(["GET", "POST"])
def user_update(request, pk):
    membership = _admin_membership(request)
    user = member_get_for_user(user=request.user, pk=pk)
    initial = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.membership.role,
        "departments": list(user.membership.departments.all()),
        "is_active": user.is_active,
    }
    form = UserUpdateForm(request.POST or None, initial=initial, organization_id=membership.organization_id)
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(request, services.user_update, actor=request.user, user=user, **form.cleaned_data)
        if ok:
            messages.success(request, f"已保存用户 {user.username}。")
            return redirect("accounts:user_list")
    return render(
        request, "accounts/user_form.html", {"form": form, "title": f"编辑用户 {user.username}", "member": user}
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_password(request, pk):
    _admin_membership(request)
    user = member_get_for_user(user=request.user, pk=pk)
    form = UserPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(
            request, services.user_set_password, actor=request.user, user=user, password=form.cleaned_data["password1"]
        )
        if ok:
            messages.success(request, f"已为 {user.username} 设置新密码。")
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "title": f"为 {user.username} 设置密码"})


@login_required
@require_http_methods(["GET", "POST"])
def department_list_view(request):
    membership = _admin_membership(request)
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, department = run_service(
            request, services.department_create, actor=request.user, name=form.cleaned_data["name"]
        )
        if ok:
            messages.success(request, f"已添加责任单位“{department.name}”。")
            return redirect("accounts:department_list")
    departments = department_list(organization_id=membership.organization_id)
    return render(request, "accounts/department_list.html", {"form": form, "departments": departments})


@login_required
@require_http_methods(["GET", "POST"])
def department_update(request, pk):
    _admin_membership(request)
    department = department_get_for_user(user=request.user, pk=pk)
    form = DepartmentForm(request.POST or None, initial={"name": department.name}, submit_label="保存")
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(
            request,
            services.department_update,
            actor=request.user,
            department=department,
            name=form.cleaned_data["name"],
        )
        if ok:
            messages.success(request, "已保存。")
            return redirect("accounts:department_list")
    return render(request, "accounts/department_form.html", {"form": form, "department": department})


@login_required
@require_POST
def department_delete(request, pk):
    _admin_membership(request)
    department = department_get_for_user(user=request.user, pk=pk)
    name = department.name
    ok, _ = run_service(request, services.department_delete, actor=request.user, department=department)
    if ok:
        messages.success(request, f"已删除责任单位“{name}”。")
    return redirect("accounts:department_list")
