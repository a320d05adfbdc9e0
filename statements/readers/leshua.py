"""L3 — 乐刷 (Leshua) agent trade file (交易对账单, ``代理商编号_trade_new_日期.txt``), as described
in row L3 of ../shared/data/statement-layouts.md (kancloud.cn/leshuadocs/saas/1099895).

Amounts (交易金额, 手续费, 结算金额) in 分; 费率 in 万分之一; 交易类型 消费 / 撤销 / 退货; 支付方式
刷卡 / 微信 / 支付宝 with 卡类型 信用卡 / 借记卡 for 刷卡; 参考号 and 凭证号 identify a payment.
"""

from statements.readers.layout import Layout, names

LAYOUT = Layout(
    name="L3",
    label="乐刷交易对账单",
    signature=names("商户号", "费率", "交易金额", "手续费", "结算金额", "资金流向", "支付方式"),
    extra={"资金流向": "flow"},
    units={"amount": "分", "fee": "分", "rate": "万分之一"},
)
