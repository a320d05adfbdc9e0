"""What every statement reader shares: the rows it yields, header detection, value parsing.

Pure Python (standard library only): the Django layer turns the bytes of an upload into rows
of text (``statements.files``) and the error codes raised here into messages in the user's
language. The layouts are those of ``../shared/data/statement-layouts.md`` (L1–L7); each
layout module says which row of that table it follows.

A reader turns rows of cells (strings) into a ``Statement``: successful payments (time,
amount in fen, method, fee charged in fen when the file has it, merchant number, card type),
and the rows kept out of volume and fees, counted by reason: refunds, reversals, failed rows and
fee rows (流量费/服务费/年费/押金 deductions, kept with their date and amount).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

METHODS = ("debit_card", "credit_card", "wechat", "alipay", "unionpay_qr", "contactless")
MAX_ROWS = 200_000
MAX_CELL = 10_000  # characters: longer is not a statement cell
HEADER_SEARCH = 60  # rows looked at for the header (a preamble is a few dozen lines at most)

# Roles of a column. ``date`` + ``clock`` stand for ``time`` when a file splits them.
ROLES = (
    "time",
    "date",
    "clock",
    "amount",
    "method",
    "card_type",
    "fee",
    "status",
    "type",
    "merchant",
    "reference",
    "rate",
    "direction",
)

# Left-out reasons (JSON ``left_out`` keys).
REFUND = "refund"
REVERSAL = "reversal"
FAILED = "failed"
FEE_ROW = "fee_row"
OTHER = "other"  # money going out of the account, not a sale (personal bills' 支出)
REASONS = (REFUND, REVERSAL, FAILED, FEE_ROW, OTHER)


class ReadError(Exception):
    """A file the readers cannot use. ``code`` names the problem; ``row`` (1-based, as a
    spreadsheet numbers it) and ``column`` (its header) say where; ``value`` what was found
    (never a whole row, and never echoed for columns that may hold card numbers)."""

    def __init__(
        self, code: str, *, row: int | None = None, column: str | None = None, value: str = ""
    ) -> None:
        super().__init__(code, row, column)
        self.code = code
        self.row = row
        self.column = column
        self.value = value[:40]


@dataclass(slots=True)
class Payment:
    """One successful payment. Amounts in fen (分), never float."""

    time: dt.datetime
    amount: int
    method: str
    fee: int | None = None
    merchant: str = ""
    raw_method: str = ""


@dataclass(slots=True)
class Deduction:
    """A fee row: a SIM/data fee, service or membership fee, a deposit, taken from the account."""

    time: dt.datetime
    amount: int
    label: str


@dataclass
class Statement:
    layout: str
    rows: int = 0  # data rows read (payments and rows left out)
    payments: list[Payment] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)
    deductions: list[Deduction] = field(default_factory=list)
    unknown_methods: Counter[str] = field(default_factory=Counter)
    has_fee: bool = False
    has_merchant: bool = False
    columns: dict[str, str] = field(default_factory=dict)  # role → header as the file names it


def normalise(text: str) -> str:
    """A header or value as compared: NFKC (full-width → half-width), no spaces, backticks or
    quotes, lower case."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s`'\"\u200b\ufeff]+", "", text).lower()


_UNIT = re.compile(r"^(.*?)[(\[](元|分|rmb|cny|yuan|fen|cents?|%|万分之一|‱)[)\]]$")


def split_unit(header: str) -> tuple[str, str]:
    """``交易金额（分）`` → (``交易金额``, ``分``); no unit → (name, "")."""
    name = normalise(header)
    match = _UNIT.match(name)
    if not match:
        return name, ""
    unit = match.group(2)
    if unit in ("rmb", "cny", "yuan"):
        unit = "元"
    elif unit in ("fen", "cent", "cents"):
        unit = "分"
    return match.group(1), unit


# The usual column names (after ``split_unit``), with synonyms and English headers.
SYNONYMS: dict[str, str] = {}
_NAMES: dict[str, str] = {
    "time": (
        "交易时间 交易日期时间 时间 付款时间 交易创建时间 创建时间 支付时间 "
        "订单时间 time datetime transactiontime date/time 交易完成时间 完成时间"
    ),
    "date": ("交易日期 日期 date transactiondate 清算日期"),
    "clock": ("交易时刻 时分秒 clock timeofday"),
    "amount": (
        "交易金额 金额 订单金额 应结订单金额 消费金额 支付金额 amount transactionamount 收款金额"
    ),
    "method": (
        "支付方式 交易方式 支付渠道 付款方式 收/付款方式 支付类型 method "
        "paymentmethod channel payment"
    ),
    "card_type": ("卡类型 卡种 银行卡类型 卡类别 付款银行 cardtype card"),
    "fee": ("手续费 手续费金额 服务费 商户手续费 fee fees commission"),
    "status": ("交易状态 状态 当前状态 订单状态 status state"),
    "type": ("交易类型 业务类型 交易分类 type transactiontype"),
    "merchant": (
        "商户编号 商户号 特约商户号 商户代码 merchantno merchantnumber merchant merchantid mid"
    ),
    "reference": (
        "参考号 交易单号 交易订单号 支付宝交易号 微信订单号 流水号 订单号 "
        "reference ref referenceno 凭证号"
    ),
    "rate": ("费率 rate"),
    "direction": ("收/支 收支"),
}
for _role, _names in _NAMES.items():
    for _name in _names.split():
        SYNONYMS.setdefault(_name, _role)


def header_roles(row: Sequence[str]) -> dict[str, tuple[int, str]]:
    """Role → (column index, unit) for the cells of a row that name a usual column (the first
    cell naming a role wins)."""
    found: dict[str, tuple[int, str]] = {}
    for index, cell in enumerate(row):
        if not cell or len(cell) > 40:
            continue
        name, unit = split_unit(cell)
        role = SYNONYMS.get(name)
        if role and role not in found:
            found[role] = (index, unit)
    return found


def usable(roles: Mapping[str, object]) -> bool:
    return ("time" in roles or "date" in roles) and "amount" in roles


def find_header(rows: Sequence[Sequence[str]]) -> int | None:
    """The index of the first row (of the first ``HEADER_SEARCH``) naming time and amount."""
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        if usable(header_roles(row)):
            return index
    return None


# Values → methods.
_METHOD_WORDS: tuple[tuple[str, str], ...] = (
    ("云闪付", "unionpay_qr"),
    ("银联二维码", "unionpay_qr"),
    ("银联扫码", "unionpay_qr"),
    ("unionpayqr", "unionpay_qr"),
    ("unionpay_qr", "unionpay_qr"),
    ("闪付", "contactless"),
    ("nfc", "contactless"),
    ("contactless", "contactless"),
    ("quickpass", "contactless"),
    ("微信", "wechat"),
    ("wechat", "wechat"),
    ("weixin", "wechat"),
    ("wxpay", "wechat"),
    ("支付宝", "alipay"),
    ("alipay", "alipay"),
    ("借记", "debit_card"),
    ("储蓄", "debit_card"),
    ("debit", "debit_card"),
    ("贷记", "credit_card"),
    ("信用", "credit_card"),
    ("credit", "credit_card"),
)
_CARD_WORDS = ("刷卡", "银行卡", "插卡", "挥卡", "card", "pos", "bankcard")


@lru_cache(maxsize=4096)
def card_type(value: str) -> str | None:
    """借记卡/储蓄卡/``*_DEBIT`` → debit_card, 贷记卡/信用卡/``*_CREDIT`` → credit_card."""
    v = normalise(value)
    if not v:
        return None
    if "借记" in v or "储蓄" in v or v.endswith("debit") or v == "debit":
        return "debit_card"
    if "贷记" in v or "信用" in v or v.endswith("credit") or v == "credit":
        return "credit_card"
    return None


@lru_cache(maxsize=4096)
def map_method(value: str, card: str = "") -> str | None:
    """The method code a file's value names, or None when it cannot be told."""
    v = normalise(value)
    if v in METHODS:
        return v
    for word, code in _METHOD_WORDS:
        if word in v:
            return code
    if any(word in v for word in _CARD_WORDS) or (not v and card):
        return card_type(card)
    return None


# Values → what a row is.
_DEDUCTION = re.compile(
    r"流量费|流量卡|sim|服务费|年费|押金|会员|激活费|管理费|月租|通讯费|技术服务|deposit|membership|"
    r"annualfee|simfee|servicefee"
)
_REVERSAL = re.compile(r"撤销|冲正|revoke|revers|void|cancel")
_REFUND = re.compile(r"退款|退货|退费|refund|return")
_FAILED = re.compile(
    r"失败|关闭|未支付|待付款|已取消|无效|fail|closed|notpay|payerror|declin|unpaid|pending"
)


@lru_cache(maxsize=4096)
def classify(*values: str) -> str | None:
    """The left-out reason a row's status/type values give, or None for a payment."""
    text = "".join(normalise(v) for v in values if v)
    if not text:
        return None
    if _DEDUCTION.search(text):
        return FEE_ROW
    if _REVERSAL.search(text):
        return REVERSAL
    if _REFUND.search(text):
        return REFUND
    if _FAILED.search(text):
        return FAILED
    return None


# Values → numbers and times.
_MONEY_JUNK = re.compile(r"[,\s¥￥元`'\"]|rmb|cny", re.IGNORECASE)
_FORMULA = re.compile(r"^[=+\-@].*[|!(]|^=")


_PLAIN_MONEY = re.compile(r"(-?)(\d{1,11})(?:\.(\d{1,2}))?")


def is_formula(value: str) -> bool:
    return bool(_FORMULA.match(value.strip()))


def to_fen(value: str, unit: str, *, row: int, column: str) -> int:
    """An amount cell → fen. ``unit`` "分" means the file counts in fen."""
    plain = _PLAIN_MONEY.fullmatch(value)
    if plain is not None:  # the common case: 128.50, -3, 1280
        sign, whole, part = plain.groups()
        if unit == "分":
            if part and part.strip("0"):
                raise ReadError("bad_amount", row=row, column=column, value=value)
            cents = int(whole)
        else:
            cents = int(whole) * 100 + (int(part.ljust(2, "0")) if part else 0)
        return -cents if sign else cents
    text = _MONEY_JUNK.sub("", value)
    if is_formula(value):
        raise ReadError("formula", row=row, column=column)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ReadError("bad_amount", row=row, column=column, value=value) from None
    if not number.is_finite():
        raise ReadError("bad_amount", row=row, column=column, value=value)
    fen = number if unit == "分" else number * 100
    if fen != fen.to_integral_value():
        raise ReadError("bad_amount", row=row, column=column, value=value)
    if abs(fen) >= 10**13:
        raise ReadError("bad_amount", row=row, column=column, value=value)
    return int(fen)


_TIME = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s]*(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2}))?"
    r"(?:\.\d+)?秒?)?"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?")


def to_time(value: str, *, row: int, column: str, clock: str = "") -> dt.datetime:
    """A time cell (or a date cell and a time-of-day cell) → a naive local datetime."""
    if len(value) == 19 and not clock and value[4] == "-" and value[10] == " ":
        try:  # the common case, 2026-01-05 10:21:00, parsed in C
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    text = value.strip().strip("`").strip()
    match = _TIME.match(text) or _COMPACT.match(text)
    try:
        if not match:
            raise ValueError(text)
        y, mo, d, h, mi, s = (int(g) if g else 0 for g in match.groups())
        if clock and match.group(4) is None:
            whole = _TIME.match(clock.strip().strip("`"))
            if whole and whole.group(4) is not None:  # the "time" column has date and time
                y, mo, d, h, mi, s = (int(g) if g else 0 for g in whole.groups())
            elif cm := _CLOCK.match(clock.strip().strip("`")):
                h, mi, s = (int(g) if g else 0 for g in cm.groups())
        return dt.datetime(y, mo, d, h, mi, s)  # noqa: DTZ001  # a local time as the file says
    except ValueError:
        raise ReadError("bad_date", row=row, column=column, value=value) from None


@lru_cache(maxsize=256)
def _money_out(value: str) -> bool:
    """A personal bill's 收/支 cell says the money went out (支出), not in."""
    direction = normalise(value)
    return direction.startswith(("支", "out", "expense")) or "支出" in direction


def is_stop_row(row: Sequence[str]) -> bool:
    """A totals or comment line after the rows (WeChat's 总交易单数…, Alipay's #…, 合计)."""
    if row and row[0][:1].isdigit():
        return False  # a data row starts with its time (the usual case)
    first = next((c for c in row if c.strip()), "")
    v = normalise(first)
    return v.startswith(("#", "总", "合计", "汇总", "total", "sum")) or "合计" in v


@dataclass(frozen=True)
class Columns:
    """Where each role is in a file's rows, with the units, as a reader has worked them out."""

    index: Mapping[str, int]
    units: Mapping[str, str] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    method: str | None = None  # one method for every row (a WeChat or Alipay bill)
    decode_method: Callable[[str, str], str | None] = map_method


def parse(
    layout: str,
    rows: Iterable[Sequence[str]],
    columns: Columns,
    *,
    first_row: int,
    assign: Mapping[str, str] | None = None,
    clean: Callable[[str], str] | None = None,
) -> Statement:
    """The rows after the header → a ``Statement``. ``first_row`` is the 1-based number of the
    first data row (for messages); ``assign`` maps a file's method values the readers cannot
    tell to method codes (the merchant's choice on the page)."""
    st = Statement(layout=layout, columns=dict(columns.names))
    ix = columns.index
    units = columns.units
    names = columns.names
    assign = {normalise(k): v for k, v in (assign or {}).items()}
    # 交易日期 + 时间 (or + 交易时刻): the date from one column, the time of day from the other.
    split = "date" in ix and ("clock" in ix or "time" in ix)
    i_time = ix["date"] if split else ix.get("time", ix.get("date"))
    i_clock = ix.get("clock", ix.get("time")) if split else None
    i_amount = ix["amount"]
    i_fee = ix.get("fee")
    i_method = ix.get("method")
    i_card = ix.get("card_type")
    i_status = ix.get("status")
    i_type = ix.get("type")
    i_merchant = ix.get("merchant")
    i_direction = ix.get("direction")
    st.has_fee = i_fee is not None
    st.has_merchant = i_merchant is not None
    amount_unit = units.get("amount", "")
    fee_unit = units.get("fee", "")
    time_name = names.get("time", names.get("date", "time"))
    amount_name = names.get("amount", "amount")
    fee_name = names.get("fee", "fee")
    width = 1 + max(ix.values())
    number = first_row - 1
    for raw in rows:
        number += 1
        if clean is not None:
            raw = [clean(c) for c in raw]
        if not (raw and raw[0][:1].isdigit()) and not any(c.strip() for c in raw):
            continue  # a blank line
        if is_stop_row(raw):
            break
        if len(raw) < width:
            raw = list(raw) + [""] * (width - len(raw))
        if max(map(len, raw)) > MAX_CELL:
            raise ReadError("cell_too_long", row=number)
        st.rows += 1
        if st.rows > MAX_ROWS:
            raise ReadError("too_many_rows", row=number)
        assert i_time is not None
        when = to_time(
            raw[i_time],
            row=number,
            column=time_name,
            clock=raw[i_clock] if i_clock is not None else "",
        )
        amount = to_fen(raw[i_amount], amount_unit, row=number, column=amount_name)
        status = raw[i_status] if i_status is not None else ""
        kind = raw[i_type] if i_type is not None else ""
        method_text = raw[i_method] if i_method is not None else ""
        reason = classify(status, kind, method_text)
        if reason is None and i_direction is not None and _money_out(raw[i_direction]):
            reason = OTHER
        if reason is None and amount < 0:
            reason = REFUND
        if reason is None and amount == 0:
            reason = FAILED
        if reason is not None:
            st.left_out[reason] += 1
            if reason == FEE_ROW:
                label = next((v for v in (kind, status, method_text) if v.strip()), "")
                st.deductions.append(Deduction(when, abs(amount), label.strip()[:30]))
            continue
        card = raw[i_card] if i_card is not None else ""
        method = columns.method
        if method is None:
            key = (method_text or card).strip()[:30] or "—"
            method = (assign.get(normalise(key)) if assign else None) or columns.decode_method(
                method_text, card
            )
            if method is None:
                st.unknown_methods[key] += 1
                continue
        fee = None
        if i_fee is not None and raw[i_fee].strip():
            fee = abs(to_fen(raw[i_fee], fee_unit, row=number, column=fee_name))
        merchant = raw[i_merchant].strip() if i_merchant is not None else ""
        st.payments.append(Payment(when, amount, method, fee, merchant, method_text))
    return st
