from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    """Site-wide template values.

    ``csp_nonce`` is django-csp's per-request nonce under the name django-htmx's
    ``{% htmx_script %}`` looks for; it stays lazy, so pages without scripts send no nonce.
    """
    return {
        "SITE_NAME": settings.SITE_NAME,
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
