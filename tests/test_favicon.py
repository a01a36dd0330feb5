"""A favicon is served (issue 13, item 15): the page links it and /favicon.ico leads to it."""

from pathlib import Path

from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "static"


def test_favicon_ico_redirects_to_a_real_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.ico")
    assert (STATIC / "img" / "favicon.ico").read_bytes()[:4] == b"\0\0\1\0"  # an ICO header


def test_every_page_links_the_icon(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert 'rel="icon"' in html and "img/favicon.svg" in html
    assert (STATIC / "img" / "favicon.svg").read_text().startswith("<svg")
