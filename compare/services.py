"""Share links: make one (a quote of a comparison), count its views."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from calculator.forms import OfferForm, ProfileForm
from compare import selectors
from compare.comparison import live_snapshot
from compare.forms import ComparisonForm
from compare.models import SharedComparison
from compare.snapshot import ProfileSnapshot

# Share codes: 10 characters from 31 (digits and lower-case letters without 0/o, 1/i/l, which
# are misread on paper): 31**10 ≈ 8.2e14 codes, about 49 bits, drawn with ``secrets`` (the
# operating system's CSPRNG). With a million links made, a guess hits one in about 800
# million tries.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 10
CODE_ATTEMPTS = 5


def share_code(length: int = CODE_LENGTH) -> str:
    """A new random share code (not yet checked for uniqueness)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def comparison_share(
    *, slugs: Sequence[str], params: Mapping[str, Any], user: Any = None, on: dt.date
) -> SharedComparison:
    """Save the comparison of ``slugs`` for the profile in ``params`` (link-format fields) as
    a share link, priced with the plans in force on ``on``.

    The link keeps a snapshot of everything its page shows (products, the plan terms used, the
    profile, the merchant's offer), so it shows the same figures forever. ``user`` is recorded
    as its maker when signed in. Invalid input raises ``ValidationError`` with the pages'
    messages.
    """
    choice = ComparisonForm.from_query({"products": ",".join(slugs)})
    profile_form = ProfileForm.from_query(params)
    offer_form = OfferForm(params)
    products = selectors.products_for_comparison(slugs=choice.slugs, on=on)
    choice.check_known({p.slug for p in products})
    if not (choice.is_valid() and profile_form.is_valid() and offer_form.is_valid()):
        problems = choice.messages + [
            str(message)
            for form in (profile_form, offer_form)
            for messages in form.errors.values()
            for message in messages
        ]
        raise ValidationError(problems)
    profile = ProfileSnapshot.from_form(profile_form)
    snapshot = live_snapshot(products=products, profile=profile, on=on, offer=offer_form.offer)
    creator = user if user is not None and getattr(user, "is_authenticated", False) else None
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return SharedComparison.objects.create(
                    code=share_code(),
                    products=[p.slug for p in products],
                    profile=profile.query,
                    snapshot=snapshot,
                    fees_on=on,
                    creator=creator,
                )
        except IntegrityError:
            # The only unique field is the code: it was taken. Draw another.
            continue
    raise RuntimeError(f"no free share code after {CODE_ATTEMPTS} attempts")


def shared_comparison_viewed(*, shared: SharedComparison) -> None:
    """Count one view, atomically in the database (concurrent views are all counted)."""
    SharedComparison.objects.filter(pk=shared.pk).update(view_count=F("view_count") + 1)
