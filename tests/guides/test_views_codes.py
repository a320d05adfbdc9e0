"""/guides/codes/ and /guides/codes/<code>/: search, live fragment, case, unknown codes, errors."""

from __future__ import annotations

import pytest

from guides.forms import MSG_SEARCH_TOO_LONG
from guides.models import ResponseCode

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def test_list_shows_every_code(client, codes, django_assert_max_num_queries):
    # +1: the fee-data version, read from the database (the emptied cache has no copy).
    with django_assert_max_num_queries(2):
        response = client.get("/guides/codes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<li class="code-card') == ResponseCode.objects.count() == 82
    assert "全部 82 个应答码" in html
    assert 'href="/guides/codes/A0/"' in html
    assert 'hx-get="/guides/codes/"' in html and 'hx-push-url="true"' in html


@pytest.mark.parametrize("query", ["51", "余额", "资金不足"])
def test_search_finds_51_by_code_and_by_word(client, codes, query):
    response = client.get("/guides/codes/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    first = html.index('class="code-card')
    assert (
        'href="/guides/codes/51/"><span class="code-big">51</span> <strong>资金不足</strong>'
        in (html[first : first + 400])
    )


def test_search_by_english_word_on_the_english_page(client, codes):
    html = client.get("/en/guides/codes/", {"q": "expired"}).content.decode()
    assert 'href="/en/guides/codes/54/"' in html
    assert 'href="/en/guides/codes/33/"' in html
    assert "Expired card" in html
    assert 'href="/en/guides/codes/51/"' not in html


def test_party_filter(client, codes):
    html = client.get("/guides/codes/", {"party": "network"}).content.decode()
    assert 'href="/guides/codes/90/"' in html
    assert 'href="/guides/codes/51/"' not in html


def test_htmx_gets_the_results_fragment(client, codes, django_assert_max_num_queries):
    # +1: the fee-data version, read from the database (the emptied cache has no copy).
    with django_assert_max_num_queries(2):
        response = client.get("/guides/codes/", {"q": "密码"}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<nav" not in html
    assert '<div id="code-search-errors" hx-swap-oob="true"></div>' in html
    for code in ["55", "38", "75"]:
        assert f'href="/guides/codes/{code}/"' in html
    assert "<title>“密码” · POS机应答码查询" in html
    assert response["Vary"].count("HX-Request") == 1


def test_no_match_suggests_the_closest_codes(client, codes):
    html = client.get("/guides/codes/", {"q": "expird"}).content.decode()
    assert "没有和“expird”匹配的应答码" in html
    assert "最接近的应答码" in html
    assert 'href="/guides/codes/54/"' in html


def test_too_long_search_is_a_400_with_the_text_kept(client, codes):
    query = "x" * 41
    response = client.get("/guides/codes/", {"q": query})
    assert response.status_code == 400
    html = response.content.decode()
    assert str(MSG_SEARCH_TOO_LONG) % {"limit_value": 40} in html
    assert f'value="{query}"' in html
    assert 'class="code-card' not in html


def test_bad_input_fragment_carries_the_message_out_of_band(client, codes):
    response = client.get("/guides/codes/", {"q": "x" * 41}, **HX)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="code-search-errors" hx-swap-oob="true"><ul class="errorlist"' in html
    assert "最多输入40个字符" in html


@pytest.mark.parametrize(
    "params", [{"party": "nobody"}, {"q": "5\x001"}, {"q": "<script>alert(1)</script>" * 3}]
)
def test_bad_input_never_500(client, codes, params):
    response = client.get("/guides/codes/", params)
    assert response.status_code == 400
    assert "<script>alert" not in response.content.decode()


def test_search_input_is_escaped(client, codes):
    html = client.get("/guides/codes/", {"q": "<b>x</b>"}).content.decode()
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_code_detail(client, codes, django_assert_max_num_queries):
    # +1: the fee-data version, read from the database (the emptied cache has no copy).
    with django_assert_max_num_queries(3):
        response = client.get("/guides/codes/51/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>POS机应答码51：资金不足 · POS机对比</title>" in html
    assert '<meta name="description" content="应答码51（资金不足）：余额或可用额度不足' in html
    assert "余额或可用额度不足" in html  # what to do, Chinese
    assert "Not enough balance or credit" in html  # and English beneath it
    assert "Insufficient funds / credit" in html
    assert "持卡人" in html
    assert "可用余额不足" in html  # recommended display
    assert 'href="#src-S28"' in html and 'id="src-S28"' in html
    assert 'href="/guides/troubleshooting/"' in html


def test_code_detail_in_english(client, codes):
    html = client.get("/en/guides/codes/A0/").content.decode()
    assert "<title>POS code A0: MAC verification failed · POS Compare</title>" in html
    assert '<meta name="description" content="Response code A0 (MAC verification failed)' in html
    assert "MAC鉴别失败" in html
    assert "Sign in again to refresh keys" in html


def test_codes_are_case_insensitive(client, codes):
    response = client.get("/guides/codes/a0/")
    assert response.status_code == 301
    assert response["Location"] == "/guides/codes/A0/"
    upper = client.get("/guides/codes/A0/")
    followed = client.get("/guides/codes/a0/", follow=True)
    assert followed.status_code == 200

    def main(response) -> str:
        html = response.content.decode()
        return html[html.index("<main") : html.index("</main>")]

    assert main(followed) == main(upper)
    assert "MAC鉴别失败" in main(upper)
    assert client.get("/en/guides/codes/a0/")["Location"] == "/en/guides/codes/A0/"


def test_unknown_code_is_a_404_with_suggestions(client, codes, django_assert_max_num_queries):
    # +1: the fee-data version, read from the database (the emptied cache has no copy).
    with django_assert_max_num_queries(3):
        response = client.get("/guides/codes/AO/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "查不到代码“AO”" in html
    assert '<meta name="robots" content="noindex">' in html
    first = html.index('class="code-card')
    assert 'href="/guides/codes/A0/"' in html[first : first + 200]


@pytest.mark.parametrize("code", ["ZZZZZZ", "%3Cscript%3E", "x" * 300])
def test_any_unknown_code_is_a_404_never_a_500(client, codes, code):
    response = client.get(f"/guides/codes/{code}/")
    assert response.status_code == 404
    assert "<script>" not in response.content.decode()


def test_search_page_titles_in_both_languages(client, codes):
    zh = client.get("/guides/codes/").content.decode()
    assert "<title>POS机应答码查询：含义和处理方法 · POS机对比</title>" in zh
    assert '<meta name="description" content="银联POS机应答码大全' in zh
    en = client.get("/en/guides/codes/").content.decode()
    assert "<title>POS response codes (应答码): meaning and what to do · POS Compare</title>" in en
    assert '<meta name="description" content="Every China UnionPay POS response code' in en
