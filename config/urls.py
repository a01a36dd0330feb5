from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from apps.core.views import favicon
from apps.core.views_health import healthz

urlpatterns = [
    # Public liveness probe (docs/deployment.md); unnamed on purpose: nothing links to it.
    path("healthz", healthz),
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("apps.accounts.urls")),
    path("notifications/", include("apps.notifications.urls")),
    path("drafts/", include("apps.drafts.urls")),
    path("", include("apps.review.urls")),
    path("", include("apps.exporting.urls")),
    path("", include("apps.consistency.urls")),
    path("", include("apps.sheets.urls")),
    path("", include("apps.proofreading.urls")),
    path("", include("apps.reports.urls")),
]

# Chinese error pages that say why (apps/core/views_errors.py); htmx requests get the reason as text.
handler403 = "apps.core.views_errors.permission_denied"
handler404 = "apps.core.views_errors.page_not_found"
handler500 = "apps.core.views_errors.server_error"
