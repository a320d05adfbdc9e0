"""L7 — personal WeChat / Alipay bills (个体 merchants on personal codes), as described in row L7
of ../shared/data/statement-layouts.md (double-entry-generator issues #35, #84, #172, #215, #217).

WeChat: XLSX since 2025-07 (CSV before), a preamble that keeps changing, 收/支 收入 for money in,
金额(元) with or without the ¥ sign, 当前状态 已存入零钱 / 已全额退款. Alipay: GBK CSV with a
~22-line preamble, 收/支, 交易状态 交易成功 / 退款成功 / 交易关闭; older exports carry 服务费（元）.
"""

from statements.readers.layout import Layout, names

WECHAT = Layout(
    name="L7",
    label="微信个人账单",
    signature=names("交易时间", "交易类型", "收/支", "当前状态", "交易单号"),
    extra={"当前状态": "status", "交易类型": "type"},
    method="wechat",
)
ALIPAY = Layout(
    name="L7",
    label="支付宝个人账单",
    signature=names("交易时间", "收/支", "交易状态", "交易订单号"),
    extra={"交易分类": "type"},
    method="alipay",
)
