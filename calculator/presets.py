"""Merchant presets: typical payment mixes and tickets for four kinds of shop.

These splits are our own assumptions for a starting point, not sourced statistics: card-heavy
wholesale, QR-heavy small shops and restaurants, a balanced retail mix. Every preset is shown on
the form as the percentages it stands for, and the merchant can replace it with their own mix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Preset:
    code: str
    label: Promise
    mix_percent: Mapping[str, Decimal]  # method → percent, summing to 100
    average_ticket: Decimal

    @property
    def mix(self) -> Mapping[str, Decimal]:
        """Shares summing to 1, as the engine wants them."""
        return MappingProxyType({m: p / 100 for m, p in self.mix_percent.items() if p})


def _mix(**percent: int) -> Mapping[str, Decimal]:
    assert sum(percent.values()) == 100, percent
    return MappingProxyType({k: Decimal(v) for k, v in percent.items()})


PRESETS: dict[str, Preset] = {
    p.code: p
    for p in (
        Preset(
            "retail",
            _("Retail"),
            _mix(debit_card=25, credit_card=25, wechat=22, alipay=18, unionpay_qr=5, contactless=5),
            Decimal("120"),
        ),
        Preset(
            "restaurant",
            _("Restaurant"),
            _mix(debit_card=10, credit_card=15, wechat=40, alipay=30, unionpay_qr=3, contactless=2),
            Decimal("80"),
        ),
        Preset(
            "wholesale",
            _("Wholesale"),
            _mix(debit_card=45, credit_card=35, wechat=8, alipay=7, unionpay_qr=3, contactless=2),
            Decimal("3000"),
        ),
        Preset(
            "small_shop",
            _("Small shop"),
            _mix(debit_card=5, credit_card=5, wechat=50, alipay=35, unionpay_qr=5, contactless=0),
            Decimal("40"),
        ),
    )
}

DEFAULT_PRESET = "retail"
DEFAULT_VOLUME = Decimal("30000")
DEFAULT_MONTHS = 12
DEFAULT_SETTLEMENTS_PER_MONTH = 30
