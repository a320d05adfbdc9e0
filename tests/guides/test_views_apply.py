"""/guides/apply/: steps, the materials checklist by merchant type, precautions, links."""

from __future__ import annotations

import pytest

from guides import apply
from tests.factories import make_brand

pytestmark = pytest.mark.django_db

URL = "/guides/apply/"
HX = {"HTTP_HX_REQUEST": "true"}


def checkboxes(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('name="have" value="')[1:]]


def checked(html: str) -> list[str]:
    return [
        part.split('"', 1)[0]
        for part in html.split('name="have" value="')[1:]
        if part.split(">", 1)[0].endswith(" checked")
    ]


def test_page_without_a_type(client, django_assert_max_num_queries):
    make_brand(slug="lakala", name="拉卡拉", name_en="Lakala")
    # +1: the fee-data version, read from the database (the emptied cache has no copy).
    with django_assert_max_num_queries(2):
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>POS机怎么办理：流程、资料和陷阱 · POS机对比</title>" in html
    assert '<meta name="description" content="POS机怎么办理：' in html
    for stage in ["了解产品", "准备资料", "申请", "审核", "安装培训"]:
        assert f"<strong>{stage}</strong>" in html
    for step in ["实名认证", "电子签约", "终端绑定", "签到"]:
        assert step in html
    assert checkboxes(html) == []
    assert 'href="/guides/apply/?type=individual#materials"' in html
    # Precautions, with links to the brand pages and the calculator.
    for heading in [
        "确认服务商有支付牌照",
        "签约前要看清的条款",
        "押金和流量费陷阱",
        "“0费率”等说法",
    ]:
        assert heading in html
    assert 'href="/brands/lakala/"' in html
    assert 'href="/calculator/"' in html
    assert "www.pbc.gov.cn" in html


@pytest.mark.parametrize(
    ("merchant_type", "has", "lacks"),
    [
        ("xiaowei", ["id-card", "bank-card", "shopfront-photo"], ["licence", "corporate-account"]),
        ("individual", ["id-card", "licence", "bank-card"], ["corporate-account"]),
        ("company", ["licence", "corporate-account", "premises-proof"], ["business-proof"]),
    ],
)
def test_checklist_by_merchant_type(client, merchant_type, has, lacks):
    html = client.get(URL, {"type": merchant_type}).content.decode()
    boxes = checkboxes(html)
    for slug in has:
        assert slug in boxes
    for slug in lacks:
        assert slug not in boxes
    # Required items come first.
    needs = [need for _m, need in apply.materials_for(merchant_type)]
    assert needs == sorted(needs, key=[apply.REQUIRED, apply.IF_APPLICABLE, apply.SOMETIMES].index)


def test_sole_trader_ticks_in_the_url(client):
    response = client.get(URL, {"type": "individual", "have": ["id-card", "licence"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert checked(html) == ["id-card", "licence"]
    # 7 required: ID, licence, debit card, phone, shopfront, interior, counter.
    assert "必备材料已准备 2 / 7 项" in html
    assert "<title>个体工商户 · POS机怎么办理" in html


def test_all_required_ticked(client):
    required = [m.slug for m, need in apply.materials_for("xiaowei") if need == apply.REQUIRED]
    html = client.get(URL, {"type": "xiaowei", "have": required}).content.decode()
    assert f"必备材料已准备 {len(required)} / {len(required)} 项" in html
    assert "必备材料已备齐" in html


def test_htmx_tick_returns_only_the_progress(client, django_assert_max_num_queries):
    # +1: the fee-data version, read from the database (the emptied cache has no copy).
    with django_assert_max_num_queries(1):
        response = client.get(
            URL,
            {"type": "individual", "have": ["id-card"]},
            HTTP_HX_TARGET="apply-progress",
            **HX,
        )
    assert response.status_code == 200
    html = response.content.decode().strip()
    assert html.startswith('<p class="checklist-progress')
    assert "必备材料已准备 1 / 7 项" in html
    assert "HX-Target" in response["Vary"]


def test_htmx_type_switch_returns_the_checklist(client):
    response = client.get(URL, {"type": "company"}, HTTP_HX_TARGET="apply-checklist", **HX)
    html = response.content.decode()
    assert "<html" not in html
    assert "corporate-account" in checkboxes(html)
    assert "<title>企业 · " in html


def test_unknown_item_is_a_400_keeping_the_valid_ticks(client):
    response = client.get(URL, {"type": "individual", "have": ["licence", "<i>fake</i>"]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "清单里没有“&lt;i&gt;fake&lt;/i&gt;”这一项" in html
    assert checked(html) == ["licence"]


def test_unknown_type_is_a_400(client):
    response = client.get(URL, {"type": "bank"})
    assert response.status_code == 400
    assert "请从三种商户类型中选择一种" in response.content.decode()


def test_english(client):
    html = client.get("/en" + URL, {"type": "individual"}).content.decode()
    assert "<title>Sole trader (个体工商户) · How to apply for a POS terminal" in html
    assert '<meta name="description" content="Apply for a POS terminal in mainland China' in html
    assert "Business licence (营业执照)" in html
    assert 'href="/en/calculator/"' in html
    assert "0 of 7 required items ready" in html


def test_low_confidence_and_sources_are_shown(client):
    html = client.get(URL).content.decode()
    assert '<span class="badge badge-estimate">可信度低</span>' in html
    assert (
        'id="src-S36"' in html and "https://apifox.com/apidoc/docs-site/2466304/doc-5945508" in html
    )
    assert 'id="src-S12"' in html
