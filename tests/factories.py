"""Small builders for catalog rows in tests. Money and rates are passed as strings → Decimal."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from catalog.models import Brand, Feature, Plan, Product, Rate

_seq = itertools.count(1)

DAY = dt.date(2026, 1, 1)


def D(value: str | int) -> Decimal:
    return Decimal(str(value))


def make_brand(**kw: Any) -> Brand:
    n = next(_seq)
    defaults: dict[str, Any] = {
        "name": f"品牌{n}",
        "name_en": f"Brand {n}",
        "slug": f"brand-{n}",
        "kind": Brand.Kind.ACQUIRER,
    }
    defaults.update(kw)
    return Brand.objects.create(**defaults)


def make_feature(code: str, **kw: Any) -> Feature:
    defaults: dict[str, Any] = {"name": code, "name_en": code, "category": "hardware"}
    defaults.update(kw)
    return Feature.objects.create(code=code, **defaults)


def make_product(brand: Brand | None = None, **kw: Any) -> Product:
    n = next(_seq)
    defaults: dict[str, Any] = {
        "name": f"终端{n}",
        "name_en": f"Terminal {n}",
        "slug": f"terminal-{n}",
        "kind": Product.Kind.ESIGN,
    }
    defaults.update(kw)
    return Product.objects.create(brand=brand or make_brand(), **defaults)


def make_plan(
    product: Product | None = None,
    *,
    rates: dict[str, Any] | None = None,
    promo_rates: dict[str, Any] | None = None,
    **kw: Any,
) -> Plan:
    """A plan in force from 2026-01-01 with the given rates.

    ``rates`` maps a method code to a percent string or a dict of Rate fields, e.g.
    ``{"credit_card": "0.60", "debit_card": {"percent": "0.50", "cap": "20"}}``.
    """
    defaults: dict[str, Any] = {
        "name": "标准费率",
        "name_en": "Standard",
        "valid_from": DAY,
        "verified_on": DAY,
        "source_url": "https://example.com/source",
    }
    defaults.update(kw)
    plan = Plan.objects.create(product=product or make_product(), **defaults)
    for is_promo, table in ((False, rates), (True, promo_rates)):
        for method, spec in (table or {}).items():
            fields = {"percent": spec} if isinstance(spec, str | int | Decimal) else dict(spec)
            fields = {k: (D(v) if v is not None else None) for k, v in fields.items()}
            Rate.objects.create(plan=plan, method=method, is_promo=is_promo, **fields)
    return plan


def make_alpha_bravo(brand: Brand | None = None, **alpha: Any) -> tuple[Plan, Plan]:
    """The two terminals the calculator and comparison tests price by hand:

    alpha — credit 0.60 %, WeChat 0.38 %, deposit 99 元 refunded at 50,000 元 within 90 days,
    SIM 60 元 a year; bravo — credit 0.55 %, WeChat 0.38 %, device 199 元, monthly fee 10 元,
    a market estimate. ``alpha`` passes more fields to alpha's product (e.g. ``nfc=True``).
    """
    brand = brand or make_brand(name="拉卡拉", name_en="Lakala", slug="lakala")
    a = make_plan(
        make_product(brand, name="甲机", name_en="Alpha", slug="alpha", **alpha),
        rates={"credit_card": "0.60", "wechat": "0.38"},
        deposit="99",
        deposit_refund_volume="50000",
        deposit_refund_days=90,
        sim_fee_annual="60",
    )
    b = make_plan(
        make_product(brand, name="乙机", name_en="Bravo", slug="bravo"),
        rates={"credit_card": "0.55", "wechat": "0.38"},
        device_price="199",
        monthly_fee="10",
        is_estimate=True,
    )
    return a, b


# ---------------------------------------------------------------------- two-factor sign-in

# The authenticator key of every staff user made by the tests (hex, as django-otp stores it).
TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, b"1234567890" × 2


def totp(key_hex: str = TOTP_KEY, at: float | None = None, step: int = 30) -> str:
    """The 6-digit code an authenticator app shows for ``key_hex`` now (RFC 6238, SHA-1),
    computed here with hmac rather than by the library under test."""
    import hashlib
    import hmac
    import struct
    import time

    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def give_authenticator(user: Any, key_hex: str = TOTP_KEY) -> Any:
    """A confirmed authenticator (TOTP device) with the known test key."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "test", "key": key_hex}
    )
    return device


def pass_second_factor(client: Any, user: Any) -> None:
    """Mark the client's signed-in session as having passed the second factor (what entering
    a code does), with the user's test authenticator."""
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = give_authenticator(user).persistent_id
    session.save()
