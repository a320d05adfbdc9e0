"""Error pages in both languages, with the right status and no stack trace."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_404_in_chinese_and_english(client):
    zh = client.get("/no-such-page/")
    assert zh.status_code == 404
    assert "找不到页面" in zh.content.decode()
    en = client.get("/en/no-such-page/")
    assert en.status_code == 404
    assert "Page not found" in en.content.decode()


def test_csrf_failure_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/", {"x": "1"})
    # The home page only answers GET; the CSRF check runs first and refuses the POST.
    assert response.status_code == 403
    assert "Form expired" in response.content.decode()


def test_500_page_is_standalone_and_bilingual(settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "服务器出错了" in html and "Server error" in html
