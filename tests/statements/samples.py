"""Test statement files, made from the layout descriptions in
../shared/data/statement-layouts.md (no real sample file was available): each builder says which
row (L1–L7) it follows. Rows are (time, amount 元 as text, method code, fee 元 as text)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal

Row = tuple[str, str, str, str]  # time, amount 元, method, fee 元

CARD = {"debit_card": "借记卡", "credit_card": "信用卡"}


def fen(amount: str) -> str:
    return str(int(Decimal(amount) * 100))


def wechat_trade_bill(rows: Iterable[Row], *, refund: Row | None = None) -> str:
    """L1 — WeChat Pay merchant trade bill: every cell starts with a backtick; the last two
    lines are a totals header and a totals row; amounts in 元."""
    header = (
        "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
        "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,"
        "充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
    )
    lines = [header]
    body = list(rows)
    items = [(r, "SUCCESS") for r in body] + ([(refund, "REFUND")] if refund else [])
    for n, ((time, amount, _method, fee), status) in enumerate(items):
        cells = [time, "wx123", "1900000109", "", "D1", f"42000{n:010d}", f"M{n}", "oUpF8u"]
        cells += ["MICROPAY", status, "CMBC_CREDIT", "CNY", amount, "0.00", "", "", "0.00"]
        cells += ["0.00", "", "", "商品", "", fee, "0.38%", amount, "0.00", ""]
        lines.append(",".join("`" + c for c in cells))
    total = sum(Decimal(r[1]) for r in body)
    lines.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额")
    lines.append(f"`{len(body)},`{total},`0.00,`0.00,`0.00,`{total}")
    return "\n".join(lines) + "\n"


def alipay_merchant_bill(rows: Iterable[Row], *, refund: Row | None = None) -> str:
    """L2 — Alipay merchant bill (业务明细): ``#`` preamble, header, rows, ``#`` totals."""
    lines = [
        "#支付宝业务明细查询",
        "#账号：[20880000000000000156]",
        "#起始日期：[2026年01月01日 00:00:00]   终止日期：[2026年02月01日 00:00:00]",
        "#-----------------------------------------业务明细列表----------------------------------------",
        "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,"
        "对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,"
        "商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,"
        "服务费（元）,分润（元）,备注",
    ]
    items = [(r, "交易") for r in rows] + ([(refund, "退款")] if refund else [])
    for n, ((time, amount, _method, fee), kind) in enumerate(items):
        sign = "-" if kind == "退款" else ""
        cells = [f"2026{n:020d}\t", f"M{n}\t", kind, "商品", time, time, "", "", "", ""]
        cells += ["a***@x.com", sign + amount, sign + amount, "0.00", "0.00", "0.00", "0.00"]
        cells += ["0.00", "", "0.00", "0.00", "", f"-{fee}", "0.00", ""]
        lines.append(",".join(cells))
    lines += [
        "#-----------------------------------------业务明细列表结束------------------------------------",
        "#交易合计：1笔，商家实收共1.00元，商家优惠共0.00元",
        "#导出时间：[2026年02月01日 10:00:00]",
    ]
    return "\n".join(lines) + "\n"


def alipay_zip(text: str) -> bytes:
    """L2 as downloaded: a zip with the 业务明细 file and its 汇总 (both GBK)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("20880000000000000156_20260201_业务明细(汇总).csv", "#汇总\n".encode("gbk"))
        z.writestr("20880000000000000156_20260201_业务明细.csv", text.encode("gbk"))
    return out.getvalue()


def leshua_trade_file(rows: Iterable[Row], *, reversal: Row | None = None) -> str:
    """L3 — 乐刷 agent trade file: amounts in 分, rate in 万分之一, 交易类型 消费/撤销/退货,
    支付方式 刷卡/微信/支付宝 with 卡类型 for 刷卡."""
    header = (
        "交易时间,商户号,费率,交易金额,手续费,结算金额,资金流向,交易类型,支付方式,卡类型,"
        "商户优惠类型,参考号,凭证号,终端号"
    )
    lines = [header]
    pay = {"wechat": "微信", "alipay": "支付宝", "debit_card": "刷卡", "credit_card": "刷卡"}
    items = [(r, "消费") for r in rows] + ([(reversal, "撤销")] if reversal else [])
    for n, ((time, amount, method, fee), kind) in enumerate(items):
        rate = str(int(Decimal(fee) / Decimal(amount) * 10000)) if Decimal(amount) else "0"
        settled = str(int(fen(amount)) - int(fen(fee)))
        cells = [time, "833581053990001", rate, fen(amount), fen(fee), settled, "入账", kind]
        cells += [pay[method], CARD.get(method, ""), "标准类", f"{n:012d}", f"{n:06d}", "T01"]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def saobei_bill(rows: Iterable[Row]) -> str:
    """L4 — 利楚 扫呗 institution bill: amounts in 分, 支付方式 codes (1 微信, 2 支付宝, 3 银行卡,
    11 云闪付, 16 数字人民币)."""
    codes = {"wechat": "1", "alipay": "2", "debit_card": "3", "credit_card": "3"}
    codes |= {"unionpay_qr": "11", "ecny": "16"}
    lines = ["商户号,终端号,交易时间,交易金额,手续费金额,结余金额,支付方式,银行卡类型,商家实收"]
    for time, amount, method, fee in rows:
        net = str(int(fen(amount)) - int(fen(fee)))
        card = {"debit_card": "借记卡", "credit_card": "贷记卡"}.get(method, "")
        lines.append(",".join(["852100001", "T9", time, fen(amount), fen(fee), net]))
        lines[-1] += f",{codes[method]},{card},{net}"
    return "\n".join(lines) + "\n"


def alipay_personal(rows: Iterable[Row]) -> str:
    """L7 — personal Alipay bill: GBK CSV, a ~22-line preamble, 收/支, 交易状态."""
    pre = ["------------------------------------------------------------------------------------"]
    pre += [
        "导出信息：",
        "姓名：张三",
        "支付宝账户：138****0000",
        "起始时间：[2026-01-01 00:00:00]",
    ]
    pre += [f"说明{n}：本明细仅展示当前账单中的交易" for n in range(14)]
    pre += ["", "----------------------支付宝（中国）网络技术有限公司  电子客户回单---------------"]
    lines = pre + [
        "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注"
    ]
    for n, (time, amount, _m, _fee) in enumerate(rows):
        lines.append(
            f"{time},收款,顾客,c***@x.com,收钱码收款,收入,{amount},余额,交易成功,{n:016d},,"
        )
    lines.append("2026-01-09 10:00:00,日用百货,超市,s***@x.com,进货,支出,300.00,余额,交易成功,9,,")
    return "\n".join(lines) + "\n"


def wechat_personal_rows(rows: Iterable[Row]) -> list[list[object]]:
    """L7 — personal WeChat bill (XLSX since 2025-07): a preamble, 收/支, 金额(元) with ¥."""
    out: list[list[object]] = [
        ["微信支付账单明细"],
        ["微信昵称：[小店]"],
        ["起始时间：[2026-01-01]"],
    ]
    out += [[], ["----------------------微信支付账单明细列表--------------------"]]
    out.append(
        [
            "交易时间",
            "交易类型",
            "交易对方",
            "商品",
            "收/支",
            "金额(元)",
            "支付方式",
            "当前状态",
            "交易单号",
            "商户单号",
            "备注",
        ]
    )
    for n, (time, amount, _m, _fee) in enumerate(rows):
        when = dt.datetime.fromisoformat(time)
        out.append(
            [
                when,
                "二维码收款",
                "顾客",
                "/",
                "收入",
                f"¥{amount}",
                "/",
                "已存入零钱",
                f"1000050{n:010d}",
                "/",
                "/",
            ]
        )
    return out


def template_csv(rows: Iterable[Row], *, header: Sequence[str] | None = None) -> str:
    """Our template: 交易时间, 交易金额（元）, 支付方式, 卡类型, 手续费（元）, 交易状态,
    商户编号."""
    head = header or (
        "交易时间",
        "交易金额（元）",
        "支付方式",
        "卡类型",
        "手续费（元）",
        "交易状态",
        "商户编号",
    )
    names = {"wechat": ("微信", ""), "alipay": ("支付宝", ""), "unionpay_qr": ("云闪付", "")}
    names |= {
        "debit_card": ("刷卡", "借记卡"),
        "credit_card": ("刷卡", "贷记卡"),
        "contactless": ("闪付", ""),
    }
    lines = [",".join(head)]
    for time, amount, method, fee in rows:
        m, card = names[method]
        lines.append(f"{time},{amount},{m},{card},{fee},成功,898310058120001")
    return "\n".join(lines) + "\n"


def xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SIMPLE: list[Row] = [
    ("2026-01-05 10:00:00", "100.00", "wechat", "0.38"),
    ("2026-01-20 11:30:00", "2000.00", "wechat", "7.60"),
    ("2026-02-03 09:15:00", "50.00", "wechat", "0.19"),
]
MIXED: list[Row] = [
    ("2026-01-05 10:00:00", "100.00", "wechat", "0.38"),
    ("2026-01-06 10:00:00", "200.00", "alipay", "0.76"),
    ("2026-01-07 10:00:00", "5000.00", "debit_card", "20.00"),
    ("2026-02-08 10:00:00", "1000.00", "credit_card", "6.00"),
]
