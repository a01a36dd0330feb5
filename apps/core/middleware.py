"""One way from a service's refusal to HTTP, for every view that does not handle the refusal itself.

Views call services and catch only what they answer in their own way (a form error, the 409 choice of a
field, a message and a redirect through ``run_service``). Whatever else a service raises ends here:

=========================  ======  ===========================================
``PermissionDeniedError``   403     the Chinese 403 page with the service's reason
``ConflictError``           409     someone changed it meanwhile: reload and redo
``GoneError``               410     deleted (a report in the 回收站): who may restore it
``StateError`` and other    400     the service's message
``ServiceError``
=========================  ======  ===========================================

htmx requests get the message as plain text, shown beside the element that asked (views_errors).
"""

from __future__ import annotations

import logging

from apps.core.errors import ConflictError, GoneError, PermissionDeniedError, ServiceError
from apps.core.views_errors import error_page, permission_denied

logger = logging.getLogger(__name__)


class ServiceErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ServiceError):
            return None
        if isinstance(exception, PermissionDeniedError):
            return permission_denied(request, exception.message)
        logger.info("%s %s refused (%s): %s", request.method, request.path, exception.code, exception.message)
        if isinstance(exception, GoneError):
            return error_page(request, status=410, title="内容已删除", message=exception.message)
        if isinstance(exception, ConflictError):
            return error_page(request, status=409, title="内容已被他人修改", message=exception.message)
        return error_page(request, status=400, title="无法完成操作", message=exception.message)
