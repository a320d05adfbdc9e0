"""Share links: made by a POST (CSRF, rate-limited), a quote that keeps its figures after the
fees change (with a banner showing today's), unguessable codes, views counted once, QR code,
print and Open Graph, 404 in the visitor's language, query budget."""

from __future__ import annotations

import datetime as dt
import re
import string
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import timezone

from catalog import services as catalog_services
from catalog.models import Plan, Rate
from compare import services
from compare.models import SharedComparison
from tests.examples import PROFILE
from tests.factories import make_brand, make_plan, make_product

pytestmark = pytest.mark.django_db

D = Decimal


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def shop():
    """In force since 30 days ago. For PROFILE (150 credit and 150 WeChat payments of 100 元 a
    month, 12 months):
    alpha: (150 × 0.60 + 150 × 0.38) × 12 = 147 × 12 = 1,764.00;
    bravo: (150 × 0.55 + 57) × 12 = 1,674 + device 199 = 1,873.00."""
    brand = make_brand(name="拉卡拉", name_en="Lakala", slug="lakala")
    since = today() - dt.timedelta(days=30)
    alpha = make_plan(
        make_product(brand, name="甲机", name_en="Alpha", slug="alpha"),
        rates={"credit_card": "0.60", "wechat": "0.38"},
        valid_from=since,
    )
    make_plan(
        make_product(brand, name="乙机", name_en="Bravo", slug="bravo"),
        rates={"credit_card": "0.55", "wechat": "0.38"},
        device_price="199",
        valid_from=since,
    )
    return alpha


def share(client, products="alpha,bravo", prefix="/en", **fields):
    return client.post(f"{prefix}/compare/share/", {"products": products, **PROFILE, **fields})


def made(response) -> SharedComparison:
    code = re.fullmatch(r"/(?:en/)?s/([a-z0-9]+)/", response["Location"]).group(1)
    return SharedComparison.objects.get(code=code)


# ---------------------------------------------------------------------- making a link


def test_share_post_redirects_to_the_new_link(client, shop):
    response = share(client)
    assert response.status_code == 303
    link = made(response)
    assert response["Location"] == f"/en/s/{link.code}/"
    assert link.products == ["alpha", "bravo"]
    assert link.profile == (
        "volume=30000&ticket=100&months=12&settlement=t1&mix_credit_card=50&mix_wechat=50"
    )
    assert link.fees_on == today()
    assert link.creator is None and link.view_count == 0
    plan = link.snapshot["products"][0]["plan"]
    assert plan["id"] == shop.pk
    assert {(r["method"], r["percent"]) for r in plan["rates"]} == {
        ("credit_card", "0.6000"),
        ("wechat", "0.3800"),
    }


def test_service_records_the_signed_in_maker(shop, sales):
    link = services.comparison_share(
        slugs=["bravo", "alpha"], params={"volume": "5万"}, user=sales, on=today()
    )
    assert link.creator == sales
    assert link.products == ["bravo", "alpha"]
    assert link.profile == "volume=50000&months=12&settlement=t1&preset=retail"


def test_service_refuses_bad_input(shop, english):
    with pytest.raises(ValidationError) as caught:
        services.comparison_share(slugs=["alpha"], params={"volume": "-1"}, on=today())
    assert "Choose at least 2 terminals" in str(caught.value)
    assert "Enter a monthly volume" in str(caught.value)
    assert not SharedComparison.objects.exists()


def test_bad_share_post_is_a_400_page_keeping_the_input(client, shop):
    response = share(client, products="alpha,nope", volume="abc")
    assert response.status_code == 400
    html = response.content.decode()
    assert "We have no terminal called nope." in html
    assert 'value="abc"' in html
    assert not SharedComparison.objects.exists()


def test_share_needs_csrf(shop):
    client = Client(enforce_csrf_checks=True)
    response = share(client)
    assert response.status_code == 403
    assert not SharedComparison.objects.exists()
    form = client.get("/en/compare/share/?products=alpha,bravo", headers={"HX-Request": "true"})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())[1]
    assert share(client, csrfmiddlewaretoken=token).status_code == 303


def test_a_get_makes_nothing(client, shop):
    """GET shows the form (a page, or the fragment for htmx); only a POST makes a link."""
    page = client.get("/en/compare/share/?products=alpha,bravo&volume=50000")
    assert page.status_code == 200
    html = page.content.decode()
    assert "50,000 元 a month" in html and 'method="post"' in html
    assert 'href="/en/compare/?products=alpha,bravo&amp;volume=50000' in html  # back link
    bad = client.get("/en/compare/share/?products=alpha&volume=x")
    assert bad.status_code == 400
    assert "cannot be shared until its entries are corrected" in bad.content.decode()
    assert not SharedComparison.objects.exists()


@override_settings(SHARE_RATE_ANONYMOUS="3/h")
@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("/en", "Too many share links have been made from your connection"),
        ("", "您的网络在短时间内生成了太多分享链接"),
    ],
)
def test_share_is_rate_limited_per_client(client, shop, prefix, message):
    for _ in range(3):
        assert share(client, prefix=prefix).status_code == 303
    response = share(client, prefix=prefix)
    assert response.status_code == 429
    assert message in response.content.decode()
    assert SharedComparison.objects.count() == 3
    # Another address has its own count.
    other = client.post(
        f"{prefix}/compare/share/", {"products": "alpha,bravo"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 303


# ---------------------------------------------------------------------- codes


def test_codes_are_long_random_and_from_secrets(monkeypatch):
    codes = {services.share_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == 10 for c in codes)
    alphabet = set(services.CODE_ALPHABET)
    assert set("".join(codes)) == alphabet  # every character used, no other
    assert alphabet <= set(string.ascii_lowercase + string.digits) - set("01ilo")
    assert len(alphabet) ** services.CODE_LENGTH > 2**48
    # Drawn with the secrets module (the OS's CSPRNG), not random.
    monkeypatch.setattr(services.secrets, "choice", lambda seq: seq[-1])
    assert services.share_code() == "z" * 10


def test_a_taken_code_is_drawn_again(shop, monkeypatch):
    drawn = iter(["aaaaaaaaaa", "aaaaaaaaaa", "bbbbbbbbbb"])
    monkeypatch.setattr(services, "share_code", lambda: next(drawn))
    first = services.comparison_share(slugs=["alpha", "bravo"], params={}, on=today())
    second = services.comparison_share(slugs=["alpha", "bravo"], params={}, on=today())
    assert (first.code, second.code) == ("aaaaaaaaaa", "bbbbbbbbbb")


def test_unknown_code_is_a_404_in_the_visitors_language(client):
    english = client.get("/en/s/nosuchcode1/")
    assert english.status_code == 404
    assert "Comparison link not found" in english.content.decode()
    chinese = client.get("/s/nosuchcode1/")
    assert chinese.status_code == 404
    assert "找不到这个对比链接" in chinese.content.decode()
    assert client.get("/s/nosuchcode1/qr.svg").status_code == 404
    assert client.get("/s/<b>x</b>/").status_code == 404


# ---------------------------------------------------------------------- the shared page


def test_shared_page_keeps_its_figures_after_a_fee_rise(
    client, shop, django_capture_on_commit_callbacks
):
    link = made(share(client))
    page = client.get(f"/en/s/{link.code}/").content.decode()
    assert "1,764.00 元" in page and "1,873.00 元" in page
    assert "The fees have changed" not in page

    # A new version of alpha's plan, credit 0.60 % → 0.80 %, in force from today:
    # (150 × 0.80 + 57) × 12 = 177 × 12 = 2,124.00.
    with django_capture_on_commit_callbacks(execute=True):
        draft = catalog_services.plan_new_version(plan=shop, valid_from=today())
        Rate.objects.filter(plan=draft, method="credit_card").update(percent=D("0.80"))
        catalog_services.plan_publish(plan=draft, on=today())
    assert Plan.objects.current(on=today()).get(product__slug="alpha").pk == draft.pk

    response = client.get(f"/en/s/{link.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    table = html[html.index('id="compare-results"') :]
    assert "1,764.00 元" in table and "2,124.00 元" not in table  # the quote is unchanged
    banner = html[html.index("The fees have changed") : html.index('id="compare-results"')]
    quoted_and_today = r"Lakala Alpha</th>\s*<td[^>]*>1,764.00 元</td>\s*<td[^>]*>2,124.00 元"
    assert re.search(quoted_and_today, banner)
    assert "1,873.00 元" in banner  # bravo: the same both times
    assert (
        'href="/en/compare/?products=alpha,bravo&amp;volume=30000&amp;ticket=100&amp;months=12'
        in banner
    )
    assert "Use current fees" in banner

    # Even with the plan gone, the link shows the same quote.
    Plan.objects.filter(product__slug="alpha").delete()
    html = client.get(f"/en/s/{link.code}/").content.decode()
    assert "1,764.00 元" in html[html.index('id="compare-results"') :]


def test_view_count_increments_once_per_browser_session(client, shop, sales):
    link = services.comparison_share(slugs=["alpha", "bravo"], params={}, user=sales, on=today())
    url = f"/s/{link.code}/"
    visitor = Client()
    visitor.get(url)
    visitor.get(url)  # a reload
    visitor.get(f"/en{url}")  # the same link in English
    link.refresh_from_db()
    assert link.view_count == 1
    assert visitor.cookies["shared_seen"]["expires"] == ""  # ends with the browser session
    Client().get(url)  # another browser
    link.refresh_from_db()
    assert link.view_count == 2
    # Not counted: HEAD, htmx fragments, crawlers and link previews, the maker.
    for headers in (
        {"HX-Request": "true"},
        {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"},
        {"User-Agent": "facebookexternalhit/1.1"},
    ):
        Client().get(url, headers=headers)
    Client().head(url)
    maker = Client()
    maker.force_login(sales)
    maker.get(url)
    link.refresh_from_db()
    assert link.view_count == 2
    # A merchant in WeChat's browser counts.
    Client().get(url, headers={"User-Agent": "Mozilla/5.0 (iPhone) MicroMessenger/8.0.47"})
    link.refresh_from_db()
    assert link.view_count == 3


@override_settings(SHARE_MISS_RATE="3/h")
def test_unknown_codes_are_rate_limited_per_client(client, shop):
    for n in range(3):
        assert client.get(f"/s/nosuch{n}/").status_code == 404
    limited = client.get("/en/s/nosuch9/")
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    # Another client can still open (or mistype) a link.
    assert client.get("/s/other/", REMOTE_ADDR="10.0.0.9").status_code == 404


def test_a_code_typed_in_capitals_is_found(client, shop):
    link = made(share(client))
    assert Client().get(f"/en/s/{link.code.upper()}/").status_code == 200


def test_the_browser_that_shared_does_not_count_its_own_visit(client, shop):
    response = share(client)
    link = made(response)
    client.get(response["Location"])
    link.refresh_from_db()
    assert link.view_count == 0


def test_qr_code_is_an_svg_of_the_link(client, shop):
    link = made(share(client))
    response = client.get(f"/s/{link.code}/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    assert "max-age" in response["Cache-Control"]
    import segno

    # The same link encodes to the same symbol (segno is deterministic).
    expected = segno.make(f"http://testserver/s/{link.code}/", error="m")
    assert f'width="{expected.symbol_size(scale=6, border=2)[0]}"'.encode() in response.content


def test_open_graph_print_and_provenance(client, shop):
    link = made(share(client))
    html = client.get(f"/en/s/{link.code}/").content.decode()
    assert '<meta property="og:title" content="Lakala Alpha · Lakala Bravo: cost compared">' in html
    assert (
        '<meta property="og:description" content="For 30,000 元 a month · custom mix · 12 months, '
        "cheapest: Lakala Alpha, 1,764.00 元 in total." in html
    )
    assert '<meta name="robots" content="noindex">' in html
    assert 'class="print-only print-provenance"' in html
    assert f"Quote http://testserver/en/s/{link.code}/, made on {today().isoformat()}" in html
    assert f'src="/en/s/{link.code}/qr.svg"' in html
    assert "Checked on" in html  # each plan's date checked, in the table


@pytest.mark.parametrize("count", [2, 6])
def test_shared_page_query_budget(client, shop, django_assert_max_num_queries, count):
    brand = make_brand()
    for i in range(4):
        make_plan(make_product(brand, slug=f"x{i}"), rates={"credit_card": "0.6", "wechat": "0.4"})
    slugs = ["alpha", "bravo", "x0", "x1", "x2", "x3"][:count]
    link = services.comparison_share(slugs=slugs, params={}, on=today())
    # The link; today's products, plans, rates and features (for the banner); the view count;
    # the fee-data version (from the database: the empty cache has no copy of it yet).
    with django_assert_max_num_queries(7):
        assert client.get(f"/s/{link.code}/").status_code == 200
    # Today's figures are cached until the fee data changes: the link and the count.
    with django_assert_max_num_queries(2):
        assert client.get(f"/s/{link.code}/").status_code == 200
