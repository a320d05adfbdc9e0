"""Page meta: ``base.html`` puts ``meta.title`` and ``meta.description`` into ``<title>``, the
description meta tag and the Open Graph tags, so a shared link previews with the same words."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    og_type: str = "website"


def site_url(path: str) -> str:
    """``path`` on this site, as an absolute URL from ``settings.SITE_URL`` (``DJANGO_SITE_URL``):
    never from the request's Host header, which a client chooses."""
    return f"{settings.SITE_URL}{path}"
