"""Liveness probe for load balancers and the load benchmark's baseline."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """Public; answers "ok" without touching the database, the session or a template."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
