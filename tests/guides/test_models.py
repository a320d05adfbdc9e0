from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from guides.models import MSG_CODE_FORMAT, Party, ResponseCode

pytestmark = pytest.mark.django_db


def make(**kw):
    values = {
        "code": "X1",
        "meaning_zh": "测试",
        "meaning_en": "Test",
        "action_zh": "无",
        "action_en": "None",
    }
    values.update(kw)
    return ResponseCode(**values)


def test_code_is_stored_upper_case():
    rc = make(code=" x1 ")
    rc.full_clean()
    rc.save()
    assert ResponseCode.objects.get().code == "X1"
    assert rc.get_absolute_url() == "/guides/codes/X1/"


@pytest.mark.parametrize("bad", ["1", "123", "5-", "口口"])
def test_code_format_is_validated(bad):
    with pytest.raises(ValidationError) as exc:
        make(code=bad).full_clean()
    assert str(MSG_CODE_FORMAT) in str(exc.value) or "at most 2" in str(exc.value)


def test_codes_are_unique_whatever_the_case():
    make(code="x1").save()
    with pytest.raises(IntegrityError):
        make(code="X1").save()


def test_an_approved_code_has_no_party():
    with pytest.raises(IntegrityError):
        make(approved=True, party=Party.CARDHOLDER).save()


def test_language_picks_the_texts(settings):
    from django.utils import translation

    rc = make(notes_zh="注", notes_en="")
    with translation.override("en"):
        assert rc.meaning == "Test"
        assert rc.other_meaning == "测试"
        assert rc.notes == "注"  # falls back to the Chinese note
    with translation.override("zh-hans"):
        assert rc.meaning == "测试"
        assert rc.action == "无"
