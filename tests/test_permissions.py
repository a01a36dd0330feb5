"""Every application URL is closed to anonymous users and to other organisations.

The URL list is read from the resolver, so a new route is covered (or makes this
test fail until it is given arguments below) without anyone remembering to add it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.drafts.models import DraftUpload
from apps.reports.models import PlaceholderChange

PUBLIC = {"login", "logout"}


def _routes(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", list(entry.pattern.regex.groupindex)


@pytest.fixture
def urls(report, drafter):
    section = report.sections.get(marker="（一）")
    upload = DraftUpload.objects.create(
        organization=report.organization, uploaded_by=drafter, file="drafts/x.txt", original_name="x.txt", sha256="0"
    )
    placeholder = section.placeholders.first()
    change = PlaceholderChange.objects.create(
        placeholder=placeholder, section=section, user=drafter, new_value="1", version=1
    )
    values = {"report_pk": report.pk, "change_pk": change.pk}
    out = []
    for name, params in _routes():
        if name in PUBLIC:
            continue
        kwargs = {}
        for param in params:
            if param == "pk":
                # What "pk" names depends on the route.
                if "placeholder_field" in name:
                    kwargs[param] = placeholder.pk
                elif "section" in name or "change" in name:
                    kwargs[param] = section.pk
                elif "upload" in name:
                    kwargs[param] = upload.pk
                else:
                    kwargs[param] = report.pk
            elif param in values:
                kwargs[param] = values[param]
            else:
                pytest.fail(f"URL {name} takes {param!r}: teach tests/test_permissions.py how to fill it")
        out.append((name, reverse(name, kwargs=kwargs)))
    assert len(out) >= 10
    return out


def test_anonymous_users_are_sent_to_the_login_page(client, urls):
    for name, url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, (name, method, response.status_code)
            assert response.url.startswith(reverse("login")), (name, response.url)


def test_another_organisation_gets_404_on_every_object_url(client, urls, outsider):
    client.force_login(outsider)
    for name, url in urls:
        if name in ("reports:report_list", "drafts:upload_create"):
            continue  # no object in the URL: these show the outsider's own organisation
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (404, 405), (name, method, response.status_code)
            if method == "get" and response.status_code == 405:
                continue


def test_the_report_list_shows_only_the_users_organisation(client, report, outsider):
    client.force_login(outsider)
    assert report.title not in client.get(reverse("reports:report_list")).content.decode()


def test_a_drafter_cannot_approve(client, report, drafter, drafter2):
    from apps.review.services import section_submit

    section = report.sections.get(marker="（一）")
    section_submit(section=section, user=drafter)
    client.force_login(drafter2)
    response = client.post(reverse("review:section_approve", args=[report.pk, section.pk]))
    assert response.status_code == 403
    section.refresh_from_db()
    assert section.status == "submitted"


def test_a_user_without_organisation_sees_nothing(client, report, db):
    from apps.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(username="loner"))
    assert client.get(reverse("reports:report_detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("drafts:upload_create")).status_code == 404
