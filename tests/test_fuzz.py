"""No 500 on any input: generated query strings and form posts against every public URL.

Hypothesis sends random keys and the link-format keys with hostile values (huge and negative
numbers, non-ASCII, SQL and HTML fragments, overlong strings). Every response must be below 500
and must not echo an HTML payload unescaped. ``test_every_public_route_is_fuzzed`` fails when a
new public route is added without being listed here.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator.offer import FIELD_NAMES as OFFER_FIELDS
from catalog.models import Brand, Product
from catalog.seed import seed_catalog
from compare.models import SharedComparison
from compare.services import comparison_share
from guides.seed import seed_guides

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

# Generated inputs per test: each GET input goes to all 45 public paths (zh + en), as a page and
# as an htmx request (40 × 45 × 2 = 3,600 requests), each POST input to both share URLs (80).
EXAMPLES = 40

KNOWN_KEYS = [
    "volume",
    "ticket",
    "months",
    "settlement",
    "spm",
    "preset",
    "products",
    "pin",
    "page",
    "sort",
    "q",
    "step",
    "brand",
    "type",
    "kind",
    "rise",
    "rise_to",
    "rise_fixed",
    "rise_after",
    "mix_debit_card",
    "mix_credit_card",
    "mix_wechat",
    "mix_alipay",
    "mix_unionpay_qr",
    "mix_contactless",
    "ticket_credit_card",
    "features",
    "methods",
    "max_credit_rate",
    "max_debit_cap",
    "max_deposit",
    "instant",
    "min_price",
    "max_price",
    "active",
    "diff",
    *sorted(OFFER_FIELDS),
]
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "1; DROP TABLE catalog_plan; --",
    "9" * 400,
    "-1",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "0x1F",
    "１２３",  # full-width digits
    "二十万",
    "😀" * 50,
    "\x00",
    "%00",
    "../../etc/passwd",
    "a" * 5000,
    "",
    " ",
    "0.000000001",
    "100,000",
    # Huge exponents with the Chinese units (decimal.Overflow once): 万, 千, 亿.
    "1e999999万",
    "1e999999千",
    "1e999999亿",
    "-1e999999万",
    "1e-999999万",
    "9.9E+999999999亿",
    "1e17万",
    "1e18亿",
    "３万",
    "1.5亿",
    "5千元",
]
# Every allowed Host (ALLOWED_HOSTS in test_hosts_never_500) and disallowed ones.
ALLOWED = ["testserver", "www.example.cn", "example.cn"]
DISALLOWED = [
    "evil.example",
    "testserver.evil.example",
    "[::1",
    "exa mple.cn",
    "a" * 300,
    "example.cn@evil.example",
]
ODD_HOSTS = ["testserver:99999", "TESTSERVER", ""]  # allowed by Django's rules, or none at all
values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=20))
query = st.dictionaries(keys, values, max_size=8)

PAYLOAD = re.compile(r"<script>alert\(1\)</script>|<img src=x onerror")


def public_paths() -> list[str]:
    product = Product.objects.order_by("slug").first()
    brand = Brand.objects.order_by("slug").first()
    shared = SharedComparison.objects.order_by("pk").first()
    paths = [
        "/",
        "/products/",
        f"/products/{product.slug}/",
        "/brands/",
        f"/brands/{brand.slug}/",
        "/compare/",
        "/compare/links/",
        "/compare/share/",
        f"/s/{shared.code}/",
        f"/s/{shared.code}/qr.svg",
        "/s/nosuchcode/",
        "/calculator/",
        "/calculator/working/",
        "/calculator/offer/",
        "/calculator/offer.ics",
        "/reports/new/",
        "/reports/1/thanks/",
        "/guides/troubleshooting/",
        "/guides/codes/",
        "/guides/codes/51/",
        "/guides/codes/a0/",
        "/guides/codes/ZZ/",
        "/guides/apply/",
        "/statement/",
        "/statement/template.csv",
        "/statement/template.xlsx",
        "/statement/evidence/",
        "/statement/evidence.csv",
        "/healthz",
        "/readyz",
        "/sitemap.xml",
        "/robots.txt",
        # api/: the open data and the widget (pages), the API and the dataset files (site level)
        "/open-data/",
        "/embed/calculator/",
        "/embed/compare/",
        "/changes/",
        f"/changes/{brand.slug}/",
        "/changes/feed.atom",
        f"/changes/{brand.slug}/feed.atom",
        "/compare/export.csv",
        "/calculator/export.csv",
    ]
    api = [
        "/api/v1/",
        "/api/v1/brands",
        f"/api/v1/brands/{brand.slug}",
        "/api/v1/products",
        f"/api/v1/products/{product.slug}",
        f"/api/v1/products/{product.slug}/reports",
        "/api/v1/plans/1",
        "/api/v1/codes",
        "/api/v1/codes/a0",
        "/api/v1/changes",
        "/api/v1/rank",
        "/api/v1/compare",
        "/api/v1/offer-check",
        "/api/v1/openapi.json",
        "/api/v1/docs",
        "/data/fees.json",
        "/data/fees.csv",
        "/data/v/nope/fees.json",
        "/data/v/nope/fees.csv",
    ]
    site_level = ("/healthz", "/readyz", "/sitemap.xml", "/robots.txt")
    return paths + ["/en" + p for p in paths if p not in site_level] + api


# Route patterns (regex or route strings) covered by public_paths() or deliberately not fuzzed.
COVERED_ROUTES = {
    "",
    "products/",
    "products/<slug:slug>/",
    "brands/",
    "brands/<slug:slug>/",
    "compare/",
    "compare/links/",
    "compare/share/",  # its posts are fuzzed below (test_share_post_never_500)
    "s/<slug:code>/",
    "s/<slug:code>/qr.svg",
    "calculator/",
    "calculator/working/",
    "calculator/offer/",
    "calculator/offer.ics",
    "reports/new/",  # its posts are fuzzed below (test_report_post_never_500)
    "reports/<int:pk>/thanks/",
    "reports/<int:pk>/flag/",  # POST only; bad reasons tested in tests/reports
    "guides/troubleshooting/",
    "guides/codes/",
    "guides/codes/<str:code>/",
    "guides/apply/",
    "healthz",
    "readyz",
    "ping",
    "sitemap.xml",
    "robots.txt",
    "tray/",  # POST only; fuzzed in tests/catalog/test_tray.py
    "open-data/",
    "embed/calculator/",
    "embed/compare/",
    "changes/",
    "changes/<slug:slug>/",
    "changes/feed.atom",
    "changes/<slug:slug>/feed.atom",
    "compare/export.csv",
    "calculator/export.csv",
    "data/fees.json",
    "data/fees.csv",
    "data/v/<slug:version>/fees.json",
    "data/v/<slug:version>/fees.csv",
    # The API: fuzzed here and by schemathesis over its schema (make api-schema).
    *(
        f"api/v1/{route}"
        for route in (
            "",
            "brands",
            "brands/<slug>",
            "products",
            "products/<slug>",
            "products/<slug>/reports",
            "plans/<plan_id>",
            "codes",
            "codes/<code>",
            "changes",
            "rank",
            "compare",
            "offer-check",
            "openapi.json",
            "docs",
        )
    ),
    "statement/",  # its uploads are fuzzed in tests/statements/test_bad_files.py
    "statement/template.csv",
    "statement/template.xlsx",
    "statement/evidence/",
    "statement/evidence.csv",
    "api/v1/statements/",  # POST only; tests/statements/test_api.py and test_bad_files.py
    # Signed-in staff only (anonymous visitors are sent to sign in); tests/core/test_two_factor.py
    "admin/two-factor/",
    "admin/two-factor/setup/",
}


def iter_routes(resolver: URLResolver, prefix: str = "") -> list[str]:
    routes: list[str] = []
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if getattr(entry, "app_name", None) == "admin":
                continue
            inner = (
                ""
                if route.startswith("^") or "LocalePrefix" in type(entry.pattern).__name__
                else route
            )
            routes += iter_routes(entry, prefix + inner)
        elif isinstance(entry, URLPattern):
            routes.append(prefix + route)
    return routes


def test_every_public_route_is_fuzzed():
    routes = set(iter_routes(get_resolver()))
    assert {"", "products/", "healthz"} <= routes  # the walk does see the routes
    assert routes - COVERED_ROUTES == set(), (
        "add the new routes to public_paths() and COVERED_ROUTES"
    )


@pytest.fixture
def seeded(db):
    seed_catalog()
    seed_guides()
    slugs = list(Product.objects.active().order_by("slug").values_list("slug", flat=True)[:3])
    comparison_share(slugs=slugs, params={}, on=timezone.localdate())


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=query)
@override_settings(API_RATE="1000000/m", API_COMPUTE_RATE="1000000/m")
def test_get_never_500_nor_unescaped(client, seeded, params):
    for path in public_paths():
        url = f"{path}?{urlencode(params)}" if params else path
        for htmx in (False, True):
            headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
            response = client.get(url, **headers)
            assert response.status_code < 500, (url, response.status_code)
            body = response.content.decode("utf-8", "replace")
            assert not PAYLOAD.search(body), (url, "unescaped payload")


@pytest.mark.parametrize("host", ALLOWED + DISALLOWED + ODD_HOSTS)
def test_hosts_never_500(seeded, settings, host):
    """Every public path with every allowed and disallowed Host, with DEBUG off (the production
    error pages): a disallowed one is a 400 page, never a 500; the canonical link always names
    DJANGO_SITE_URL, whichever Host rendered (and cached) the page."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver", ".example.cn"]
    settings.SITE_URL = "https://pos.example.cn"
    client = Client(raise_request_exception=False)
    for path in public_paths():
        for method in (client.get, client.post):
            response = method(path, HTTP_HOST=host)
            assert response.status_code < 500, (host, path, response.status_code)
            if host in DISALLOWED:
                assert response.status_code == 400, (host, path, response.status_code)
            elif (
                response.status_code == 200
                and method == client.get
                and response["Content-Type"].startswith("text/html")  # not the XLSX template
            ):
                for href in re.findall(r'<link rel="canonical" href="([^"]+)"', response.text):
                    assert href.startswith("https://pos.example.cn/"), (host, path, href)


# Share posts: random fields (and the link-format ones with hostile values), with and without
# real products. Every answer is a redirect to a new link, a 400 page or the 429 page.
product_lists = st.one_of(
    values,
    st.lists(
        st.sampled_from(["alpha-x", "lakala-4g-esign", "99bill-pos", "hrt-esign-estimate"]),
        max_size=8,
    ).map(",".join),
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(fields=query, products=product_lists)
@override_settings(SHARE_RATE_ANONYMOUS="1000/h")
def test_share_post_never_500(client, seeded, fields, products):
    cache.clear()  # rate-limit counters
    for path in ("/compare/share/", "/en/compare/share/"):
        response = client.post(path, {**fields, "products": products})
        assert response.status_code in (303, 400), (fields, products, response.status_code)
        body = response.content.decode("utf-8", "replace")
        assert not PAYLOAD.search(body), (path, "unescaped payload")
        if response.status_code == 303:
            assert client.get(response["Location"]).status_code == 200


REPORT_KEYS = [
    *(f"rate_{m}" for m in ("debit_card", "credit_card", "wechat", "alipay", "unionpay_qr")),
    *("cap_debit_card", "instant_percent", "instant_fixed", "sim_fee", "sim_every", "deposit"),
    *("deposit_returned", "proof_method", "proof_amount", "proof_fee", "note", "measured"),
    *("since", "province", "kind", "brand", "website", "change-0-old", "change-0-month"),
]
report_fields = st.dictionaries(
    st.one_of(st.sampled_from(REPORT_KEYS), st.text(min_size=1, max_size=20)), values, max_size=10
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(fields=report_fields, product=product_lists)
@override_settings(RATELIMIT_ENABLE=False)
def test_report_post_never_500(client, seeded, fields, product):
    base = {"province": "guangdong", "since": "2025-03", "rate_credit_card": "0.6"}
    for path in ("/reports/new/", "/en/reports/new/"):
        data = {**base, "change-TOTAL_FORMS": "3", "change-INITIAL_FORMS": "0", **fields}
        response = client.post(path, {**data, "product": product})
        assert response.status_code in (302, 400), (fields, product, response.status_code)
        body = response.content.decode("utf-8", "replace")
        assert not PAYLOAD.search(body), (path, "unescaped payload")
