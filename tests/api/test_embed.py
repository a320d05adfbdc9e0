"""The embeddable widget: framable on its own routes only, no cookies, data version and date."""

from __future__ import annotations

import pytest

from tests.factories import make_alpha_bravo

pytestmark = pytest.mark.django_db

PROFILE = "volume=30000&preset=custom&mix_credit_card=50&mix_wechat=50&ticket=100&months=12"


@pytest.fixture
def alpha_bravo():
    return make_alpha_bravo()


def frame_ancestors(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(p.strip() for p in policy.split(";") if p.strip().startswith("frame-ancestors"))


@pytest.mark.parametrize(
    "path", ["/embed/calculator/", f"/embed/compare/?products=alpha,bravo&{PROFILE}"]
)
def test_widget_may_be_framed_and_sets_no_cookie(client, alpha_bravo, path):
    response = client.get(path)
    assert response.status_code == 200
    assert frame_ancestors(response) == "frame-ancestors *"
    assert "X-Frame-Options" not in response
    assert not response.cookies
    assert "Set-Cookie" not in str(response.serialize_headers())


@pytest.mark.parametrize(
    "path", ["/", "/calculator/", "/compare/?products=alpha,bravo", "/products/", "/open-data/"]
)
def test_every_other_page_stays_unframable(client, alpha_bravo, path):
    response = client.get(path)
    assert frame_ancestors(response) == "frame-ancestors 'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_embedded_comparison_shows_totals_version_and_a_link_back(client, alpha_bravo):
    page = client.get(f"/embed/compare/?products=bravo,alpha&{PROFILE}").content.decode()
    version = client.get("/data/fees.json").json()["version"]
    # alpha 1,824.00 and bravo 1,993.00 over 12 months (worked out in tests/api/test_api.py).
    assert page.index("1,824.00") < page.index("1,993.00")
    assert version in page
    assert "中立对比，不是报价" in page
    assert 'href="/compare/?products=bravo,alpha&amp;volume=30000' in page
    assert '<base target="_blank">' in page


def test_embedded_calculator_gives_the_three_cheapest(client, alpha_bravo):
    page = client.get(f"/en/embed/calculator/?{PROFILE}").content.decode()
    assert "1,824.00" in page and "1,993.00" in page
    assert "Neutral comparison, not an offer" in page
    assert 'href="/en/calculator/?volume=30000' in page


@pytest.mark.parametrize(
    "path",
    [
        "/embed/calculator/?volume=abc",
        "/embed/compare/?products=alpha",
        "/embed/compare/?products=alpha,nope",
    ],
)
def test_bad_widget_input_is_400_with_the_message(client, alpha_bravo, path):
    response = client.get(path)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
