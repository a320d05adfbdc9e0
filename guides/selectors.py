"""Reads for the guides: response-code search and suggestions, brands for the support step."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from django.db.models import QuerySet

from catalog.models import Brand
from guides.models import ResponseCode, ResponseCodeQuerySet, normalise_code

SUGGESTION_LIMIT = 5
SUGGESTION_MIN_SCORE = 0.5
# Characters people type for the digits on a terminal screen: AO → A0, 5l → 51.
CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_ASCII_WORD = re.compile(r"[a-z0-9-]+")
TITLE_FIELDS = ("code", "meaning_zh", "meaning_en", "display_zh", "keywords")


def brands_for_support() -> QuerySet[Brand]:
    """Every brand, with only what the support step shows (name, hotline and its source)."""
    return Brand.objects.only("slug", "name", "name_en", "hotline", "hotline_source_url").order_by(
        "slug"
    )


def brands_for_links() -> QuerySet[Brand]:
    return Brand.objects.only("slug", "name", "name_en", "licence_number").order_by("slug")


def code_list(*, party: str = "") -> ResponseCodeQuerySet:
    qs = ResponseCode.objects.all()
    if party:
        qs = qs.filter(party=party)
    return qs.order_by("code")


def code_search(*, query: str, party: str = "") -> list[ResponseCode]:
    """Codes matching every word of ``query`` (code prefix or text in either language).

    Best first: the exact code, then codes starting with the query, then codes whose meaning
    or search words match, then codes that match only in what to do; by code within each.
    An empty query lists every code.
    """
    words = query.split()
    qs = code_list(party=party)
    if not words:
        return list(qs)
    found = list(qs.matching_words(words))
    wanted = normalise_code(query)

    lowered = [w.lower() for w in words]

    def rank(rc: ResponseCode) -> tuple[int, str]:
        if rc.code == wanted:
            return (0, rc.code)
        if rc.code.startswith(wanted):
            return (1, rc.code)
        title = " ".join(getattr(rc, name) for name in TITLE_FIELDS).lower()
        if all(w in title for w in lowered):
            return (2, rc.code)  # in the meaning or the search words
        return (3, rc.code)  # only in what to do

    return sorted(found, key=rank)


def code_get(*, code: str) -> ResponseCode | None:
    """The code, case-insensitively; None when unknown."""
    return ResponseCode.objects.filter(code=normalise_code(code)).first()


def _code_score(query: str, code: str) -> float:
    q = normalise_code(query)
    if not q:
        return 0.0
    if q.translate(CONFUSABLE) == code:
        return 0.95
    if len(q) > len(code) and q.startswith(code):
        return 0.85  # a character too many: 510 → 51
    if len(q) == len(code) == 2:
        if sum(a == b for a, b in zip(q, code, strict=True)) == 1:
            return 0.75  # one character off: 5Z → 51, 52 …
        if sorted(q) == sorted(code):
            return 0.7  # swapped: 15 → 51
    return SequenceMatcher(None, q, code).ratio() * 0.8


def _text_score(query: str, rc: ResponseCode) -> float:
    """How well the query matches the code's texts.

    ASCII words by spelling (typos allowed), Chinese by the share of characters found.
    """
    q = query.strip().lower()
    if not q:
        return 0.0
    texts = " ".join(getattr(rc, name) for name in ResponseCode.SEARCH_FIELDS).lower()
    if q in texts:
        return 1.0
    if q.isascii():
        best = 0.0
        for word in set(_ASCII_WORD.findall(texts)):
            if len(word) >= 3:
                best = max(best, SequenceMatcher(None, q, word).ratio())
        return best
    chars = [c for c in q if not c.isspace()]
    shared = sum(1 for c in chars if c in texts)
    return shared / len(chars) if chars else 0.0


def code_suggestions(
    *, query: str, limit: int = SUGGESTION_LIMIT, exclude: str = ""
) -> list[ResponseCode]:
    """The codes closest to ``query`` by code similarity and by text, best first.

    Used for unknown codes and empty searches: "5l" suggests 51, "AO" suggests A0, "expird"
    suggests the expired-card codes.
    """
    query = query[:40]
    scored: list[tuple[float, str, ResponseCode]] = []
    for rc in ResponseCode.objects.all():
        if rc.code == exclude:
            continue
        score = max(_code_score(query, rc.code), _text_score(query, rc) * 0.9)
        if rc.in_cup_2014:
            score += 0.01  # between equals, prefer the codes of the current standard
        if score >= SUGGESTION_MIN_SCORE:
            scored.append((score, rc.code, rc))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [rc for _, _, rc in scored[:limit]]


def code_related(*, rc: ResponseCode, limit: int = 6) -> list[ResponseCode]:
    """Other codes on the same side, for "see also" on a code's page."""
    if not rc.party:
        return []
    return list(
        ResponseCode.objects.filter(party=rc.party).exclude(pk=rc.pk).order_by("code")[:limit]
    )
