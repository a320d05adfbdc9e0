"""The public sources the guides cite, keyed as in market-facts.md §9 and brand-facts.md.

Pages cite a key (``S12``); the page's source list shows the title, the address and the date the
source itself states. ``tier`` is how far to trust it (market-facts.md §0): regulation, the brand
itself, an agent (reseller) page, a market range or a developer document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

REG = _("regulation")
BRAND = _("provider's own document")
AGENT = _("agent (reseller) page")
MKT = _("market pages")
STANDARD = _("technical standard")
DEV = _("developer document")
NEWS = _("news report")


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str
    date: str
    tier: Promise | str


SOURCES: dict[str, Source] = {
    s.key: s
    for s in [
        Source(
            "S1",
            "澎湃：国家发改委《政府定价的经营服务性收费目录清单（2022版）》",
            "http://023yc.cn/news/newshow.aspx?id=41152",
            "2022-01-06",
            REG,
        ),
        Source(
            "S2",
            "新华社：发改价格〔2016〕557号 刷卡手续费五项措施",
            "http://www.ragespline.com/html/2016/03/21/1206.html",
            "2016-03-21",
            REG,
        ),
        Source(
            "S11",
            "新华社：银发〔2017〕296号《条码支付业务规范（试行）》",
            "http://m.spgoo.cn/information/show-108237.html",
            "2017-12-28",
            REG,
        ),
        Source(
            "S12",
            "银发〔2021〕259号《关于加强支付受理终端及相关业务管理的通知》",
            "http://yyrenti.com/zx/2021/1126/10319.html",
            "2021-11-26",
            REG,
        ),
        Source(
            "S12c",
            "中国支付清算协会《关于优化条码支付服务的公告》",
            "http://www.17nai.com/p/354835.html",
            "2022-02-22",
            REG,
        ),
        Source(
            "S13",
            "《银行卡收单业务管理办法》（中国人民银行公告〔2013〕第9号）",
            "http://yunpinvg.com/listing/lawsshow_pi.php?id=9502",
            "2013-07-05",
            REG,
        ),
        Source(
            "S14",
            "cardinfo.com.cn 收费公示",
            "https://www.cardinfo.com.cn/compliance-single1.html",
            "",
            BRAND,
        ),
        Source(
            "S15", "合利宝代理文章", "http://hlb.iiapos.com/xw/11224c2019.html", "2019-11-22", AGENT
        ),
        Source(
            "S17", "星驿付（代理页）", "https://www.posbli.com/news/3850.html", "2022-02-14", AGENT
        ),
        Source(
            "S18", "立刷流量费（代理页）", "http://kadaibao.com/cjwt/394.html", "2020-09-19", AGENT
        ),
        Source("S19", "拉卡拉（代理页）", "http://www.lakalasz.com/wenda/5730.html", "", AGENT),
        Source("S21", "流量费 45–100 元/年（代理页）", "https://pvp-pkp.com/13069.html", "", AGENT),
        Source(
            "S22", "费率常见问题（代理页）", "https://www.ruihuoban.com/cjwt/2021.html", "", AGENT
        ),
        Source(
            "S23",
            "POS机陷阱（代理页）",
            "https://www.iiapos.com/POSjidazahui/5406.html",
            "",
            AGENT,
        ),
        Source(
            "S24", "POS机陷阱（代理页）", "https://www.hefeipos.com/post/16170.html", "2025", AGENT
        ),
        Source(
            "S25",
            "浙江卡盟 wiki（GitHub whsayxz5/docsify 镜像）",
            "https://github.com/whsayxz5/docsify",
            "2025-01-03 … 2025-03-01",
            AGENT,
        ),
        Source(
            "S27",
            "GitHub gzyxds/docpos 代理宣传（“0.38%费率永不+3”）",
            "https://github.com/gzyxds/docpos",
            "2025",
            AGENT,
        ),
        Source(
            "S28",
            "Q/CUP 006.6-2014《中国银联银行卡联网联合技术规范 V2.1 第6部分 附录》§A.2 应答码"
            "（存档副本）",
            "",
            "2014-06-06",
            STANDARD,
        ),
        Source("S29", "ISO8583Util.java 旧版终端应答码表（A–E 类）", "", "", DEV),
        Source(
            "S31",
            "讯联 Cardinfolink Smart-POS 交易应答码表 V3",
            "https://cardinfolink.github.io/Smart-POS/attached/sdkAnserCode",
            "2016-08-11",
            BRAND,
        ),
        Source("S32", "POS应答码 A–E 类说明", "http://m.casasmayor.com/22558.html", "", MKT),
        Source("S33", "ISO 8583:1987 response-code dictionary", "", "", STANDARD),
        Source(
            "S34",
            "收单机构中英文应答码表",
            "https://git.allpayx.com/OpenAPI/b2c-docs/raw/05bb68e2903aa86472614d9a3c652be161b9e26b/"
            "docs/expup/4.md",
            "",
            DEV,
        ),
        Source(
            "S35a",
            "商户异常被停用的原因（收钱吧百科）",
            "https://www.shoqian.com/baike/14416.html",
            "2025-07-08",
            AGENT,
        ),
        Source(
            "S35b",
            "中付：商户已停用",
            "https://zhongfupos.net/pos-knowledge/2011.html",
            "2024-02-19",
            AGENT,
        ),
        Source(
            "S35c",
            "商户状态异常（代理页）",
            "https://www.yinchuanpos.com/post/6241.html",
            "",
            AGENT,
        ),
        Source(
            "S35d",
            "商户状态异常（代理页）",
            "https://www.kaidianshua.net/news/wt/383.html",
            "",
            AGENT,
        ),
        Source("S35e", "休眠商户（代理页）", "https://www.sxfpos.com/360671", "", AGENT),
        Source(
            "S35f",
            "商户限制，交易失败（代理页）",
            "https://www.posbli.com/news/19319.html",
            "",
            AGENT,
        ),
        Source(
            "S35g",
            "刷卡POS机出现用户异常（博客）",
            "https://lovepos.net/posji/73b99ca01111.html",
            "2025-04-24",
            AGENT,
        ),
        Source(
            "S36",
            "易生支付开放平台 进件图片类型字典",
            "https://apifox.com/apidoc/docs-site/2466304/doc-5945508",
            "",
            BRAND,
        ),
        Source(
            "S37",
            "乐刷 SaaS 商户进件 API",
            "https://www.kancloud.cn/leshuadocs/saas/1099872",
            "",
            DEV,
        ),
        Source(
            "S38",
            "微信支付 服务商 主体类型",
            "https://pay.weixin.qq.com/wiki/doc/apiv3_partner/apis/chapter7_1_8.shtml",
            "2022-05-13",
            BRAND,
        ),
        Source(
            "S38b",
            "微信支付 小微商户进件",
            "https://pay.weixin.qq.com/doc/v3/partner/4012722249",
            "2025-03-26",
            BRAND,
        ),
        Source(
            "S38c",
            "小微商户进件字段（第三方 API 文档）",
            "https://www.kancloud.cn/l704496625/xiaoweipay/1345387",
            "",
            DEV,
        ),
        Source(
            "S39",
            "付临门开放平台 菜单（进件、终端）",
            "https://s.apifox.cn/5c927f66-a7d3-4efd-a555-63d98bfac330/",
            "",
            BRAND,
        ),
        Source(
            "S40",
            "办理POS机需要什么资料（代理页）",
            "http://www.lakalay.com/wenda/4680.html",
            "2025",
            AGENT,
        ),
        Source(
            "S50",
            "“押金违规”说法（代理页，未核实）",
            "http://xmyi.com.cn/235254.html",
            "2025-05-23",
            AGENT,
        ),
        Source(
            "S52",
            "“国家标准费率0.6%”说法（代理页）",
            "http://www.svinexta.cn/posjithree/200945.html",
            "",
            AGENT,
        ),
        Source(
            "S58",
            "“优惠类0.38%、标准类1%”说法（代理页）",
            "http://wwpfw.com/xinyongqiayuqi/79100.html",
            "",
            AGENT,
        ),
        Source(
            "BF0",
            "brand-facts §0: 支付业务许可证类别（《非银行支付机构监督管理条例》2024-05-01 起）",
            "http://www.gzshszh.com/2024-07-12/213531971.html",
            "2024-07-12",
            NEWS,
        ),
    ]
}


def sources_for(keys: Iterable[str]) -> list[Source]:
    """The known sources for these keys, each once, in first-cited order; unknown keys skipped."""
    seen: dict[str, Source] = {}
    for key in keys:
        source = SOURCES.get(key)
        if source is not None and key not in seen:
            seen[key] = source
    return list(seen.values())
