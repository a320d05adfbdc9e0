"""The application guide (办理指南) as data: steps, materials by merchant type, precautions.

Facts from market-facts.md §5 (subject types, materials, the electronic flow, age limits),
§1.4–§1.7 (QR limits, personal collection codes, 小微 quotas, deposits and SIM fees, myths) and
§2.4 (trap lists). Each item cites source keys from ``guides.sources`` and says when its facts are
of low confidence. Plain Python: the view picks a merchant type, the template renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

XIAOWEI = "xiaowei"
INDIVIDUAL = "individual"
COMPANY = "company"

# How much an item is needed for one merchant type.
REQUIRED = "required"
IF_APPLICABLE = "if_applicable"
SOMETIMES = "sometimes"

NEED_LABELS: dict[str, Promise] = {
    REQUIRED: _("required"),
    IF_APPLICABLE: _("if it applies to you"),
    SOMETIMES: _("sometimes asked"),
}


@dataclass(frozen=True)
class MerchantType:
    slug: str
    name: Promise
    who: Promise
    sources: tuple[str, ...]


MERCHANT_TYPES: tuple[MerchantType, ...] = (
    MerchantType(
        XIAOWEI,
        _("Micro merchant (小微商户)"),
        _(
            "A person selling without a business licence, e.g. a stall or a home business. "
            "You apply with your ID card and your own bank card."
        ),
        ("S38", "S38b"),
    ),
    MerchantType(
        INDIVIDUAL,
        _("Sole trader (个体工商户)"),
        _("You have a business licence of the type 个体工商户 in your own name."),
        ("S38",),
    ),
    MerchantType(
        COMPANY,
        _("Company (企业)"),
        _("A company with its own licence, a legal representative and a corporate bank account."),
        ("S38",),
    ),
)
TYPE_BY_SLUG: dict[str, MerchantType] = {t.slug: t for t in MERCHANT_TYPES}


@dataclass(frozen=True)
class Material:
    """One thing to prepare; ``need`` maps a merchant type to how much it is needed (absent: no)."""

    slug: str
    name: Promise
    detail: Promise
    need: dict[str, str]
    sources: tuple[str, ...]
    low_confidence: bool = False

    def needed_for(self, merchant_type: str) -> str | None:
        return self.need.get(merchant_type)


MATERIALS: tuple[Material, ...] = (
    Material(
        "id-card",
        _("ID card, front and back"),
        _(
            "Second-generation ID card, still valid: yours, or for a company the legal "
            "representative's. For a sole trader it must be the operator named on the licence."
        ),
        {XIAOWEI: REQUIRED, INDIVIDUAL: REQUIRED, COMPANY: REQUIRED},
        ("S36", "S38b", "S40"),
    ),
    Material(
        "licence",
        _("Business licence (营业执照)"),
        _("The original or a clear photo; the name and address must match your shop."),
        {INDIVIDUAL: REQUIRED, COMPANY: REQUIRED},
        ("S36", "S40"),
    ),
    Material(
        "bank-card",
        _("Debit card in your own name"),
        _(
            "A Class-I debit card (一类卡) of the applicant, used as the settlement account. A "
            "credit card cannot be the settlement account."
        ),
        {XIAOWEI: REQUIRED, INDIVIDUAL: REQUIRED, COMPANY: IF_APPLICABLE},
        ("S36", "S40"),
    ),
    Material(
        "corporate-account",
        _("Corporate account proof (开户许可证 / 基本存款账户信息)"),
        _("Needed when the money is settled to the company's own account."),
        {COMPANY: REQUIRED},
        ("S36", "S40"),
    ),
    Material(
        "settlement-authorisation",
        _("Settlement authorisation (清算授权书)"),
        _("Needed when a company settles to a private (personal) account."),
        {COMPANY: IF_APPLICABLE},
        ("S36",),
    ),
    Material(
        "phone",
        _("Mobile number registered in your name"),
        _("For the sign-up, the e-contract SMS and notices from the provider."),
        {XIAOWEI: REQUIRED, INDIVIDUAL: REQUIRED, COMPANY: REQUIRED},
        ("S40",),
        low_confidence=True,
    ),
    Material(
        "shopfront-photo",
        _("Photo of the shopfront (门头照)"),
        _(
            "The sign must show the name you register. A micro merchant shows the stall or "
            "the place where they sell."
        ),
        {XIAOWEI: REQUIRED, INDIVIDUAL: REQUIRED, COMPANY: REQUIRED},
        ("S36", "S38c"),
    ),
    Material(
        "interior-photo",
        _("Photo inside the shop (内部环境照)"),
        _("Shows the goods or service you really sell."),
        {XIAOWEI: REQUIRED, INDIVIDUAL: REQUIRED, COMPANY: REQUIRED},
        ("S36", "S38c"),
    ),
    Material(
        "counter-photo",
        _("Photo of the checkout counter (收银台照)"),
        _("Where the terminal will stand."),
        {XIAOWEI: REQUIRED, INDIVIDUAL: REQUIRED, COMPANY: REQUIRED},
        ("S36",),
    ),
    Material(
        "door-number",
        _("Photo of the door number (门牌号)"),
        _("Some providers (e.g. 拉卡拉) want the address down to the door number."),
        {XIAOWEI: SOMETIMES, INDIVIDUAL: SOMETIMES, COMPANY: REQUIRED},
        ("S36", "S25"),
    ),
    Material(
        "premises-proof",
        _("Proof of the premises (property certificate or lease)"),
        _("Asked of companies by most providers."),
        {COMPANY: REQUIRED},
        ("S40",),
        low_confidence=True,
    ),
    Material(
        "industry-permit",
        _("Industry permit"),
        _("For example a food business licence (食品经营许可证) for a restaurant."),
        {XIAOWEI: IF_APPLICABLE, INDIVIDUAL: IF_APPLICABLE, COMPANY: IF_APPLICABLE},
        ("S36", "S40"),
    ),
    Material(
        "authorisation",
        _("Letter of authorisation and the agent's ID card"),
        _(
            "Only when someone else applies for you. A micro merchant must apply in person: the "
            "contact must be the operator."
        ),
        {INDIVIDUAL: IF_APPLICABLE, COMPANY: IF_APPLICABLE},
        ("S38", "S40"),
    ),
    Material(
        "business-proof",
        _("Proof that you do business"),
        _("Photos of your stall, or screenshots of your online shop."),
        {XIAOWEI: SOMETIMES},
        ("S38b", "S40"),
    ),
    Material(
        "handheld-id",
        _("Photo of you holding your ID card"),
        _("Some providers ask for it in addition to face recognition."),
        {XIAOWEI: SOMETIMES, INDIVIDUAL: SOMETIMES, COMPANY: SOMETIMES},
        ("S36", "S40"),
    ),
)
MATERIAL_SLUGS: tuple[str, ...] = tuple(m.slug for m in MATERIALS)


def materials_for(merchant_type: str) -> list[tuple[Material, str]]:
    """The materials a merchant type needs, required ones first, with how much each is needed."""
    order = {REQUIRED: 0, IF_APPLICABLE: 1, SOMETIMES: 2}
    items = [(m, need) for m in MATERIALS if (need := m.needed_for(merchant_type))]
    return sorted(items, key=lambda pair: order[pair[1]])


@dataclass(frozen=True)
class Stage:
    title: Promise
    text: Promise
    sources: tuple[str, ...] = ()
    low_confidence: bool = False


STAGES: tuple[Stage, ...] = (
    Stage(
        _("Know the product (了解产品)"),
        _(
            "Decide between a QR plate, an e-signature POS, a traditional or a smart POS. The fee "
            "is set by the payment provider, not by the device. Compare the total cost over the "
            "time you will use it: rates, deposit, SIM fee and instant-settlement charges."
        ),
        ("S25",),
    ),
    Stage(
        _("Prepare the materials (准备资料)"),
        _("Tick them off in the checklist below for your merchant type."),
        ("S36", "S40"),
    ),
    Stage(
        _("Apply (申请)"),
        _(
            "Usually in the provider's merchant app: register, verify your identity, enter the "
            "shop details, add the settlement card and sign the contract electronically (the "
            "electronic flow below)."
        ),
        ("S39", "S25"),
    ),
    Stage(
        _("Review (审核)"),
        _(
            "The provider checks your details and registers you with UnionPay and with WeChat "
            "Pay and Alipay. Micro merchants are often approved within minutes."
        ),
        ("S39", "S25", "S13"),
        low_confidence=True,
    ),
    Stage(
        _("Installation and training (安装培训)"),
        _(
            "Bind the terminal to your merchant account, activate it with a first payment, sign "
            "in and learn refunds, voids and settlement. Instant settlement usually starts the "
            "day after registration."
        ),
        ("S25",),
        low_confidence=True,
    ),
)

# The typical third-party electronic flow (market-facts §5.3).
ELECTRONIC_FLOW: tuple[Stage, ...] = (
    Stage(
        _("Download the provider's merchant app"),
        _("Or scan the QR code on the terminal; register with your mobile number."),
        ("S39", "S25"),
    ),
    Stage(
        _("Real-name check (实名认证)"),
        _("Upload your ID card and pass face recognition yourself; never let an agent do it."),
        ("S39", "S25"),
    ),
    Stage(
        _("Merchant application (商户进件)"),
        _(
            "Shop name (must match the shopfront), industry (MCC), address (拉卡拉 wants the "
            "door number) and the photos."
        ),
        ("S39", "S25"),
    ),
    Stage(
        _("Settlement card (结算卡)"),
        _("Add the debit card or account that receives the money."),
        ("S39",),
    ),
    Stage(
        _("E-contract (电子签约)"),
        _("You receive a link by SMS; read the fees before you sign."),
        ("S39", "S25"),
    ),
    Stage(
        _("Registration with the networks"),
        _(
            "The provider registers you with UnionPay (银联入网) and reports you to WeChat Pay "
            "and Alipay (报备). WeChat also asks you to confirm in a mini-program that you want "
            "the account (开户意愿确认)."
        ),
        ("S39", "S25"),
    ),
    Stage(
        _("Bind the terminal (终端绑定)"),
        _("The terminal's SN is linked to your merchant account."),
        ("S39", "S25"),
    ),
    Stage(
        _("Activation"),
        _("The first payment activates the terminal; some providers freeze a deposit then."),
        ("S25", "S17"),
    ),
    Stage(
        _("Sign in (签到)"),
        _("On many terminals: operator 01, password 0000."),
        ("S25",),
        low_confidence=True,
    ),
    Stage(_("Start taking payments"), _("Keep the contract and the first receipt."), ()),
)


@dataclass(frozen=True)
class Precaution:
    slug: str
    title: Promise
    points: tuple[Promise, ...]
    sources: tuple[str, ...]
    low_confidence: bool = False
    general_advice: bool = False


PRECAUTIONS: tuple[Precaution, ...] = (
    Precaution(
        "licence",
        _("Check that the provider holds a payment licence"),
        (
            _(
                "Only a licensed payment institution or a bank may acquire card payments. The "
                "People's Bank of China publishes the list of licensed institutions on "
                "www.pbc.gov.cn (search for “已获许可机构”)."
            ),
            _(
                "For card terminals the licence must cover bank-card acquiring (银行卡收单, since "
                "2024 called 支付交易处理Ⅰ类)."
            ),
            _(
                "The company named in your contract must be the licence holder. An agent "
                "(代理商) who sells you the terminal holds no licence of its own."
            ),
            _("Our brand pages show the licence number and penalties where we found them."),
        ),
        ("BF0", "S13"),
    ),
    Precaution(
        "contract",
        _("Read these contract terms before you sign"),
        (
            _(
                "The rate for each payment method: credit card, debit card (and its cap per "
                "payment), QR codes and tap payments up to and above 1,000 元."
            ),
            _(
                "Whether the rate rises after an introductory period, and to what. Agents "
                "report rates raised to 1.0–2.65 % plus 3 元 per payment after a few months."
            ),
            _("The fee per instant settlement (秒到/D0); “+3 元” per payment is the classic one."),
            _("The SIM data fee: how much, from when, and how it is collected."),
            _("The deposit: how much, what volume refunds it and within how many days."),
            _(
                "Any other fee: terminal management fees, “VIP” service packs, information "
                "maintenance fees, account insurance or “fund protection” add-ons."
            ),
            _("The contract term, the early-termination fee and how to close the account."),
        ),
        ("S25", "S23", "S24", "S14"),
    ),
    Precaution(
        "deposit-sim",
        _("Deposit and SIM-fee traps"),
        (
            _(
                "Deposits of 99, 118, 199, 299 or 399 元 are frozen from the first payment. 10 万 "
                "元 within 90 days is the most common refund condition in 2024–25."
            ),
            _(
                "Watch for refund conditions you cannot reach, such as “10 万 for a small shop” or "
                "“5 万 every month for 12 months in a row”."
            ),
            _(
                "SIM fees of 36–60 元 a year are common; 99–120 元 or even 399 元 a year have been "
                "reported as traps."
            ),
            _(
                "No PBOC or NDRC rule on deposits or SIM fees was found. The claim that “the "
                "central bank forbids deposits” could not be verified."
            ),
        ),
        ("S17", "S23", "S24", "S25", "S21", "S50"),
        low_confidence=True,
    ),
    Precaution(
        "myths",
        _("“0 费率” and other myths"),
        (
            _(
                "“0 费率” or “0.38 % — forever, never +3”: every card payment costs the provider "
                "the issuer's and the network's fees (on a standard credit-card payment at "
                "least about 0.48 %). A rate below that is made up elsewhere: deposit, SIM fee, "
                "instant-settlement fee or a later rate rise, or it means payments routed under "
                "another merchant category (跳码), which banks penalise."
            ),
            _(
                "“The central bank says the rate must be 0.6 %”: false. The rules only cap the "
                "issuer's and the network's fees; the provider's own margin is set by the market. "
                "There is no legal minimum."
            ),
            _(
                "“Preferential merchants pay 0.38 %, standard ones 1 %”: those were the pre-2016 "
                "category prices. Since 2016 only the issuer and network parts are capped."
            ),
            _(
                "“A personal QR code is fine for my shop”: since 1 March 2022 a personal "
                "collection code may not be used for business; use a merchant or “个人经营收款码” "
                "code. Existing personal codes were not shut down."
            ),
            _(
                "“A printed QR plate has no limit”: a static code lets each payer spend at most "
                "500 元 a day. A terminal or a dynamic code avoids that limit."
            ),
        ),
        ("S2", "S1", "S22", "S52", "S58", "S27", "S12", "S12c", "S11"),
    ),
    Precaution(
        "micro-quota",
        _("Limits for micro merchants"),
        (
            _(
                "Reported UnionPay limits per ID card: at most 15 micro-merchant registrations in "
                "total, at no more than 5 providers, and at most 2 at any one provider."
            ),
            _(
                "Age limits depend on the product: 18–60, 18–65 or 18–70; "
                "over 70 is usually refused."
            ),
        ),
        ("S25", "S40"),
        low_confidence=True,
    ),
    Precaution(
        "privacy",
        _("Protect your identity and your account"),
        (
            _(
                "Do the real-name check and face recognition yourself. Never hand your ID card, "
                "bank card or phone to an agent to “register for you”."
            ),
            _(
                "Never share SMS codes or passwords. Do not lend or rent out your terminal: each "
                "terminal is bound to one merchant (一机一户), and the payments on it are yours."
            ),
            _("Keep the contract, receipts and the provider's official service number."),
        ),
        ("S12", "S25"),
        general_advice=True,
    ),
    Precaution(
        "updates",
        _("Keep the software up to date"),
        (
            _(
                "Install updates from the terminal's own menu or the provider's official app. "
                "Never install an app or a file an agent sends you."
            ),
            _(
                "Old software is a common cause of errors after a provider changes its systems; "
                "see the troubleshooting guide."
            ),
        ),
        (),
        general_advice=True,
    ),
)


def apply_source_keys() -> list[str]:
    keys: dict[str, None] = {}
    groups: list[tuple[str, ...]] = [t.sources for t in MERCHANT_TYPES]
    groups += [m.sources for m in MATERIALS]
    groups += [s.sources for s in STAGES + ELECTRONIC_FLOW]
    groups += [p.sources for p in PRECAUTIONS]
    for group in groups:
        for key in group:
            keys.setdefault(key, None)
    return list(keys)
