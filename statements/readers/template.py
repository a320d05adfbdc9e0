"""Our own template (对账单模板): the usual columns under their plainest names, amounts in 元.
Downloadable from the statement page as CSV and XLSX with example rows (``EXAMPLE``)."""

from statements.readers.layout import Layout, names

HEADER = (
    "交易时间",
    "交易金额（元）",
    "支付方式",
    "卡类型",
    "手续费（元）",
    "交易状态",
    "商户编号",
    "参考号",
)
EXAMPLE = (
    ("2026-01-05 10:21:00", "58.00", "微信", "", "0.22", "成功", "898310058120001", "000000000001"),
    ("2026-01-05 12:02:13", "1280.00", "刷卡", "借记卡", "6.40", "成功", "898310058120001", ""),
    ("2026-01-06 18:40:55", "3200.00", "刷卡", "信用卡", "19.20", "成功", "898310058120001", ""),
    ("2026-01-07 09:15:00", "35.50", "支付宝", "", "0.13", "退款", "898310058120001", ""),
    ("2026-01-31 23:59:59", "99.00", "流量费", "", "", "扣款", "898310058120001", ""),
)

LAYOUT = Layout(
    name="template",
    label="本站模板",
    signature=names(*HEADER[:3], HEADER[4]),
)
