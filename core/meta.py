"""Page meta: ``base.html`` puts ``meta.title`` and ``meta.description`` into ``<title>``, the
description meta tag and the Open Graph tags, so a shared link previews with the same words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    og_type: str = "website"
