"""Regulatory limits that catalog pages warn about. Plain Python: no Django, no database.

Sources (``/work/shared/data/market-facts.md``):

* §1.2 — the acquirer's cost floor for a 标准类 (standard-class) merchant after
  银发〔2021〕169号 and 发改价格〔2016〕557号: the issuer fee plus the acquirer's half of the
  network fee. Credit cards: 0.45 % + 0.0325 % = **0.4825 %**, uncapped. Debit cards (issuer
  and network fee at 90 %): 0.315 % + 0.02925 % = **0.34425 %**, and that cost stops rising at
  13 元 + 3.25 元 = **16.25 元** per transaction. A merchant rate below the floor means the
  acquirer loses money on every payment: it is a promotion (or a 优惠类 merchant's rate) and can
  be expected to rise.
* §1.4 — 银发〔2017〕296号《条码支付业务规范（试行）》: a payer paying by scanning a **static** QR
  code (a printed plate, risk level D) may pay at most **500 元 a day**.

Only bank cards have a cost floor; wallet and QR rates are set by the wallet and the acquirer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

CREDIT_COST_FLOOR = Decimal("0.4825")  # percent
DEBIT_COST_FLOOR = Decimal("0.34425")  # percent
DEBIT_COST_CAP = Decimal("16.25")  # 元 per transaction
STATIC_QR_DAILY_LIMIT = Decimal("500")  # 元 per payer per day

COST_FLOORS: dict[str, Decimal] = {
    "credit_card": CREDIT_COST_FLOOR,
    "debit_card": DEBIT_COST_FLOOR,
}

FLOOR_SOURCE = "银发〔2021〕169号; 发改价格〔2016〕557号"
STATIC_QR_SOURCE = "银发〔2017〕296号《条码支付业务规范（试行）》"


class RateLike(Protocol):
    """A rate with its method: a catalog ``Rate`` row, a snapshot's or an offer's (read only)."""

    @property
    def method(self) -> str: ...
    @property
    def is_promo(self) -> bool: ...
    @property
    def percent(self) -> Decimal: ...
    @property
    def cap(self) -> Decimal | None: ...
    @property
    def above_percent(self) -> Decimal | None: ...


@dataclass(frozen=True)
class FloorBreach:
    """One rate (or cap) of a plan that is below the regulatory cost floor of its card type.

    ``part`` is ``"percent"`` (the rate), ``"above_percent"`` (the rate above the amount limit)
    or ``"cap"`` (a debit cap below the acquirer's own per-transaction cost).
    """

    method: str
    is_promo: bool
    part: str
    value: Decimal
    floor: Decimal


def floor_breaches(rates: Iterable[RateLike]) -> list[FloorBreach]:
    """The rates that undercut the 标准类 cost floor, in the order given.

    A rate equal to the floor is not a breach. A debit cap is a breach when it is below the
    16.25 元 the acquirer itself pays on a large payment.
    """
    found: list[FloorBreach] = []
    for rate in rates:
        floor = COST_FLOORS.get(rate.method)
        if floor is None:
            continue
        if rate.percent < floor:
            found.append(FloorBreach(rate.method, rate.is_promo, "percent", rate.percent, floor))
        if rate.above_percent is not None and rate.above_percent < floor:
            found.append(
                FloorBreach(rate.method, rate.is_promo, "above_percent", rate.above_percent, floor)
            )
        if rate.method == "debit_card" and rate.cap is not None and rate.cap < DEBIT_COST_CAP:
            found.append(FloorBreach(rate.method, rate.is_promo, "cap", rate.cap, DEBIT_COST_CAP))
    return found
