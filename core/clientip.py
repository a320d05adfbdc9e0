"""The client's address, behind the proxies the settings trust (``TRUSTED_PROXY_HOPS``).

One function for everything that tells clients apart: the login lockout (django-axes'
``AXES_CLIENT_IP_CALLABLE``, so its audit rows hold the client's address) and the rate limits
(django-ratelimit's ``RATELIMIT_IP_META_KEY``).

Each trusted proxy appends the address it received the request from to ``X-Forwarded-For``
(nginx: ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``, as deploy/nginx.conf
does). With ``n`` trusted hops the client's address is the ``n``-th entry from the right:
anything to its left was sent by the client and is never believed. With 0 hops (the default:
the app server faces clients itself) the header is ignored and ``REMOTE_ADDR`` is the client.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    text = text.strip().removeprefix("[").split("]")[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent ``request``."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    hops = int(getattr(settings, "TRUSTED_PROXY_HOPS", 0))
    if hops <= 0:
        return remote
    forwarded = [
        a for a in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if a.strip()
    ]
    if len(forwarded) < hops:  # did not come through every trusted proxy
        return remote
    return _address(forwarded[-hops]) or remote
