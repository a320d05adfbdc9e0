"""Audit findings on payments built by hand (figures worked out in the comments)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from calculator.engine import PlanTerms, Rate
from catalog import regulation
from statements import audit
from statements.readers.base import Deduction, Payment


def at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2025, month, day, hour)  # noqa: DTZ001  # local, as files give it


def pay(when, amount_yuan: str, method: str, fee_yuan: str, merchant: str = "") -> Payment:
    return Payment(when, int(D(amount_yuan) * 100), method, int(D(fee_yuan) * 100), merchant)


def codes(found):
    return {f.code: f for f in found}


def test_rate_change_from_the_day_it_happened():
    # 0.63 % through 30 November, 2.99 % from 1 December (the 海科融通 case).
    pays = [pay(at(11, d), "1000", "credit_card", "6.30") for d in range(1, 31)]
    pays += [pay(at(12, d), "1000", "credit_card", "29.90") for d in range(1, 11)]
    pays.append(pay(at(12, 11), "30580", "credit_card", "914.34"))
    f = codes(audit.audit(pays))["rate_change"]
    assert (f.date_from, f.date_to, f.payments) == (dt.date(2025, 12, 1), dt.date(2025, 12, 11), 11)
    assert (f.params["old"], f.params["new"]) == (D("0.63"), D("2.99"))
    # Extra since: 10 × (29.90 − 6.30) + (914.34 − 192.65) = 236.00 + 721.69.
    assert f.amount == D("957.69")


def test_fixed_fee_on_every_payment():
    amounts = ["100", "200", "500", "1000", "2000", "50", "300", "800"]
    # 0.38 % + 3.00 on each: 0.38+3, 0.76+3, 1.90+3, 3.80+3, 7.60+3, 0.19+3, 1.14+3, 3.04+3.
    fees = ["3.38", "3.76", "4.90", "6.80", "10.60", "3.19", "4.14", "6.04"]
    pays = [
        pay(at(1, i + 1), a, "wechat", f)
        for i, (a, f) in enumerate(zip(amounts, fees, strict=True))
    ]
    found = codes(audit.audit(pays))
    f = found["fixed_fee"]
    assert f.params["fixed"] == D("3.00") and f.payments == 8 and f.amount == D("24.00")
    assert "rate_change" not in found


def test_above_contract_cap_small_amount_and_floor():
    contract = PlanTerms(
        rates={
            "debit_card": Rate(D("0.5"), cap=D("20")),
            "credit_card": Rate(D("0.6")),
            "unionpay_qr": Rate(D("0.38"), limit=D("1000"), above_percent=D("0.6")),
        }
    )
    pays = [
        pay(at(3, 1), "10000", "debit_card", "50.00"),  # cap 20 not applied: 30.00 over
        pay(at(3, 2), "1000", "debit_card", "5.00"),  # as agreed
        pay(at(3, 3), "1000", "credit_card", "6.50"),  # 6.00 agreed: 0.50 over
        pay(at(3, 4), "1000", "credit_card", "3.00"),  # 0.30 %: under the 0.4825 % floor
        pay(at(3, 5), "500", "unionpay_qr", "3.00"),  # ≤ 1,000 at 0.38 % = 1.90: 1.10 over
    ]
    found = codes(audit.audit(pays, contract=contract))
    assert found["cap_not_applied"].amount == D("30.00")
    assert found["cap_not_applied"].payments == 1
    over = [f for f in audit.audit(pays, contract=contract) if f.code == "above_contract"]
    assert {f.method: f.amount for f in over} == {
        "debit_card": D("30.00"),
        "credit_card": D("0.50"),
        "unionpay_qr": D("1.10"),
    }
    assert found["small_amount"].amount == D("1.10")
    floor = found["below_cost_floor"]
    # 1,000 × 0.4825 % = 4.825 元 floor, charged 3.00: 1.82 元 under (whole fen).
    assert (floor.method, floor.payments, floor.amount) == ("credit_card", 1, D("1.82"))


def test_merchant_number_and_mcc_change():
    own, other = "898310058120001", "898310054110002"  # MCC 5812 (restaurants) → 5411
    pays = [pay(at(5, d), "100", "wechat", "0.38", own) for d in range(1, 5)]
    pays.append(pay(at(5, 6), "200", "wechat", "0.76", other))
    f = codes(audit.audit(pays))["merchant_number"]
    assert f.payments == 1 and f.amount == D("200.00")
    assert f.params["mcc"] == "5812" and f.params["other_mccs"] == ["5411"]


def test_deductions_with_repeats():
    rows = [Deduction(at(1, 31), 9900, "流量费"), Deduction(at(2, 28), 9900, "流量费")]
    rows.append(Deduction(at(1, 15), 29900, "押金"))
    found = [f for f in audit.audit([], rows) if f.code == "deduction"]
    sim = next(f for f in found if f.params["label"] == "流量费")
    assert sim.amount == D("198.00") and sim.params["repeated"] and sim.payments == 2


def test_floors_match_the_regulation_module():
    assert audit.CREDIT_FLOOR == regulation.CREDIT_COST_FLOOR
    assert audit.DEBIT_FLOOR == regulation.DEBIT_COST_FLOOR
    assert audit.DEBIT_COST_CAP == regulation.DEBIT_COST_CAP
