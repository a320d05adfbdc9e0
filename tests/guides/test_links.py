"""The three guides are linked from the home page and the navigation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

GUIDES = ["/guides/troubleshooting/", "/guides/codes/", "/guides/apply/"]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_home_links_to_the_guides(client, prefix):
    html = client.get(prefix + "/").content.decode()
    section = html[html.index('class="home-guides"') :]
    for url in GUIDES:
        assert f'href="{prefix}{url}"' in section


@pytest.mark.parametrize("url", GUIDES)
def test_navigation_marks_the_current_guide(client, url):
    html = client.get(url).content.decode()
    nav = html[html.index('class="wrap main-nav"') : html.index("</nav>", html.index("main-nav"))]
    for target in GUIDES:
        assert f'href="{target}"' in nav
    assert f'href="{url}" aria-current="page"' in nav


def test_code_pages_mark_the_codes_link(client, codes):
    html = client.get("/guides/codes/51/").content.decode()
    assert 'href="/guides/codes/" aria-current="page"' in html
