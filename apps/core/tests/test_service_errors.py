"""One way from a service's refusal to HTTP (apps/core/middleware.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from apps.core.errors import ConflictError, PermissionDeniedError, ServiceError, StateError
from apps.core.middleware import ServiceErrorMiddleware


def _answer(exc, *, htmx=False):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    request = RequestFactory().post("/somewhere/", **headers)
    request.user = AnonymousUser()
    return ServiceErrorMiddleware(lambda r: None).process_exception(request, exc)


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (PermissionDeniedError("本节已分配给其他责任单位。"), 403),
        (ConflictError("该项已被他人修改。"), 409),
        (StateError("本节已提交审核，审核期间不能修改。"), 400),
        (ServiceError("标题不能为空。"), 400),
    ],
)
def test_each_refusal_gets_its_status_and_its_chinese_reason(exc, status, db):
    response = _answer(exc)
    assert response.status_code == status
    assert exc.message in response.content.decode()
    inline = _answer(exc, htmx=True)
    assert inline.status_code == status and inline["X-Error-Inline"] == "1"
    assert inline.content.decode() == exc.message


def test_other_exceptions_are_left_to_django():
    assert _answer(ValueError("boom")) is None
