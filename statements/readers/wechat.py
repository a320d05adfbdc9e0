"""L1 — WeChat Pay merchant trade bill (交易账单), as described in row L1 of
../shared/data/statement-layouts.md (WeChat Pay developer docs, bill download).

CSV text; every cell starts with a backtick; the last two lines are a totals header
(总交易单数,…) and a totals row; amounts in 元. Every row is a WeChat payment; 付款银行 (e.g.
``CMBC_CREDIT``) names the card behind it, 交易状态 ``SUCCESS`` / ``REFUND`` / ``REVOKED``.
"""

from statements.readers.layout import Layout, names, strip_backtick

LAYOUT = Layout(
    name="L1",
    label="微信支付商户交易账单",
    signature=names("交易时间", "交易状态", "付款银行", "应结订单金额"),
    extra={"应结订单金额": "amount", "订单金额": "order_amount", "交易类型": "kind"},
    method="wechat",
    clean=strip_backtick,
)
