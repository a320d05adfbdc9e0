"""L2 — Alipay merchant bill (业务明细), as described in row L2 of
../shared/data/statement-layouts.md (deb-sig/double-entry-generator, roncoo-pay ALIPAYParser).

A zip holding ``…_业务明细.csv`` and ``…_业务明细(汇总).csv`` (``statements.files`` picks the
first); GBK; ``#`` comment lines before the header and after the rows. 业务类型 交易 / 退款;
服务费（元） is the fee (printed negative); every row is an Alipay payment.
"""

from statements.readers.layout import Layout, names

LAYOUT = Layout(
    name="L2",
    label="支付宝商家账单",
    signature=names("业务类型", "订单金额（元）", "服务费（元）"),
    extra={"订单金额": "amount", "创建时间": "time", "业务类型": "type", "商户订单号": "reference"},
    method="alipay",
)
