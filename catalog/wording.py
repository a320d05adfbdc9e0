"""Fee terms in plain words, in the active language.

Catalog and comparison pages describe a plan the way a merchant reads a contract:

* ``rate_line``: "借记卡 0.50%，单笔封顶 20 元" /
  "Debit card 0.50%, capped at 20 元 per transaction";
  a limit with a rate above it: "闪付（NFC） 单笔 1,000 元以下 0.38%，以上 0.60%".
* ``deposit_text``: "押金 99 元，90 天内交易满 5 万元退还".
* ``sim_text``: "流量费 60 元/年，首年免费".
* ``plan_lines``: every term of a plan as such sentences, in a fixed order.

Everything takes plain attribute holders (ORM rows or anything shaped like them), reads no
database and formats money without rounding surprises (ROUND_HALF_UP to 0.01 where needed).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from catalog.models import PaymentMethod
from catalog.regulation import STATIC_QR_DAILY_LIMIT, FloorBreach
from catalog.terms import DAYS, MONEY, MONTHS, PERCENT, TERM_NAMES, TERMS_BY_NAME
from core.formatting import months_text, percent, yuan_text

percent_text = percent  # the names the templates and the fee tables use


# Anything with a ``Rate``'s fields (``catalog.terms.RATE_TERMS``) or a ``Plan``'s
# (``catalog.terms.PLAN_TERMS``): catalog rows, share-link snapshots, offers.
RateLike = Any
PlanLike = Any


@dataclass(frozen=True)
class TermLine:
    """One sentence of a fee table; ``key`` names the term (``"deposit"``, ``"sim"`` …)."""

    key: str
    text: str


# --- numbers -------------------------------------------------------------------------------


def separator() -> str:
    """The list separator of the active language: "，" in Chinese, ", " in English."""
    return pgettext("list separator", ", ")


# --- payment methods and rates -------------------------------------------------------------


def method_label(code: str) -> str:
    try:
        return str(PaymentMethod(code).label)
    except ValueError:
        if code == "instant_settlement":
            return gettext("instant settlement (D0)")
        return code


def method_separator() -> str:
    """Between payment methods in a list: "、" in Chinese, ", " in English."""
    return pgettext("payment method list", ", ")


def methods_text(codes: Iterable[str]) -> str:
    return method_separator().join(method_label(c) for c in codes)


def rate_text(rate: RateLike) -> str:
    """The terms of one rate without the method: ``'0.50%，单笔封顶 20 元'``."""
    fixed = rate.fixed or Decimal(0)
    parts: list[str] = []
    if rate.limit is not None and rate.above_percent is not None:
        parts.append(
            gettext("%(percent)s up to %(limit)s per transaction, %(above)s above")
            % {
                "percent": percent_text(rate.percent),
                "limit": yuan_text(rate.limit),
                "above": percent_text(rate.above_percent),
            }
        )
    elif rate.percent == 0 and fixed == 0:
        return gettext("free")
    elif rate.percent == 0:
        return gettext("%(fixed)s per transaction") % {"fixed": yuan_text(fixed)}
    else:
        parts.append(percent_text(rate.percent))
    if rate.minimum is not None and rate.minimum > 0:
        parts.append(
            gettext("at least %(minimum)s per transaction") % {"minimum": yuan_text(rate.minimum)}
        )
    if rate.cap is not None:
        parts.append(gettext("capped at %(cap)s per transaction") % {"cap": yuan_text(rate.cap)})
    if fixed > 0:
        parts.append(gettext("plus %(fixed)s per transaction") % {"fixed": yuan_text(fixed)})
    return separator().join(parts)


def rate_line(rate: RateLike, method: str | None = None) -> str:
    """A rate with its method: ``'借记卡 0.50%，单笔封顶 20 元'``.

    ``method`` defaults to the row's own ``method`` attribute.
    """
    code = method if method is not None else getattr(rate, "method", "")
    return f"{method_label(code)} {rate_text(rate)}"


def grouped_rate_lines(rates: Iterable[Any]) -> list[str]:
    """Rate lines with methods that cost the same merged, in the fixed method order:
    ``['借记卡 0.50%，单笔封顶 20 元', '贷记卡 0.60%', '微信支付、支付宝 0.38%']``."""
    groups: dict[str, list[str]] = {}
    for rate in sorted_rates(rates):
        groups.setdefault(rate_text(rate), []).append(rate.method)
    return [f"{methods_text(codes)} {text}" for text, codes in groups.items()]


def promo_text(months: int, rates: Sequence[Any]) -> str:
    """``'前 3 个月优惠：微信支付 0.38%，支付宝 0.38%'`` (rates carry their ``method``)."""
    listed = separator().join(rate_line(r) for r in rates)
    if months == 1:
        return gettext("First month at the introductory rates: %(rates)s") % {"rates": listed}
    return gettext("First %(n)s months at the introductory rates: %(rates)s") % {
        "n": months,
        "rates": listed,
    }


# --- plan terms ----------------------------------------------------------------------------


def device_text(plan: PlanLike) -> str:
    if not plan.device_price:
        return gettext("Device free of charge")
    return gettext("Device %(price)s") % {"price": yuan_text(plan.device_price)}


def deposit_text(plan: PlanLike) -> str:
    """``'押金 99 元，90 天内交易满 5 万元退还'``; ``'无押金'``; ``'押金 99 元，不退还'``."""
    if not plan.deposit:
        return gettext("No deposit")
    if plan.deposit_refund_volume is not None and plan.deposit_refund_days:
        return gettext(
            "Deposit %(amount)s, refunded once you take %(volume)s in payments within %(days)s days"
        ) % {
            "amount": yuan_text(plan.deposit),
            "volume": yuan_text(plan.deposit_refund_volume),
            "days": plan.deposit_refund_days,
        }
    return gettext("Deposit %(amount)s, not refunded") % {"amount": yuan_text(plan.deposit)}


def sim_text(plan: PlanLike) -> str:
    """``'流量费 60 元/年，首年免费'``; ``'无流量费'``."""
    if not plan.sim_fee_annual:
        return gettext("No SIM/data fee")
    fee = {"amount": yuan_text(plan.sim_fee_annual)}
    if plan.sim_free_months == 12:
        return gettext("SIM/data fee %(amount)s a year, first year free") % fee
    if plan.sim_free_months == 1:
        return gettext("SIM/data fee %(amount)s a year, first month free") % fee
    if plan.sim_free_months:
        return gettext("SIM/data fee %(amount)s a year, first %(n)s months free") % {
            **fee,
            "n": plan.sim_free_months,
        }
    return gettext("SIM/data fee %(amount)s a year") % fee


def monthly_fee_text(plan: PlanLike) -> str | None:
    if not plan.monthly_fee:
        return None
    fee = {"amount": yuan_text(plan.monthly_fee)}
    if plan.monthly_fee_waived_at is not None:
        return gettext(
            "Monthly fee %(amount)s, waived in any month with %(volume)s or more in payments"
        ) % {**fee, "volume": yuan_text(plan.monthly_fee_waived_at)}
    return gettext("Monthly fee %(amount)s") % fee


def annual_fee_text(plan: PlanLike) -> str | None:
    if not plan.annual_fee:
        return None
    return gettext("Annual fee %(amount)s") % {"amount": yuan_text(plan.annual_fee)}


def instant_text(plan: PlanLike) -> str:
    """Instant settlement (秒到/D0): unavailable, free, or what it adds."""
    if not plan.instant_available:
        return gettext("No instant settlement (D0): money arrives the next working day (T+1)")
    parts = []
    if plan.instant_percent:
        parts.append(
            gettext("%(percent)s of the amount") % {"percent": percent_text(plan.instant_percent)}
        )
    if plan.instant_fixed:
        parts.append(gettext("%(fixed)s per settlement") % {"fixed": yuan_text(plan.instant_fixed)})
    if not parts:
        return gettext("Instant settlement (D0) at no extra charge")
    return gettext("Instant settlement (D0) costs extra: %(terms)s") % {"terms": " + ".join(parts)}


def contract_text(plan: PlanLike) -> str | None:
    fee = plan.early_termination_fee or Decimal(0)
    if plan.contract_months:
        if fee:
            return gettext("Contract of %(months)s, early termination costs %(fee)s") % {
                "months": months_text(plan.contract_months),
                "fee": yuan_text(fee),
            }
        return gettext("Contract of %(months)s") % {"months": months_text(plan.contract_months)}
    if fee:
        return gettext("Early-termination fee %(fee)s") % {"fee": yuan_text(fee)}
    return None


def plan_lines(plan: PlanLike) -> list[TermLine]:
    """The non-rate terms of a plan as sentences, in reading order; absent fees are left out
    except the ones a merchant always asks about (device, deposit, SIM fee, settlement)."""
    lines = [
        TermLine("device", device_text(plan)),
        TermLine("deposit", deposit_text(plan)),
        TermLine("sim", sim_text(plan)),
        TermLine("instant", instant_text(plan)),
    ]
    for key, text in (
        ("monthly", monthly_fee_text(plan)),
        ("annual", annual_fee_text(plan)),
        ("contract", contract_text(plan)),
    ):
        if text:
            lines.append(TermLine(key, text))
    return lines


def plan_summary(plan: Any, *, rates: Sequence[Any] | None = None, limit: int = 2) -> str:
    """A one-sentence summary for a meta description: the first rates and the deposit."""
    rows = [r for r in (rates if rates is not None else plan.rates.all()) if not r.is_promo]
    rows.sort(key=lambda r: METHOD_ORDER.get(r.method, 99))
    bits = [rate_line(r) for r in rows[:limit]]
    bits.append(deposit_text(plan))
    return pgettext("summary separator", "; ").join(bits)


METHOD_ORDER = {code: i for i, code in enumerate(PaymentMethod.values)}


def sorted_rates(rates: Iterable[Any]) -> list[Any]:
    """Rates in the fixed method order (debit, credit, WeChat, Alipay, UnionPay QR, NFC)."""
    return sorted(rates, key=lambda r: METHOD_ORDER.get(r.method, 99))


# --- values in a plan's history ------------------------------------------------------------

# Plan fields compared between versions: the plan's terms, its estimate flag and its notes.
FIELD_LABELS: dict[str, Any] = {
    **{name: TERMS_BY_NAME[name].label for name in TERM_NAMES},
    "is_estimate": _("Market estimate"),
    "notes": _("Conditions and notes"),
}


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def field_value_text(name: str, value: Any) -> str:
    """A plan field's value as a merchant reads it: money in 元, rates in %, yes/no."""
    if value is None or value == "":
        return gettext("none")
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    kind = TERMS_BY_NAME[name].kind if name in TERMS_BY_NAME else None
    if kind == MONEY:
        return yuan_text(value)
    if kind == PERCENT:
        return percent_text(value)
    if kind == MONTHS:
        return months_text(int(value))
    if kind == DAYS:
        return ngettext("%(n)s day", "%(n)s days", int(value)) % {"n": value}
    return str(value)


# --- warnings ------------------------------------------------------------------------------


def static_qr_warning() -> str:
    return gettext(
        "This is a static QR plate. Under PBOC rules (银发〔2017〕296号) one payer can pay at "
        "most %(limit)s a day by scanning a static code, so larger sales need a card terminal "
        "or a dynamic code."
    ) % {"limit": yuan_text(STATIC_QR_DAILY_LIMIT)}


def floor_warning(breach: FloorBreach) -> str:
    """Why a rate below the regulatory cost floor matters, in one or two sentences."""
    values = {
        "method": method_label(breach.method),
        "value": percent_text(breach.value),
        "floor": percent_text(breach.floor),
    }
    if breach.part == "cap":
        values["value"] = yuan_text(breach.value)
        values["floor"] = yuan_text(breach.floor)
        text = gettext(
            "The %(method)s cap of %(value)s per transaction is below the %(floor)s that card "
            "schemes and the issuing bank charge the acquirer on a large payment, so the "
            "acquirer loses money on large debit payments."
        )
    elif breach.part == "above_percent":
        text = gettext(
            "%(method)s %(value)s above the amount limit is below the regulatory cost floor of "
            "%(floor)s for a standard-class merchant."
        )
    else:
        text = gettext(
            "%(method)s %(value)s is below the regulatory cost floor of %(floor)s for a "
            "standard-class merchant (issuer fee plus network fee)."
        )
    text = text % values
    tail = (
        gettext("It is an introductory price: expect it to end.")
        if breach.is_promo
        else gettext(
            "At this rate the acquirer loses money on every payment, so it is usually a "
            "short-term promotion or applies only to discounted merchant categories: ask how "
            "long it lasts and what it rises to."
        )
    )
    return f"{text} {tail}"
