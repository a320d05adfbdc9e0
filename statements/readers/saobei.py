"""L4 — 利楚 扫呗 institution bill, as described in row L4 of ../shared/data/statement-layouts.md
(help.lcsw.cn, 2025-05-23).

Comma-separated; amounts (交易金额, 手续费金额, 商家实收) in 分; 支付方式 as codes:
1 微信, 2 支付宝, 3 银行卡 (with 银行卡类型), 11 云闪付,
16 数字人民币 (no method of ours: listed to assign).
"""

from statements.readers.base import card_type, map_method
from statements.readers.layout import Layout, names

CODES = {"1": "wechat", "2": "alipay", "11": "unionpay_qr"}


def decode(value: str, card: str) -> str | None:
    code = value.strip()
    if code == "3":
        return card_type(card)
    return CODES.get(code) or (None if code.isdigit() else map_method(value, card))


LAYOUT = Layout(
    name="L4",
    label="扫呗机构账单",
    signature=names("商户号", "终端号", "交易金额", "手续费金额", "结余金额", "支付方式"),
    extra={"手续费金额": "fee", "银行卡类型": "card_type"},
    units={"amount": "分", "fee": "分"},
    decode_method=decode,
)
