"""/guides/troubleshooting/: every step, the walk's links, the brand's hotline, bad input."""

from __future__ import annotations

import pytest

from guides import troubleshooting
from guides.forms import MSG_UNKNOWN_BRAND, MSG_UNKNOWN_STEP
from tests.factories import make_brand

pytestmark = pytest.mark.django_db

URL = "/guides/troubleshooting/"
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def brands():
    return {
        "lakala": make_brand(
            slug="lakala",
            name="拉卡拉",
            name_en="Lakala",
            hotline="95016",
            hotline_source_url="https://example.com/lakala-hotline",
        ),
        "hrt": make_brand(slug="hrt", name="和融通", name_en="Heyrongtong"),
    }


def test_first_page(client, brands, django_assert_max_num_queries):
    # +1: the fee-data version, read from the database (the emptied cache has no copy).
    with django_assert_max_num_queries(2):
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>刷卡POS机出现用户异常怎么办？一步步排查 · POS机对比</title>" in html
    assert '<meta name="description" content="刷卡POS机提示用户异常或错误代码？' in html
    assert "<h1>刷卡POS机出现用户异常怎么办</h1>" in html
    # Symptoms lead into the walk, carrying no brand yet.
    assert 'href="/guides/troubleshooting/?step=card"' in html
    assert 'href="/guides/troubleshooting/?step=merchant"' in html
    # A code goes to the lookup.
    assert 'action="/guides/codes/"' in html
    # The brand picker lists the catalog's brands.
    assert '<option value="lakala">拉卡拉</option>' in html
    assert '<option value="hrt">和融通</option>' in html


@pytest.mark.parametrize("step", [s for s in troubleshooting.WALK if s.checks])
def test_each_step_says_what_to_check_what_it_means_what_to_do(client, brands, step):
    response = client.get(URL, {"step": step.slug, "brand": "lakala"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<dt>检查</dt>") == len(step.checks)
    assert html.count("<dt>说明什么</dt>") == len(step.checks)
    assert html.count("<dt>怎么办</dt>") == len(step.checks)
    # "Still failing" leads to the next step, keeping the brand; "works" leads to solved.
    assert f'href="{URL}?step={step.next}&amp;brand=lakala"' in html
    assert f'href="{URL}?step=solved&amp;brand=lakala"' in html
    # The codes a check names link to their pages.
    for code in troubleshooting.step_codes(step):
        assert f'href="/guides/codes/{code}/"' in html


def test_walk_order(client, brands):
    order = [s.slug for s in troubleshooting.WALK]
    assert order == ["card", "network", "restart", "update", "merchant", "support"]
    html = client.get(URL, {"step": "network"}).content.decode()
    assert "第 2 步，共 6 步" in html
    assert 'aria-current="step"' in html
    assert f'href="{URL}?step=card" hx-get="{URL}?step=card" hx-target="#trouble"' in html


def test_low_confidence_steps_are_marked(client, brands):
    html = client.get(URL, {"step": "merchant"}).content.decode()
    assert html.count('<span class="badge badge-estimate">可信度低</span>') == 2
    assert 'id="src-S35e"' in html and "https://www.sxfpos.com/360671" in html


def test_support_with_a_brand_that_has_a_hotline(client, brands):
    html = client.get(URL, {"step": "support", "brand": "lakala"}).content.decode()
    assert "拉卡拉 客服" in html
    assert '<a href="tel:95016">95016</a>' in html
    assert "https://example.com/lakala-hotline" in html
    assert 'href="/brands/lakala/"' in html
    for item in ["错误代码或完整提示语", "终端号和序列号（SN）", "商户号", "出错的日期和时间"]:
        assert item in html
    assert '<a href="tel:12363">12363</a>' in html


def test_support_with_a_brand_without_a_hotline_says_so(client, brands):
    html = client.get(URL, {"step": "support", "brand": "hrt"}).content.decode()
    assert "我们没有核实过这个品牌的客服电话" in html
    assert "tel:95016" not in html
    assert '<a href="tel:12363">12363</a>' in html


def test_support_without_a_brand(client, brands):
    html = client.get(URL, {"step": "support"}).content.decode()
    assert "请拨打机器背面标签" in html
    assert '<a href="tel:12363">12363</a>' in html


def test_english(client, brands):
    html = client.get("/en" + URL, {"step": "support", "brand": "lakala"}).content.decode()
    assert (
        "<title>Contact support · Terminal says 用户异常? Fix it step by step · POS Compare" in html
    )
    assert '<meta name="description" content="POS terminal shows 用户异常 or an error code?' in html
    assert "Lakala customer service" in html
    assert "Terminal ID and serial number (SN)" in html


def test_htmx_gets_the_step_fragment(client, brands, django_assert_max_num_queries):
    # +1: the fee-data version, read from the database (the emptied cache has no copy).
    with django_assert_max_num_queries(2):
        response = client.get(URL, {"step": "restart", "brand": "lakala"}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<h1>" not in html
    assert '<h2 id="step-title" tabindex="-1">' in html
    assert "<title>重启终端并重新签到 · " in html
    assert "HX-Request" in response["Vary"]


def test_unknown_step_is_a_400_on_the_first_page(client, brands):
    response = client.get(URL, {"step": "reboot-everything", "brand": "lakala"})
    assert response.status_code == 400
    html = response.content.decode()
    assert str(MSG_UNKNOWN_STEP) in html or "没有这个步骤" in html
    assert "终端上显示什么？" in html
    assert '<option value="lakala" selected>' in html  # the valid brand is kept


def test_unknown_brand_is_a_400_with_the_step_kept(client, brands):
    response = client.get(URL, {"step": "support", "brand": "<b>nope</b>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "没有这个品牌" in html or str(MSG_UNKNOWN_BRAND) in html
    assert "联系客服" in html
    assert "<b>nope</b>" not in html


def test_unknown_query_fields_are_ignored(client, brands):
    assert client.get(URL, {"step": "card", "utm_source": "wechat"}).status_code == 200
