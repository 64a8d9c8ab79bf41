"""The API documentation page loads its assets from CharterDesk, never from a CDN."""

import re

from django.contrib.staticfiles import finders


def test_docs_page_uses_only_local_assets(client, personas):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert [a for a in assets if a.startswith(("http:", "https:", "//"))] == []
    for asset in assets:
        if asset.startswith("/static/"):
            assert finders.find(asset.removeprefix("/static/")), asset
