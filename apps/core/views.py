from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static

from apps.core.errors import PermissionDeniedError, ServiceError


def run_service(request, service, /, **kwargs):
    """Call a service; show its refusal as a message. A permission refusal is not a message: it goes on to
    apps.core.middleware, which answers with the 403 page.

    Returns (ok, result).
    """
    try:
        return True, service(**kwargs)
    except PermissionDeniedError:
        raise
    except ServiceError as exc:
        messages.error(request, exc.message)
        return False, None


def favicon(request):
    """Browsers ask /favicon.ico whatever the page says: send them to the static icon."""
    return redirect(static("img/favicon.ico"), permanent=True)
