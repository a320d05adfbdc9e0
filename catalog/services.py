"""Writes to the catalog, named ``<entity>_<action>`` with keyword-only arguments.

Fee changes are new plan versions, never silent rewrites: :func:`plan_new_version` makes a
draft copy of a plan (with its rates) starting on a chosen day; the editor changes the copy's
numbers while nobody sees it; :func:`plan_publish` puts it in force and closes the version it
replaces on that day. Changing the numbers of a plan that has already been in force is only
allowed as a *correction*, with a reason that goes into the audit history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog.models import Plan, Rate
from catalog.terms import RATE_TERM_NAMES, TERM_NAMES

# Plan fields whose change alters what a merchant pays (or when): after a plan has been in
# force these may only be corrected, with a reason. ``valid_to`` is handled separately: ending
# a plan in the future is normal; moving an end date that is already in the past is not.
PLAN_NUMBER_FIELDS: tuple[str, ...] = ("product", "valid_from", *TERM_NAMES)
RATE_NUMBER_FIELDS: tuple[str, ...] = RATE_TERM_NAMES

MSG_REASON_NEEDED = _(
    "This plan has been in force since %(start)s, so merchants may have been shown these "
    "numbers. To change the fees from a date on, make a new version of the plan instead. To "
    "fix a mistake, say what was wrong in “Correction reason”; it is kept in the history."
)
MSG_NEW_VERSION_START = _("The new version must start after the current one does (%(start)s).")
MSG_NEW_VERSION_END = _(
    "This version already ends on %(end)s; the new version must start before that day."
)
MSG_NEW_VERSION_OF_DRAFT = _(
    "This plan is a draft: edit it directly, or publish it before making a new version."
)
MSG_DRAFT_EXISTS = _(
    "A draft new version of this plan already exists (from %(start)s). "
    "Edit or delete that draft first."
)
MSG_ALREADY_PUBLISHED = _("This version is already published.")
MSG_NO_RATES = _("A plan without any rate cannot be published: add its rates first.")
MSG_BACKDATED = _(
    "The new version starts on %(start)s, which is in the past: publishing it would change "
    "what the previous version showed for days already gone. Give a correction reason."
)
MSG_BEFORE_PREVIOUS = _("The new version must start after the version it replaces (%(start)s).")


# --- Corrections -----------------------------------------------------------------------------


def plan_changed_numbers(*, original: Plan, values: Mapping[str, Any], on: dt.date) -> list[str]:
    """The names in ``values`` (plan field → new value) that would change the plan's numbers.

    ``valid_to`` counts when the old or the new end date is on or before ``on`` (the past is
    being rewritten); ending a plan in the future does not count.
    """
    changed = [
        name
        for name in PLAN_NUMBER_FIELDS
        if name in values and _field_value(original, name) != _plain(values[name])
    ]
    if "valid_to" in values and values["valid_to"] != original.valid_to:
        ends = [d for d in (original.valid_to, values["valid_to"]) if d is not None]
        if any(d <= on for d in ends):
            changed.append("valid_to")
    return changed


def _field_value(plan: Plan, name: str) -> Any:
    if name == "product":
        return plan.product_id
    return getattr(plan, name)


def _plain(value: Any) -> Any:
    return value.pk if hasattr(value, "_meta") else value


def plan_correction_problem(
    *, original: Plan, changes_numbers: bool, reason: str, on: dt.date
) -> ValidationError | None:
    """The error to show when numbers of a plan that has been public change without a reason."""
    if changes_numbers and original.has_been_public(on=on) and not reason.strip():
        return ValidationError(
            MSG_REASON_NEEDED,
            code="correction_reason_required",
            params={"start": original.valid_from.isoformat()},
        )
    return None


def rate_numbers(rates: Iterable[Rate]) -> dict[tuple[str, bool], tuple[Any, ...]]:
    """Rates of a plan as comparable values: (method, is_promo) → the number fields."""
    return {(r.method, r.is_promo): tuple(getattr(r, f) for f in RATE_NUMBER_FIELDS) for r in rates}


# --- Versions --------------------------------------------------------------------------------


def _attribute(obj: Any, *, user: Any, reason: str) -> None:
    """Tell django-simple-history who made the change and why."""
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user
    if reason:
        obj._change_reason = reason


def plan_new_version(*, plan: Plan, valid_from: dt.date, user: Any = None) -> Plan:
    """A draft copy of ``plan`` and its rates, starting on ``valid_from``.

    The copy keeps the plan's end date (usually none) and points back at it (``replaces``).
    Nothing public changes until the draft is published with :func:`plan_publish`.
    """
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.is_draft:
            raise ValidationError(MSG_NEW_VERSION_OF_DRAFT, code="draft")
        if valid_from <= plan.valid_from:
            raise ValidationError(
                {
                    "valid_from": ValidationError(
                        MSG_NEW_VERSION_START,
                        code="start",
                        params={"start": plan.valid_from.isoformat()},
                    )
                }
            )
        if plan.valid_to is not None and valid_from >= plan.valid_to:
            raise ValidationError(
                {
                    "valid_from": ValidationError(
                        MSG_NEW_VERSION_END,
                        code="end",
                        params={"end": plan.valid_to.isoformat()},
                    )
                }
            )
        draft = plan.replaced_by.filter(is_draft=True).first()
        if draft is not None:
            raise ValidationError(
                MSG_DRAFT_EXISTS,
                code="draft_exists",
                params={"start": draft.valid_from.isoformat()},
            )
        rates = list(plan.rates.all())
        reason = gettext("New version of “%(plan)s” from %(start)s (draft)") % {
            "plan": plan.name,
            "start": valid_from.isoformat(),
        }
        copy = Plan.objects.get(pk=plan.pk)
        copy.pk = None
        copy._state.adding = True
        copy.valid_from = valid_from
        copy.valid_to = plan.valid_to
        copy.is_draft = True
        copy.replaces = plan
        copy.lock_version = 0
        _attribute(copy, user=user, reason=reason)
        copy.save()
        for rate in rates:
            rate.pk = None
            rate._state.adding = True
            rate.plan = copy
            _attribute(rate, user=user, reason=reason)
            rate.save()
    return copy


def plan_publish_problems(
    *, plan: Plan, on: dt.date, reason: str = "", previous: Plan | None = None
) -> list[ValidationError]:
    """Why the draft ``plan`` (with its current, possibly unsaved values) cannot be published.

    ``previous`` is the version it replaces (default: ``plan.replaces``). Rates are not looked
    at here (the caller may still be editing them); :func:`plan_publish` checks them.
    """
    problems: list[ValidationError] = []
    if previous is None and plan.replaces_id:
        previous = Plan.objects.filter(pk=plan.replaces_id).first()
    if previous is not None and previous.is_draft:
        previous = None
    if previous is not None:
        if plan.valid_from <= previous.valid_from:
            problems.append(
                ValidationError(
                    MSG_BEFORE_PREVIOUS,
                    code="before_previous",
                    params={"start": previous.valid_from.isoformat()},
                )
            )
        elif (
            _closes(previous, plan)
            and previous.has_been_public(on=on)
            and plan.valid_from < on
            and not reason.strip()
        ):
            problems.append(
                ValidationError(
                    MSG_BACKDATED, code="backdated", params={"start": plan.valid_from.isoformat()}
                )
            )
    others = Plan.objects.published().filter(product_id=plan.product_id, name=plan.name)
    others = others.exclude(pk=plan.pk)
    if previous is not None:
        others = others.exclude(pk=previous.pk)
    clash = others.overlapping(start=plan.valid_from, end=plan.valid_to).first()
    if clash is not None:
        problems.append(clash.overlap_error())
    return problems


def _closes(previous: Plan, plan: Plan) -> bool:
    return previous.valid_to is None or previous.valid_to > plan.valid_from


def plan_publish(*, plan: Plan, on: dt.date, user: Any = None, reason: str = "") -> Plan:
    """Put a draft in force: close the version it replaces on its start date, then publish it.

    Refused (``ValidationError``, nothing changed) when the draft has no rates, starts on or
    before the version it replaces, would overlap another published version, or starts before
    ``on`` — rewriting days already shown — without a correction ``reason``.
    """
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if not plan.is_draft:
            raise ValidationError(MSG_ALREADY_PUBLISHED, code="published")
        if not plan.rates.exists():
            raise ValidationError(MSG_NO_RATES, code="no_rates")
        previous = (
            Plan.objects.select_for_update().filter(pk=plan.replaces_id, is_draft=False).first()
            if plan.replaces_id
            else None
        )
        problems = plan_publish_problems(plan=plan, on=on, reason=reason, previous=previous)
        if problems:
            raise ValidationError(problems)
        start = {"start": plan.valid_from.isoformat()}
        closed = gettext("Closed by the new version from %(start)s") % start
        published = gettext("Published the version from %(start)s") % start
        if previous is not None and _closes(previous, plan):
            previous.valid_to = plan.valid_from
            _attribute(previous, user=user, reason=reason.strip() or closed)
            previous.save()
        plan.is_draft = False
        plan.full_clean()
        _attribute(plan, user=user, reason=reason.strip() or published)
        plan.save()
    return plan
