"""The 403, 404, 500 and CSRF-failure pages: Chinese, saying why; a short text for htmx requests.

A refused htmx request (e.g. an autosave of a field the user may not fill) gets the reason as plain text
with ``X-Error-Inline: 1``; static/js/app.js shows it beside the element that made the request.
"""

from __future__ import annotations

import logging

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)

DEFAULT_403 = "您没有执行此操作的权限。"
MESSAGE_404 = "找不到该页面：它可能已被删除，或不属于您所在的单位。"
MESSAGE_500 = "服务器出错，本次操作没有完成。请稍后重试；如果一再出现，请联系系统管理员。"
MESSAGE_CSRF = "页面已过期（安全校验未通过），本次操作没有保存。请刷新页面后重新操作。"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _inline(message: str, status: int) -> HttpResponse:
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["X-Error-Inline"] = "1"
    return response


def error_page(request, *, status: int, title: str, message: str, template: str = "error.html") -> HttpResponse:
    if _is_htmx(request):
        return _inline(message, status)
    return render(request, template, {"status": status, "title": title, "message": message}, status=status)


def permission_denied(request, exception=None):
    """403 with the service's reason (PermissionDenied("本节已分配给其他责任单位…"))."""
    message = str(exception or "").strip() or DEFAULT_403
    logger.info("403 %s %s for %s: %s", request.method, request.path, request.user, message)
    return error_page(request, status=403, title="无权操作", message=message)


def page_not_found(request, exception=None):
    # Never the exception's text: "No Report matches…" says nothing useful and is English.
    return error_page(request, status=404, title="页面不存在", message=MESSAGE_404)


def server_error(request):
    """500: rendered without the request context (it may be what failed), so without the user's menu."""
    if _is_htmx(request):
        return _inline(MESSAGE_500, 500)
    return HttpResponse(loader.get_template("500.html").render({"message": MESSAGE_500}), status=500)


def csrf_failure(request, reason=""):
    logger.warning("CSRF failure %s %s: %s", request.method, request.path, reason)
    return error_page(request, status=403, title="页面已过期", message=MESSAGE_CSRF)
