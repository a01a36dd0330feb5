"""Web hardening: security headers and CSP, no inline script or style on any page, CSRF on every
route, session expiry, the public /healthz, and `check --deploy` with production settings.

Routes are read from the URL resolver (as tests/test_permissions.py does), so a new page or a
new form is covered without anyone remembering to add it here.
"""

import os
import subprocess
import sys
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from apps.drafts.models import DraftUpload

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = {"login", "healthz", "favicon.ico"}  # favicon.ico: a redirect to a static file


def _routes(resolver=None, namespace="", prefix=""):
    """(name, route pattern, parameter names) of every URL but the admin's, named or not."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else str(entry.pattern)
            yield name, prefix + str(entry.pattern), list(entry.pattern.regex.groupindex)


def _url(route: str, values: dict) -> str:
    import re

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


class _InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        names = {k.lower(): v for k, v in attrs}
        if tag == "script" and not names.get("src"):
            self.problems.append("inline <script>")
        if "style" in names:
            self.problems.append(f"style= on <{tag}>")
        if tag == "style":
            self.problems.append("<style> element")
        for key, value in names.items():
            if key.startswith("on"):
                self.problems.append(f"{key}= on <{tag}>")
            if key in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL in {key}")


def inline_problems(html: str) -> list[str]:
    finder = _InlineFinder()
    finder.feed(html)
    return finder.problems


@pytest.fixture
def pages(report, drafter, admin_user):
    """GET every route with its parameters filled; keep the HTML pages that answered 200."""
    section = report.sections.get(marker="（一）")
    upload = DraftUpload.objects.create(
        organization=report.organization, uploaded_by=drafter, file="drafts/x.txt", original_name="x.txt", sha256="0"
    )
    out = {}
    for user in (None, drafter, admin_user):
        client = Client()
        if user:
            client.force_login(user)
        for name, route, params in _routes():
            if "<" in route and not set(params) <= {"pk", "report_pk"}:
                continue
            pk = report.pk
            if "sections/<int:pk>" in route:
                pk = section.pk
            elif route.startswith("drafts/"):
                pk = upload.pk
            elif route.startswith("accounts/users/"):
                pk = drafter.pk
            response = client.get(_url(route, {"pk": pk, "report_pk": report.pk}))
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                out[(name, user.username if user else "anonymous")] = response
    return out


def test_every_page_has_the_security_headers_and_no_inline_script_or_style(pages):
    names = {name for name, _user in pages}
    for expected in (
        "login",
        "reports:report_list",
        "reports:report_detail",
        "reports:section_detail",
        "drafts:upload_create",
        "drafts:upload_detail",
    ):
        assert expected in names, f"{expected} was not checked"
    for (name, user), response in pages.items():
        html = response.content.decode()
        assert not inline_problems(html), (name, user, inline_problems(html))
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


def test_the_inline_finder_finds_what_it_looks_for():
    html = '<script>x()</script><p style="color:red" onclick="x()"><a href=" javascript:x()">a</a><style></style>'
    assert len(inline_problems(html)) == 5
    assert inline_problems('<script src="/static/a.js"></script><p class="x">') == []


def test_hsts_and_secure_redirect_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_every_route_refuses_a_post_without_a_csrf_token(report, drafter, admin_user):
    """Logged in or not, a POST without the token is refused (403) by every route, before its view runs."""
    for user in (None, admin_user):
        client = Client(enforce_csrf_checks=True)
        if user:
            client.force_login(user)
        for name, route, params in _routes():
            url = _url(route, dict.fromkeys(params, report.pk))
            response = client.post(url, {"comment": "x", "title": "x"})
            assert response.status_code == 403, (name, url, response.status_code)
    # Control: the same client with the token gets through (the 403s above are CSRF's).
    client = Client(enforce_csrf_checks=True)
    client.force_login(drafter)
    page = client.get(reverse("reports:report_list"))
    token = page.cookies["csrftoken"].value
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302


def test_the_login_form_itself_is_csrf_protected(drafter):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "drafter", "password": "x"})
    assert response.status_code == 403


def test_a_session_expires(client, drafter, settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    client.force_login(drafter)
    assert client.get(reverse("reports:report_list")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("reports:report_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_healthz_is_public_and_touches_nothing(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert "sessionid" not in response.cookies


def test_only_login_and_healthz_are_open_to_anonymous_users(report):
    client = Client()
    for name, route, params in _routes():
        if name in PUBLIC or name == "logout":
            continue
        response = client.get(_url(route, dict.fromkeys(params, report.pk)))
        assert response.status_code in (302, 405), (name, response.status_code)
        if response.status_code == 302:
            assert response.url.startswith(reverse("login")), (name, response.url)


def _production_env() -> dict:
    # tests/browser/conftest.py sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; no deployment has it.
    return {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SECRET_KEY")}


def test_check_deploy_passes_with_production_settings():
    env = {
        **_production_env(),
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "reports.example.gov.cn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_are_strict():
    code = (
        "from django.conf import settings as s; import django; django.setup(); "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000, "
        "s.SECURE_SSL_REDIRECT, s.TESTING, s.X_FRAME_OPTIONS, "
        "s.STORAGES['staticfiles']['BACKEND'].endswith('CompressedManifestStaticFilesStorage'))"
    )
    env = {
        **_production_env(),
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "reports.example.gov.cn",
        "DJANGO_TESTING": "1",
        "DJANGO_DEBUG": "1",
    }
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "False", "DENY", "True"], result.stderr


def test_production_settings_refuse_to_start_without_a_secret():
    env = _production_env()
    env.update(DJANGO_SETTINGS_MODULE="config.settings.prod", DJANGO_ALLOWED_HOSTS="x")
    code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr
