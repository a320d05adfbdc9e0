"""The troubleshooting guide "刷卡POS机出现用户异常怎么办" as data: steps and their checks.

Every check says what to check, what it means and what to do, which response codes point to it,
which sources back it (keys of ``guides.sources``) and whether the facts are of low confidence
(agent pages only, market-facts.md §10). The walk goes card → network → restart → update →
merchant status → support; a merchant who already knows the symptom can jump in at any step.
Plain Python: the view only picks a step, the template only renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

START = "start"
SUPPORT = "support"
SOLVED = "solved"

# PBOC's consumer complaint line (market-facts §1.7; also in the site footer).
PBOC_HOTLINE = "12363"


@dataclass(frozen=True)
class Check:
    check: Promise
    meaning: Promise
    action: Promise
    codes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    low_confidence: bool = False
    general_advice: bool = False  # common practice, not from a cited source


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    short: Promise  # label in the progress list
    intro: Promise
    checks: tuple[Check, ...] = ()
    question: Promise | None = None  # "does it work now?"
    next: str | None = None  # where "still failing" leads
    sources: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Symptom:
    """An entry point on the first page: what the terminal shows → the step to start at."""

    label: Promise
    hint: Promise
    step: str


SYMPTOMS: tuple[Symptom, ...] = (
    Symptom(
        _("“用户异常” or another message without a code"),
        _("Start from the card and work through every step."),
        "card",
    ),
    Symptom(
        _("“商户状态异常”, “商户已停用” or “商户限制”"),
        _("The provider has limited your merchant account."),
        "merchant",
    ),
    Symptom(
        _("No signal, “通讯失败”, “连接超时” or “网络异常”"),
        _("The terminal cannot reach the payment platform."),
        "network",
    ),
    Symptom(
        _("The screen freezes, the app closes, or the terminal will not start"),
        _("Restart it properly and sign in again."),
        "restart",
    ),
)

STEPS: tuple[Step, ...] = (
    Step(
        slug=START,
        title=_("What does the terminal show?"),
        short=_("Start"),
        intro=_(
            "“用户异常” is not a UnionPay response code: it is a message the provider's software "
            "chooses, and it can mean a problem with the card or account, a typing mistake or a "
            "network fault. No official definition of it exists. If the screen or the receipt "
            "shows a two-character code, look it up first; otherwise pick what you see."
        ),
        sources=("S35g", "S28"),
        next="card",
    ),
    Step(
        slug="card",
        title=_("Check the card"),
        short=_("Card"),
        intro=_(
            "Most failed payments are about the card, not the terminal. Try these with the "
            "customer before anything else."
        ),
        checks=(
            Check(
                check=_(
                    "Was the card inserted the right way? Chip facing up and towards the "
                    "terminal, pushed all the way in, left in until the terminal beeps. A chip "
                    "card that is swiped instead of inserted is refused."
                ),
                meaning=_("The terminal could not read the card, or refused the magnetic stripe."),
                action=_(
                    "Insert the card again slowly, or tap it on the screen (闪付) for amounts up "
                    "to 1,000 元. Do not swipe a chip card."
                ),
                codes=("45", "19", "30"),
                sources=("S28",),
            ),
            Check(
                check=_(
                    "Is the card damaged? Look for a scratched or dirty chip, a bent card or a "
                    "worn stripe."
                ),
                meaning=_(
                    "A damaged card gives read errors on every terminal. If other cards work on "
                    "your terminal, the card is the problem."
                ),
                action=_(
                    "Wipe the chip with a dry cloth and try once more; otherwise ask the customer "
                    "to pay with another card or by QR code, and to ask their bank for a new card."
                ),
                codes=("30", "59"),
                sources=("S28",),
            ),
            Check(
                check=_(
                    "Has the card expired or was it never activated? Look at the expiry date "
                    "(MM/YY) on the front. A new card must be activated, and too many wrong PINs "
                    "lock it."
                ),
                meaning=_("The issuing bank refuses the card itself; no terminal will accept it."),
                action=_(
                    "The customer pays another way and contacts their bank to activate, unlock "
                    "or replace the card."
                ),
                codes=("54", "33", "21", "38", "75"),
                sources=("S28",),
            ),
            Check(
                check=_(
                    "Do the details match? Wrong PIN, identity details that do not match the "
                    "bank's records, no mobile number registered with the bank, not enough "
                    "balance, or the card's single or daily limit reached."
                ),
                meaning=_(
                    "The bank declined the payment for reasons on the customer's side. Your "
                    "terminal and merchant account are fine."
                ),
                action=_(
                    "Let the customer re-enter the PIN once, then ask them to pay another way and "
                    "call their bank. Never split one sale into several smaller payments."
                ),
                codes=("55", "05", "P1", "51", "61", "65", "57"),
                sources=("S28",),
            ),
        ),
        question=_("Does a different card work on this terminal?"),
        next="network",
        sources=("S28", "S35g"),
    ),
    Step(
        slug="network",
        title=_("Check the network: Wi-Fi, 4G and the SIM card"),
        short=_("Network"),
        intro=_(
            "If no card works, the terminal may not be reaching the payment platform. Look at "
            "the signal icons in the status bar first."
        ),
        checks=(
            Check(
                check=_(
                    "Is there a 4G or Wi-Fi signal icon, and does it show bars? Metal cabinets, "
                    "basements and thick walls block the signal."
                ),
                meaning=_(
                    "Without a connection every payment fails or times out, whatever the card."
                ),
                action=_(
                    "Move the terminal near a door or window and try again. If it has both 4G "
                    "and Wi-Fi, switch to the other one in its settings."
                ),
                codes=("92", "68", "98"),
                sources=("S28",),
            ),
            Check(
                check=_(
                    "On Wi-Fi: does your phone open a web page on the same Wi-Fi? Was the Wi-Fi "
                    "password changed? Wi-Fi that needs a login page (malls, hotels) does not "
                    "work on terminals."
                ),
                meaning=_("The router or the Wi-Fi settings, not the terminal, are at fault."),
                action=_("Restart the router, enter the new password on the terminal, or use 4G."),
                general_advice=True,
            ),
            Check(
                check=_(
                    "On 4G: is the SIM data fee (流量费) paid? Has the merchant app or an SMS "
                    "told you the SIM service has expired?"
                ),
                meaning=_(
                    "An expired SIM stops the terminal from connecting. Providers typically "
                    "charge the SIM fee once a year (36–60 元 is common), often by deducting it "
                    "from a payment."
                ),
                action=_(
                    "Renew the SIM service in the provider's merchant app or ask the provider. "
                    "Check the amount against your contract before you pay."
                ),
                sources=("S35e", "S18", "S25"),
                low_confidence=True,
            ),
            Check(
                check=_(
                    "Is it around midnight, or does the screen say the system is busy? The "
                    "payment network switches to the next business day every night (日切)."
                ),
                meaning=_("The platform or the card's bank is briefly unavailable."),
                action=_(
                    "Wait a few minutes. Before you charge again after a time-out, check whether "
                    "the first attempt went through, so the customer is not charged twice."
                ),
                codes=("90", "91", "96", "09", "94"),
                sources=("S28",),
            ),
        ),
        question=_("Does a payment go through now?"),
        next="restart",
        sources=("S28", "S35e"),
    ),
    Step(
        slug="restart",
        title=_("Restart the terminal and sign in again"),
        short=_("Restart"),
        intro=_(
            "A full restart clears a frozen app and reconnects the network; signing in (签到) "
            "fetches fresh security keys from the platform."
        ),
        checks=(
            Check(
                check=_(
                    "Switch it off properly: hold the power key, choose “关机”, wait about "
                    "30 seconds, then switch it on. Charge it if the battery is low; a weak "
                    "battery can drop the 4G connection."
                ),
                meaning=_("Most freezes and “system busy” screens go away after a restart."),
                action=_("Try a small payment after the restart."),
                general_advice=True,
            ),
            Check(
                check=_(
                    "Sign in again (签到). Many terminals sign in by themselves after starting; "
                    "others have a “签到” item in the menu (operator 01, and on many models the "
                    "password 0000)."
                ),
                meaning=_(
                    "Codes about the MAC, the PIN block or the batch number mean the terminal's "
                    "keys or batch are out of step with the platform; a new sign-in fixes that."
                ),
                action=_(
                    "Sign in, then retry the payment. If the same code comes back, go on to the "
                    "next step."
                ),
                codes=("A0", "99", "77", "22", "A7"),
                sources=("S28", "S32", "S25"),
            ),
        ),
        question=_("Does a payment go through now?"),
        next="update",
        sources=("S28", "S32"),
    ),
    Step(
        slug="update",
        title=_("Update the software"),
        short=_("Update"),
        intro=_(
            "Providers change their systems; a terminal with old software or old parameters "
            "may be refused."
        ),
        checks=(
            Check(
                check=_(
                    "Look for an update: usually in the settings under “系统更新”, “关于本机” or "
                    "“检查更新”, or in the provider's merchant app. Connect to Wi-Fi, charge the "
                    "battery above half and do not switch off during the update."
                ),
                meaning=_("Out-of-date software is a common cause of odd errors after a change."),
                action=_("Install the update, restart, sign in and try again."),
                general_advice=True,
            ),
            Check(
                check=_(
                    "Does the code say the terminal is not registered, not allowed, or the "
                    "message format is wrong?"
                ),
                meaning=_(
                    "The terminal's parameters on the platform are missing or wrong. Only the "
                    "provider can send new parameters or bind the terminal again."
                ),
                action=_(
                    "Contact the provider and ask them to push the terminal parameters (下发参数) "
                    "or re-bind the terminal to your merchant account."
                ),
                codes=("97", "58", "30"),
                sources=("S28", "S31"),
            ),
            Check(
                check=_(
                    "Did someone send you an app or a link to “upgrade” the terminal or “lower "
                    "your rate”?"
                ),
                meaning=_(
                    "Updates come only from the terminal's own menu or the provider's official "
                    "app. Anything else may steal your account or move your settlement."
                ),
                action=_(
                    "Do not install it and do not give anyone your login, SMS codes or "
                    "passwords. Ask the provider through its official channel."
                ),
                general_advice=True,
            ),
        ),
        question=_("Does a payment go through now?"),
        next="merchant",
        sources=("S28", "S31"),
    ),
    Step(
        slug="merchant",
        title=_("Check your merchant status"),
        short=_("Merchant status"),
        intro=_(
            "If cards fail on a terminal that is online and up to date, the provider may have "
            "paused or limited your merchant account. Messages like “商户状态异常”, “商户已停用” "
            "or “商户限制” are the provider's own, not UnionPay codes. What follows comes from "
            "agent pages only."
        ),
        checks=(
            Check(
                check=_("Has the terminal been unused for months?"),
                meaning=_(
                    "Merchants with no payments for about half a year are marked dormant "
                    "(休眠商户) and, depending on the provider, unbound, stopped or closed."
                ),
                action=_(
                    "Ask the provider to reactivate the merchant account; you may have to "
                    "confirm your identity again."
                ),
                sources=("S35e",),
                low_confidence=True,
            ),
            Check(
                check=_(
                    "Has the provider flagged the account (商户状态异常, 商户已停用, 商户限制)? "
                    "Look for a notice in the merchant app or an SMS."
                ),
                meaning=_(
                    "Causes named by agents: registration details that do not match the real "
                    "business (name, address, licence), risk rules (large or very frequent "
                    "payments, the same card again and again, many late-night payments, "
                    "suspected cash-out 套现), payments routed under another merchant category "
                    "(跳码), an expired ID card or licence, a frozen settlement account, "
                    "regulatory clean-ups or a system error."
                ),
                action=_(
                    "Update expired documents and ask the provider, with your merchant ID and "
                    "terminal ID, to review the account. Never pay a third party to “unblock” "
                    "it. Meanwhile the customer can pay with another method you have."
                ),
                sources=("S35a", "S35b", "S35c", "S35d", "S35f"),
                low_confidence=True,
            ),
            Check(
                check=_(
                    "Does the response code say the merchant is invalid or the terminal is not "
                    "allowed?"
                ),
                meaning=_(
                    "Your merchant or terminal registration at the acquirer is missing, wrong "
                    "or blocked."
                ),
                action=_("Only the provider can fix this: contact them."),
                codes=("03", "58", "97"),
                sources=("S28",),
            ),
        ),
        question=_("Is your account active again?"),
        next=SUPPORT,
        sources=("S35a", "S35b", "S35e", "S35f"),
    ),
    Step(
        slug=SUPPORT,
        title=_("Contact support"),
        short=_("Support"),
        intro=_(
            "Call your provider's customer service. Have these ready and the call will be short."
        ),
        sources=("S24", "S25"),
    ),
    Step(
        slug=SOLVED,
        title=_("Working again"),
        short=_("Solved"),
        intro=_("Good. A few habits keep it that way:"),
    ),
)

STEP_BY_SLUG: dict[str, Step] = {s.slug: s for s in STEPS}
# The numbered walk shown as progress (the first page and "solved" are not part of it).
WALK: tuple[Step, ...] = tuple(s for s in STEPS if s.slug not in {START, SOLVED})


def step_get(slug: str) -> Step:
    """The step with this slug; the first page when the slug is empty or unknown."""
    return STEP_BY_SLUG.get(slug, STEP_BY_SLUG[START])


def step_position(step: Step) -> int | None:
    """1-based position of the step in the walk, or None for the first page and "solved"."""
    for i, s in enumerate(WALK, start=1):
        if s.slug == step.slug:
            return i
    return None


def step_previous(step: Step) -> Step | None:
    """The step whose "still failing" leads here (for a Back link); None on the first page."""
    if step.slug == START:
        return None
    for s in STEPS:
        if s.next == step.slug and s.slug != START:
            return s
    return STEP_BY_SLUG[START]


def step_codes(step: Step) -> list[str]:
    """Every response code the step mentions, in order, each once."""
    seen: dict[str, None] = {}
    for check in step.checks:
        for code in check.codes:
            seen.setdefault(code, None)
    return list(seen)


def step_source_keys(step: Step) -> list[str]:
    keys: dict[str, None] = {}
    for key in step.sources:
        keys.setdefault(key, None)
    for check in step.checks:
        for key in check.sources:
            keys.setdefault(key, None)
    return list(keys)


# What to have ready when calling support (shown on the support step).
SUPPORT_CHECKLIST: tuple[tuple[Promise, Promise], ...] = (
    (
        _("The error code or the exact message"),
        _("Take a photo of the screen or the failed receipt."),
    ),
    (
        _("Terminal ID and serial number (SN)"),
        _(
            "The terminal ID (终端号, usually 8 characters) is on every receipt; the SN is on the "
            "label on the back or under the battery, or in the settings under “关于本机”."
        ),
    ),
    (
        _("Merchant ID (商户号)"),
        _("Usually 15 characters, on every receipt and in the merchant app."),
    ),
    (
        _("Date and time of the failure"),
        _("Also the amount and whether it was a card, a QR code or a tap payment."),
    ),
    (
        _("What you have already tried"),
        _("For example: other cards fail too, restarted, signed in again, software updated."),
    ),
)

SUPPORT_NEVER = _(
    "Support never needs a customer's full card number, PIN or CVN, nor your SMS codes or "
    "passwords. Do not give them to anyone."
)

SOLVED_TIPS: tuple[Promise, ...] = (
    _("Keep the SIM data fee paid and note when it is due."),
    _(
        "Sign in at the start of each day and settle (结算) at the end "
        "if your terminal asks for it."
    ),
    _("Install updates from the terminal's own menu or the provider's app only."),
    _("Use the terminal regularly; long unused merchant accounts can be made dormant."),
)
