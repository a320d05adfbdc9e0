"""A small catalog with known properties for the catalog page tests.

Six products, dated relative to today (views read ``timezone.localdate()``):

====== ======= ========== ====================================================================
slug   brand   kind       what matters
====== ======= ========== ====================================================================
a-esign alpha  esign      NFC; all six methods; credit 0.60, debit 0.50 cap 20, QR 0.38;
                          deposit 99 refunded at 5 万 in 90 days; SIM 60/yr, first year free;
                          an expired version (credit 0.55, no deposit) and a scheduled one
b-smart alpha  smart      NFC + scanner; all six; credit 0.55, debit 0.55 cap 25, QR 0.38;
                          device 299; no deposit
c-plate beta   qr_plate   WeChat, Alipay, UnionPay QR (0.38 up to 1,000, 0.55 above); no
                          instant settlement; estimate
d-old   beta   traditional discontinued; NFC; all six at 0.60; deposit 199
e-mpos  alpha  mpos       no plan in force (only an expired one)
f-two   gamma  smart      two current plans: 基础版 (no deposit, credit 0.70, debit 0.60,
                          WeChat 0.38) and 高级版 (deposit 299, credit 0.50, debit 0.50 cap 18,
                          WeChat 0.30)
====== ======= ========== ====================================================================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from catalog.models import Brand, Feature, Product
from tests.factories import D, make_brand, make_feature, make_plan, make_product

QR = {"percent": "0.38"}


def six(credit: str, debit: dict | str, qr: str = "0.38") -> dict:
    return {
        "credit_card": credit,
        "debit_card": debit,
        "wechat": qr,
        "alipay": qr,
        "unionpay_qr": qr,
        "contactless": qr,
    }


@dataclass
class Catalog:
    today: dt.date
    alpha: Brand
    beta: Brand
    gamma: Brand
    nfc: Feature
    scanner: Feature
    a: Product
    b: Product
    c: Product
    d: Product
    e: Product
    f: Product


def build_catalog() -> Catalog:
    today = timezone.localdate()
    month_ago = today - dt.timedelta(days=30)
    year_ago = today - dt.timedelta(days=400)
    alpha = make_brand(
        slug="alpha",
        name="阿尔法支付",
        name_en="Alpha Pay",
        kind=Brand.Kind.ACQUIRER,
        legal_name="阿尔法支付有限公司",
        licence_number="Z2000000000001",
        licence_scope="银行卡收单",
        licence_scope_en="Bank-card acquiring",
        licence_valid_until=today + dt.timedelta(days=700),
        hotline="95000-1",
        website="https://alpha.example.com/",
    )
    beta = make_brand(slug="beta", name="贝塔终端", name_en="Beta Devices", kind="terminal_maker")
    gamma = make_brand(
        slug="gamma",
        name="伽马支付",
        name_en="Gamma Pay",
        licence_number="Z2000000000003",
        licence_valid_until=today - dt.timedelta(days=10),
    )
    nfc = make_feature("nfc", name="闪付/NFC", name_en="Contactless (NFC)", category="payment")
    scanner = make_feature("scanner", name="扫码头", name_en="Scanner", category="hardware")

    a = make_product(alpha, slug="a-esign", name="A 电签", name_en="A e-sign", kind="esign")
    a.features.set([nfc])
    make_plan(
        a,
        valid_from=year_ago,
        valid_to=month_ago,
        verified_on=year_ago,
        rates=six("0.55", {"percent": "0.50", "cap": "20"}),
    )
    make_plan(
        a,
        valid_from=month_ago,
        valid_to=today + dt.timedelta(days=60),
        verified_on=month_ago,
        source_url="https://alpha.example.com/fees",
        deposit=D("99"),
        deposit_refund_volume=D("50000"),
        deposit_refund_days=90,
        sim_fee_annual=D("60"),
        sim_free_months=12,
        rates=six("0.60", {"percent": "0.50", "cap": "20"}),
    )
    make_plan(
        a,
        valid_from=today + dt.timedelta(days=60),
        verified_on=today,
        deposit=D("99"),
        deposit_refund_volume=D("50000"),
        deposit_refund_days=90,
        sim_fee_annual=D("60"),
        sim_free_months=12,
        rates=six("0.63", {"percent": "0.50", "cap": "20"}),
    )

    b = make_product(alpha, slug="b-smart", name="B 智能", name_en="B smart", kind="smart")
    b.features.set([nfc, scanner])
    make_plan(
        b,
        valid_from=month_ago,
        verified_on=month_ago,
        device_price=D("299"),
        rates=six("0.55", {"percent": "0.55", "cap": "25"}),
    )

    c = make_product(beta, slug="c-plate", name="C 码牌", name_en="C plate", kind="qr_plate")
    make_plan(
        c,
        valid_from=month_ago,
        verified_on=month_ago,
        is_estimate=True,
        source_url="",
        source_note="代理商报价区间",
        instant_available=False,
        rates={
            "wechat": "0.38",
            "alipay": "0.38",
            "unionpay_qr": {"percent": "0.38", "limit": "1000", "above_percent": "0.55"},
        },
    )

    d = make_product(
        beta, slug="d-old", name="D 传统", name_en="D classic", kind="traditional",
        status=Product.Status.DISCONTINUED,
    )  # fmt: skip
    d.features.set([nfc])
    make_plan(d, valid_from=month_ago, verified_on=month_ago, deposit=D("199"),
              rates=six("0.60", "0.60", "0.60"))  # fmt: skip

    e = make_product(alpha, slug="e-mpos", name="E 手刷", name_en="E mpos", kind="mpos")
    make_plan(e, valid_from=year_ago, valid_to=month_ago, verified_on=year_ago,
              rates=six("0.60", "0.60"))  # fmt: skip

    f = make_product(gamma, slug="f-two", name="F 双方案", name_en="F two plans", kind="smart")
    make_plan(
        f,
        name="基础版",
        name_en="Basic",
        valid_from=month_ago,
        verified_on=month_ago,
        rates={"credit_card": "0.70", "debit_card": "0.60", "wechat": "0.38"},
    )
    make_plan(
        f,
        name="高级版",
        name_en="Premium",
        valid_from=month_ago,
        verified_on=month_ago,
        deposit=D("299"),
        rates={
            "credit_card": "0.50",
            "debit_card": {"percent": "0.50", "cap": "18"},
            "wechat": "0.30",
        },
    )
    return Catalog(today, alpha, beta, gamma, nfc, scanner, a, b, c, d, e, f)
