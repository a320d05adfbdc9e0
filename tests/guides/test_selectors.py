"""Search and suggestions over the real codes."""

from __future__ import annotations

import pytest

from guides import selectors

pytestmark = pytest.mark.django_db


def codes_of(results) -> list[str]:
    return [rc.code for rc in results]


def test_search_by_code_puts_the_code_first(codes):
    assert codes_of(selectors.code_search(query="51"))[0] == "51"


@pytest.mark.parametrize("query", ["a0", "A0", " a0 "])
def test_search_is_case_insensitive(codes, query):
    assert codes_of(selectors.code_search(query=query.strip()))[0] == "A0"


def test_search_by_chinese_word(codes):
    assert "51" in codes_of(selectors.code_search(query="余额"))
    found = codes_of(selectors.code_search(query="密码"))
    assert {"55", "38", "75"} <= set(found)


def test_search_by_english_word(codes):
    found = codes_of(selectors.code_search(query="expired"))
    assert {"33", "54"} <= set(found)
    assert "51" not in found
    assert codes_of(selectors.code_search(query="EXPIRED")) == found


def test_every_word_must_match(codes):
    assert codes_of(selectors.code_search(query="expired pick")) == ["33"]


def test_party_filter(codes):
    found = selectors.code_search(query="", party="network")
    assert found and all(rc.party == "network" for rc in found)
    assert "51" not in codes_of(selectors.code_search(query="51", party="terminal"))


def test_empty_search_lists_everything_in_code_order(codes):
    found = codes_of(selectors.code_search(query=""))
    assert len(found) == 82
    assert found == sorted(found)


def test_nothing_found(codes):
    assert selectors.code_search(query="zzzz") == []


@pytest.mark.parametrize(
    ("query", "first"),
    [("AO", "A0"), ("ao", "A0"), ("5l", "51"), ("510", "51")],
)
def test_suggestions_by_code_similarity(codes, query, first):
    assert codes_of(selectors.code_suggestions(query=query))[0] == first


def test_suggestions_for_an_unknown_code_share_a_character(codes):
    # 5x codes of the 2014 standard before those only in older tables (52, 53, 56).
    found = codes_of(selectors.code_suggestions(query="5Z"))
    assert found == ["51", "54", "55", "57", "58"]


def test_suggestions_by_text(codes):
    assert {"33", "54"} & set(codes_of(selectors.code_suggestions(query="expird")))
    assert "51" in codes_of(selectors.code_suggestions(query="余额不够"))


def test_no_suggestions_for_noise(codes):
    assert selectors.code_suggestions(query="!!!!!!!!") == []


def test_code_get(codes):
    assert selectors.code_get(code="a0").code == "A0"
    assert selectors.code_get(code="QQ") is None


def test_meaning_matches_come_before_matches_in_what_to_do(codes):
    # 10 says "余额用其他方式支付" (pay the rest another way) in what to do;
    # 51 is about the balance itself.
    found = codes_of(selectors.code_search(query="余额"))
    assert found.index("51") < found.index("10")
