"""Errors as RFC 9457 problem details (``application/problem+json``), in the requested language.

A problem names each invalid field with its message, exactly as the pages report it::

    {"type": "about:blank", "title": "…", "status": 400, "detail": "…",
     "errors": [{"field": "volume", "message": "…"}]}
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from pydantic import BaseModel, Field

PROBLEM_TYPE = "application/problem+json"


class FieldError(BaseModel):
    field: str = Field(description="The query parameter · 参数名")
    message: str = Field(description="What it takes · 错误说明")


class Problem(BaseModel):
    type: str = Field("about:blank", description="RFC 9457 problem type · 问题类型")
    title: str = Field(description="Summary · 摘要")
    status: int = Field(description="HTTP status · 状态码")
    detail: str = Field("", description="Explanation · 说明")
    errors: list[FieldError] = Field(default_factory=list, description="Per field · 各参数错误")


def problem(
    status: int,
    *,
    title: str | None = None,
    detail: str = "",
    errors: Mapping[str, Sequence[str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    titles = {
        400: _("The request has invalid parameters."),
        404: _("Not found."),
        405: _("Method not allowed."),
        429: _("Too many requests: please wait a moment and try again."),
    }
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or titles.get(status, _("Error")),
        "status": status,
        "detail": detail,
        "errors": [
            {"field": name, "message": str(message)}
            for name, messages in (errors or {}).items()
            for message in messages
        ],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_TYPE
    )
    for key, value in (headers or {}).items():
        response[key] = value
    return response
