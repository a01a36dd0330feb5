from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login that arrives with an HTTP request.

    Every login form (ours and the Django admin's) passes the request. ``authenticate()``
    without one only happens in code — the test client's ``login()``, a management
    command — where there is no network client to throttle, so it is left to the next
    backend instead of raising as axes does. See docs/adr/0010-login-throttling.md.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
