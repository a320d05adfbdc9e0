"""Response codes are editable in the admin."""

from __future__ import annotations

import pytest

from guides.models import ResponseCode

pytestmark = pytest.mark.django_db


def test_changelist_lists_and_searches_codes(admin_client, codes):
    response = admin_client.get("/admin/guides/responsecode/", {"q": "余额"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "资金不足" in html


def test_admin_edits_a_code_and_the_page_shows_it(admin_client, client, codes):
    rc = ResponseCode.objects.get(code="51")
    url = f"/admin/guides/responsecode/{rc.pk}/change/"
    form = admin_client.get(url)
    assert form.status_code == 200
    data = {
        "code": "51",
        "meaning_zh": rc.meaning_zh,
        "meaning_en": rc.meaning_en,
        "party": rc.party,
        "action_zh": "请持卡人换卡或改用扫码支付。",
        "action_en": rc.action_en,
        "legacy_category": rc.legacy_category,
        "in_cup_2014": "on",
        "display_zh": rc.display_zh,
        "keywords": rc.keywords,
        "notes_zh": "",
        "notes_en": "",
        "sources": rc.sources,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "请持卡人换卡或改用扫码支付。" in client.get("/guides/codes/51/").content.decode()


def test_admin_rejects_a_malformed_code(admin_client, codes):
    response = admin_client.post(
        "/admin/guides/responsecode/add/",
        {
            "code": "5-",
            "meaning_zh": "x",
            "meaning_en": "x",
            "action_zh": "x",
            "action_en": "x",
        },
    )
    assert response.status_code == 200
    assert "应答码是两位字符" in response.content.decode()
    assert not ResponseCode.objects.filter(code="5-").exists()
