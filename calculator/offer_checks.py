"""What a merchant should know about an offer: findings, questions to ask, dates that cost money.

Plain Python over the engine: the offer's terms and estimate for the merchant's profile, and the
catalog plans in force priced for the same profile. Every finding has a stable ``code`` (pages
mark it ``data-check="<code>"``), says in words what it means for this merchant and, where it
can, how much in 元. Findings are warnings, never errors: the offer is priced all the same.

Sources of the thresholds (``/work/shared/data/market-facts.md``): the acquirer's regulatory cost
floor (§1.2, ``catalog.regulation``), the "0 费率" myth (§1.7), SIM fees 36–60 元 a year as the
common range (§2.4), 秒到 surcharges 0–3 元 a payment (§2.4).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

import icalendar
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calculator.engine import ZERO, Estimate, PlanTerms, Profile, Rate, estimate
from calculator.forms import RateRise
from calculator.offer import Offer
from catalog import wording
from catalog.regulation import floor_breaches
from core.formatting import money, months_text, percent, yuan_text

SIM_MARKET_HIGH = Decimal(60)  # 元 a year: the top of the common range (market-facts §2.4)
INSTANT_MARKET_HIGH = Decimal(3)  # 元 a settlement: "+3" is the top of the range (§2.4)

BELOW_COST_FLOOR = "below_cost_floor"
ZERO_RATE = "zero_rate"
ABOVE_MARKET = "above_market"
DEPOSIT_FORFEITED = "deposit_forfeited"
DEPOSIT_REFUNDED = "deposit_refunded"
PROMO_ENDS = "promo_ends"
MISSING_TERM = "missing_term"
ETF = "etf"

WARN, INFO = "warn", "info"


@dataclass(frozen=True)
class Finding:
    code: str
    title: str
    text: str
    amount: Decimal | None = None  # 元 over the merchant's horizon, where it can be said
    term: str = ""  # the term or payment method concerned
    level: str = WARN


@dataclass(frozen=True)
class OfferPosition:
    """Where the offer stands among the plans in force: cheaper than ``cheaper_than`` of
    ``of`` plans that can serve the merchant."""

    cheaper_than: int
    of: int

    @property
    def index(self) -> int:
        """Its place in the list of plans, cheapest first (after the plans that cost as much)."""
        return self.of - self.cheaper_than


def position(offer_total: Decimal, totals: Sequence[Decimal]) -> OfferPosition:
    return OfferPosition(sum(1 for t in totals if t > offer_total), len(totals))


# ---------------------------------------------------------------------- helpers


def _median(values: Sequence[Decimal]) -> Decimal:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _market_rates(method: str, plans: Sequence[PlanTerms]) -> list[Rate]:
    return [p.rates[method] for p in plans if method in p.rates]


def _with_rate(terms: PlanTerms, method: str, rate: Rate) -> PlanTerms:
    return replace(terms, rates={**terms.rates, method: rate}, promo_rates={})


# ---------------------------------------------------------------------- the checks


def _floor(offer: Offer, e: Estimate, plans: Sequence[PlanTerms]) -> list[Finding]:
    found = []
    terms = offer.terms
    for breach in floor_breaches(offer.rates):
        text = wording.floor_warning(breach)
        text += " " + _(
            "Offers below it are usually followed by a rise, or by 跳码: payments sent under "
            "a cheaper merchant category, which can get the terminal cut off."
        )
        amount = None
        market = _market_rates(breach.method, plans)
        if e.supported and breach.method in e.profile.mix and market and not breach.is_promo:
            typical = sorted(market, key=lambda r: r.fee(e.profile.ticket(breach.method)))
            median = typical[len(typical) // 2]
            risen = estimate(_with_rate(terms, breach.method, median), e.profile)
            if risen.total is not None and e.total is not None and risen.total > e.total:
                amount = risen.total - e.total
                text += " " + _(
                    "If it rises to the market's typical %(rate)s, you pay %(amount)s more over "
                    "%(months)s."
                ) % {
                    "rate": percent(median.percent),
                    "amount": yuan_text(amount),
                    "months": months_text(e.profile.months),
                }
        found.append(
            Finding(
                BELOW_COST_FLOOR,
                _("%(method)s below the regulatory cost floor")
                % {"method": wording.method_label(breach.method)},
                text,
                amount,
                breach.method,
            )
        )
    return found


def _zero(offer: Offer) -> list[Finding]:
    found = []
    for rate in offer.rates:
        if rate.method in ("debit_card", "credit_card") and not rate.percent and not rate.fixed:
            found.append(
                Finding(
                    ZERO_RATE,
                    _("0 %% on %(method)s") % {"method": wording.method_label(rate.method)},
                    _(
                        "No regulation allows a free card rate and no acquirer can keep one: "
                        "the card schemes and the issuing bank charge it on every payment. "
                        "“0 费率” offers make up for it elsewhere (a deposit not refunded, SIM "
                        "or service fees, “+3” a payment) or end after a few weeks: ask for "
                        "every fee in writing."
                    ),
                    term=rate.method,
                )
            )
    return found


def _above_market(
    offer: Offer, e: Estimate, profile: Profile, plans: Sequence[PlanTerms]
) -> list[Finding]:
    found = []
    terms = offer.terms
    for method in profile.used_methods:
        own = terms.rates.get(method)
        market = _market_rates(method, plans)
        if own is None or not market:
            continue
        ticket = profile.ticket(method)
        fee = own.fee(ticket)
        fees = [r.fee(ticket) for r in market]
        cheaper = sum(1 for f in fees if f < fee)
        if cheaper * 2 <= len(fees):
            continue
        median = _median(fees)
        amount = (fee - median) * e.transactions_per_month.get(method, ZERO) * profile.months
        found.append(
            Finding(
                ABOVE_MARKET,
                _("%(method)s dearer than most plans") % {"method": wording.method_label(method)},
                _(
                    "%(cheaper)s of the %(plans)s plans in force charge less for %(method)s: "
                    "%(fee)s 元 on your %(ticket)s 元 payment against a median of %(median)s 元. "
                    "Over %(months)s that is about %(amount)s more."
                )
                % {
                    "cheaper": cheaper,
                    "plans": len(fees),
                    "method": wording.method_label(method),
                    "fee": money(fee),
                    "ticket": money(ticket),
                    "median": money(median),
                    "months": months_text(profile.months),
                    "amount": yuan_text(amount),
                },
                amount,
                method,
            )
        )
    if offer.stated("sim_fee_annual") and offer.sim_fee_annual > SIM_MARKET_HIGH:
        years = len(range(offer.sim_free_months + 1, profile.months + 1, 12))
        amount = (offer.sim_fee_annual - SIM_MARKET_HIGH) * years
        found.append(
            Finding(
                ABOVE_MARKET,
                _("SIM fee above the market range"),
                _(
                    "%(fee)s a year, while 36–60 元 a year is what most terminals charge for "
                    "their SIM data (流量费); agents flag 99 元 and more as a trap."
                )
                % {"fee": yuan_text(offer.sim_fee_annual)},
                amount if amount else None,
                "sim_fee_annual",
            )
        )
    if offer.stated("instant_fixed") and offer.instant_fixed > INSTANT_MARKET_HIGH:
        extra = (offer.instant_fixed - INSTANT_MARKET_HIGH) * profile.settlements_per_month
        over = extra * profile.months if profile.instant_settlement else None
        found.append(
            Finding(
                ABOVE_MARKET,
                _("Instant settlement fee above the market range"),
                _(
                    "%(fee)s per instant settlement, while 0–3 元 is the range on the market "
                    "and many terminals settle instantly at no charge."
                )
                % {"fee": yuan_text(offer.instant_fixed)},
                over,
                "instant_fixed",
            )
        )
    return found


def _deposit(offer: Offer, e: Estimate, profile: Profile) -> list[Finding]:
    if not offer.deposit:
        return []
    deposit = yuan_text(offer.deposit)
    volume, days = offer.deposit_refund_volume, offer.deposit_refund_days
    if volume is None or days is None:
        return [
            Finding(
                DEPOSIT_FORFEITED,
                _("Deposit with no refund rule"),
                _(
                    "The offer asks %(deposit)s but says nothing about getting it back: as it "
                    "stands you lose it. Ask for the refund rule in writing."
                )
                % {"deposit": deposit},
                offer.deposit,
                "deposit",
            )
        ]
    reach = profile.monthly_volume * days / 30
    values = {
        "deposit": deposit,
        "volume": yuan_text(volume),
        "days": days,
        "reach": yuan_text(reach),
        "month": e.deposit_refund_month,
        "months": profile.months,
    }
    if e.deposit_refunded:
        return [
            Finding(
                DEPOSIT_REFUNDED,
                _("Deposit refunded in month %(month)s") % values,
                _(
                    "The %(deposit)s deposit comes back once you take %(volume)s within "
                    "%(days)s days; at your volume you take about %(reach)s in that time, so "
                    "it is refunded in month %(month)s."
                )
                % values,
                level=INFO,
                term="deposit",
            )
        ]
    if e.deposit_refund_month is not None:
        text = _(
            "You would reach %(volume)s in time, but only in month %(month)s, after your "
            "%(months)s months: until then the %(deposit)s is frozen."
        )
    else:
        text = _(
            "The rule needs %(volume)s within %(days)s days; at your volume you take about "
            "%(reach)s in that time, so you lose the %(deposit)s deposit."
        )
    return [
        Finding(
            DEPOSIT_FORFEITED,
            _("Deposit not refunded at your volume"),
            text % values,
            offer.deposit,
            "deposit",
        )
    ]


def _promo(offer: Offer, e: Estimate, rise: RateRise | None) -> list[Finding]:
    if not (offer.promo_rates and offer.promo_months and e.supported):
        return []
    months = offer.promo_months
    stretches = dict(e.stretches)
    during = sum((amount for _m, amount in stretches.get(1, ())), ZERO)
    after_rows = stretches.get(months + 1)
    rates = wording.separator().join(wording.rate_line(r) for r in offer.promo_rates)
    values = {"n": months, "rates": rates}
    if after_rows is None:  # the promo outlasts the horizon
        text = _(
            "The introductory rates (%(rates)s) last %(n)s months, longer than the months you "
            "compare: ask what they rise to afterwards."
        )
        return [Finding(PROMO_ENDS, _("Introductory rates"), text % values, level=INFO)]
    after = sum((amount for _m, amount in after_rows), ZERO)
    text = _(
        "The introductory rates (%(rates)s) end after month %(n)s; from then on your "
        "transaction fees go from %(during)s to %(after)s a month."
    ) % {**values, "during": yuan_text(during), "after": yuan_text(after)}
    if rise is not None:
        risen = estimate(rise.apply(offer.terms), e.profile)
        if risen.total is not None and e.total is not None:
            text += " " + _(
                "If its rates then rise as in your stress test, the offer costs %(extra)s more "
                "in all."
            ) % {"extra": yuan_text(risen.total - e.total)}
    return [
        Finding(
            PROMO_ENDS,
            _("Introductory rates end after %(n)s months") % values,
            text,
            (after - during) * max(0, e.profile.months - months),
        )
    ]


def _missing(offer: Offer, profile: Profile) -> list[Finding]:
    found = []
    for method in profile.used_methods:
        if method not in offer.standard_rates:
            label = wording.method_label(method)
            found.append(
                Finding(
                    MISSING_TERM,
                    _("No rate for %(method)s") % {"method": label},
                    _(
                        "You take %(method)s payments but the offer gives no rate for them, so "
                        "it cannot be priced for you (never as free): ask for it."
                    )
                    % {"method": label},
                    term=method,
                )
            )
    silent = [
        (
            "sim_fee_annual",
            _("SIM data fee (流量费) not stated"),
            _(
                "Most 4G terminals charge 36–60 元 a year, often taken from a payment without "
                "notice. Priced here as 0."
            ),
        ),
        (
            "deposit",
            _("Deposit not stated"),
            _("Many terminals freeze 99–299 元 on the first payment. Priced here as 0."),
        ),
        (
            "instant_fixed",
            _("Instant settlement (秒到) fee not stated"),
            _("“+3” a payment is a classic surcharge. Priced here as 0."),
        ),
        (
            "monthly_fee",
            _("Monthly or service fees not stated"),
            _(
                "Fees such as 终端管理费 (39 元 a month) or 商户信息维护费 (200 元 a year) are "
                "seen on the market. Priced here as 0."
            ),
        ),
        (
            "contract_months",
            _("Contract term not stated"),
            _("Ask how long you are bound and what leaving early costs."),
        ),
    ]
    for term, title, text in silent:
        if term == "deposit" and offer.stated("deposit"):
            if offer.deposit and not offer.stated("deposit_refund_volume"):
                found.append(
                    Finding(
                        MISSING_TERM,
                        _("Deposit refund rule not stated"),
                        _("Ask what volume, within how many days, gets the deposit back."),
                        term="deposit_refund_volume",
                    )
                )
            continue
        if term == "instant_fixed" and (
            offer.stated("instant_fixed") or offer.stated("instant_percent")
        ):
            continue
        if term == "monthly_fee" and (offer.stated("monthly_fee") or offer.stated("annual_fee")):
            continue
        if not offer.stated(term):
            found.append(Finding(MISSING_TERM, title, text, term=term))
    return found


def _etf(offer: Offer, e: Estimate, cheapest: tuple[str, Estimate] | None) -> list[Finding]:
    if not offer.early_termination_fee or cheapest is None or e.total is None:
        return []
    name, best = cheapest
    if best.total is None or best.total >= e.total:
        return []
    saving = e.total - best.total
    values = {
        "fee": yuan_text(offer.early_termination_fee),
        "plan": name,
        "saving": yuan_text(saving),
        "months": months_text(e.profile.months),
    }
    if saving > offer.early_termination_fee:
        text = _(
            "Leaving early costs %(fee)s; %(plan)s would save you %(saving)s over %(months)s, "
            "so switching would still pay."
        )
    else:
        text = _(
            "Leaving early costs %(fee)s, more than the %(saving)s that %(plan)s would save "
            "you over %(months)s."
        )
    return [
        Finding(ETF, _("Early-termination fee"), text % values, offer.early_termination_fee, "etf")
    ]


def check_offer(
    offer: Offer,
    *,
    profile: Profile,
    estimate_: Estimate,
    plans: Sequence[PlanTerms],
    cheapest: tuple[str, Estimate] | None = None,
    rise: RateRise | None = None,
) -> list[Finding]:
    """Every finding about ``offer`` for ``profile``; ``plans`` are the terms of the catalog
    plans in force (the market), ``cheapest`` the cheapest of them that can serve the merchant
    (its name and estimate)."""
    e = estimate_
    return [
        *_floor(offer, e, plans),
        *_zero(offer),
        *(_above_market(offer, e, profile, plans) if e.supported else []),
        *(_deposit(offer, e, profile) if e.supported else []),
        *_promo(offer, e, rise),
        *_missing(offer, profile),
        *_etf(offer, e, cheapest),
    ]


# ---------------------------------------------------------------------- questions


QUESTIONS: dict[str, Promise] = {
    # the finding's term (or the risk) → the question; shown in Chinese, the language it is
    # asked in, and on English pages in English too
    "sim_fee_annual": gettext_lazy(
        "From which month is the SIM data fee (流量费) taken, how often a year, and how much?"
    ),
    "deposit": gettext_lazy("Is there a deposit or an amount frozen on activation? How much?"),
    "deposit_refund_volume": gettext_lazy(
        "Is the deposit refunded automatically once the volume is reached, or must I apply? "
        "How much within how many days?"
    ),
    "instant_fixed": gettext_lazy(
        "What does instant settlement (秒到, D0) cost per payment? Is there a minimum amount?"
    ),
    "monthly_fee": gettext_lazy("Are there monthly, annual, service or membership fees?"),
    "contract_months": gettext_lazy("How long is the contract? What does leaving early cost?"),
    "promo": gettext_lazy(
        "What are the rates after the introductory period? Will I be told before it ends?"
    ),
    "floor": gettext_lazy(
        "Is this the rate for a standard-class merchant? Will payments be sent under another "
        "merchant category (跳码)?"
    ),
    "rise": gettext_lazy("How long in advance am I told of a rate change, and how?"),
}
QUESTION_METHOD = gettext_lazy("What is the rate for %(method)s?")


def questions(offer: Offer, findings: Sequence[Finding]) -> list[tuple[str, str]]:
    """The questions to ask before signing: (in Chinese, in the page's language) each."""
    keys: list[str] = []
    for f in findings:
        if f.code == MISSING_TERM and f.term in QUESTIONS:
            keys.append(f.term)
        elif f.code == MISSING_TERM:  # a payment method without a rate
            keys.append("method:" + f.term)
        elif f.code == BELOW_COST_FLOOR:
            keys.append("floor")
        elif f.code == PROMO_ENDS:
            keys.append("promo")
        elif f.code == DEPOSIT_FORFEITED and offer.deposit_refund_volume is None:
            keys.append("deposit_refund_volume")
    keys.append("rise")
    out = []
    for key in dict.fromkeys(keys):
        method = key.split(":", 1)[1] if key.startswith("method:") else ""

        def text(method: str = method, key: str = key) -> str:
            if method:
                return str(QUESTION_METHOD) % {"method": wording.method_label(method)}
            return str(QUESTIONS[key])

        with translation.override("zh-hans"):
            chinese = text()
        out.append((chinese, text()))
    return out


# ---------------------------------------------------------------------- dates


@dataclass(frozen=True)
class Reminder:
    """A day that costs money, from the day the offer was signed."""

    key: str
    day: dt.date
    title: str
    text: str
    yearly: int = 0  # repeats every year this many times in all (SIM fees)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def reminders(offer: Offer, profile: Profile) -> list[Reminder]:
    """The offer's money dates, when it says the day it was signed."""
    signed = offer.signed
    if signed is None:
        return []
    found = []
    volume, days = offer.deposit_refund_volume, offer.deposit_refund_days
    if offer.deposit and volume is not None and days is not None:
        reach = profile.monthly_volume * days / 30
        found.append(
            Reminder(
                "deposit",
                signed + dt.timedelta(days=days - 1),
                _("Deposit refund deadline"),
                _(
                    "Last day to reach %(volume)s in payments (day 1 is %(signed)s) for the "
                    "%(deposit)s deposit; at your volume you would take about %(reach)s."
                )
                % {
                    "volume": yuan_text(volume),
                    "signed": signed.isoformat(),
                    "deposit": yuan_text(offer.deposit),
                    "reach": yuan_text(reach),
                },
            )
        )
    if offer.promo_rates and offer.promo_months:
        found.append(
            Reminder(
                "promo",
                add_months(signed, offer.promo_months),
                _("Introductory rates end"),
                _("From this day the offer's normal rates apply: check your next payments."),
            )
        )
    if offer.sim_fee_annual:
        horizon = offer.contract_months or max(profile.months, 12)
        found.append(
            Reminder(
                "sim",
                add_months(signed, offer.sim_free_months),
                _("SIM data fee (流量费) due"),
                _("%(fee)s, and again every year.") % {"fee": yuan_text(offer.sim_fee_annual)},
                yearly=max(1, -(-horizon // 12)),
            )
        )
    if offer.contract_months:
        found.append(
            Reminder(
                "contract",
                add_months(signed, offer.contract_months),
                _("Contract ends"),
                _("Compare again before it renews; leaving before this day costs %(fee)s.")
                % {"fee": yuan_text(offer.early_termination_fee)},
            )
        )
    return sorted(found, key=lambda r: r.day)


def calendar(offer: Offer, items: Sequence[Reminder], *, url: str, stamp: dt.datetime) -> bytes:
    """The reminders as an iCalendar file (RFC 5545): one all-day event each (a yearly one
    repeats), with an alarm the day before; ``stamp`` is when the file is made."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//POS Compare//offer reminders//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", offer.label)
    digest = hashlib.sha256(offer.query.encode()).hexdigest()[:16]
    for item in items:
        event = icalendar.Event()
        event.add("uid", f"{digest}-{item.key}@pos-compare")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("summary", f"{offer.label}: {item.title}")
        event.add("description", f"{item.text}\n{url}")
        event.add("url", url)
        if item.yearly > 1:
            event.add("rrule", {"freq": "yearly", "count": item.yearly})
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.title)
        alarm.add("trigger", dt.timedelta(days=-1))
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
