"""Two-factor sign-in for staff (django-otp): an authenticator app's code (TOTP) or a one-time
recovery code, after the password.

* :class:`TwoFactorMiddleware` refuses the admin and the staff pages (``/compare/links/``) to a
  session that has not passed the second factor: it sends the user to enter a code, or — on
  the first sign-in, with no authenticator yet — to set one up.
* :func:`setup` shows the QR code (and the key, to type in) of a new authenticator; the first
  code it gives confirms it and shows ten recovery codes, once.
* :func:`verify` takes a code from the authenticator or a recovery code (each works once).
  django-otp slows down repeated wrong codes.
* ``manage.py two_factor <username>`` does the same set-up from the command line (the first
  superuser, or a user who lost their phone).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import django_otp
import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
MSG_WRONG_CODE = _(
    "That code is not right (or was used already). Enter the 6-digit code your authenticator "
    "app shows now, or one of your recovery codes."
)

app_name = "twofactor"


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def code(self) -> str:
        return "".join(str(self.cleaned_data["token"]).split())


def has_authenticator(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists())


def is_verified(request: HttpRequest) -> bool:
    """Whether this session has passed the second factor (django-otp's ``is_verified``)."""
    if not request.user.is_authenticated:
        return False
    check: Callable[[], object] | None = getattr(request.user, "is_verified", None)
    return check is not None and bool(check())


def new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    """Replace the user's recovery codes with ten new ones (shown once, stored for checking)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def authenticator_qr(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an SVG data URI (an ``img`` the CSP allows)."""
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2))


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {**admin.site.each_context(request), "next": _next(request), **extra}


def _signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapper(request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('admin:login')}?next={quote(request.get_full_path())}")
        return view(request)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@sensitive_post_parameters("token")
@never_cache
@require_http_methods(["GET", "POST"])
@_signed_in
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator, or a recovery code."""
    user = request.user
    if not has_authenticator(user):
        return redirect(f"{reverse('twofactor:setup')}?next={quote(_next(request))}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in django_otp.devices_for_user(user):
            verified = django_otp.verify_token(user, device.persistent_id, form.code())
            if verified is not None:
                request.session.cycle_key()
                django_otp.login(request, verified)
                return HttpResponseRedirect(_next(request))
        form.add_error("token", MSG_WRONG_CODE)
    status = 400 if form.errors else 200
    return render(
        request, "admin/two_factor_verify.html", _context(request, form=form), status=status
    )


@sensitive_post_parameters("token")
@never_cache
@require_http_methods(["GET", "POST"])
@_signed_in
def setup(request: HttpRequest) -> HttpResponse:
    """First sign-in: set up an authenticator app (scan the QR code, enter its first code)."""
    user = request.user
    if has_authenticator(user) and not is_verified(request):
        return redirect(f"{reverse('twofactor:verify')}?next={quote(_next(request))}")
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.code()):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user_id=user.pk).exclude(pk=device.pk).delete()
                codes = new_recovery_codes(user)  # type: ignore[arg-type]  # signed in
            request.session.cycle_key()
            django_otp.login(request, device)
            context = _context(request, codes=codes)
            return render(request, "admin/two_factor_codes.html", context)
        form.add_error("token", MSG_WRONG_CODE)
    context = _context(
        request,
        form=form,
        qr=authenticator_qr(device),
        key=device.config_url.split("secret=")[1].split("&")[0],
    )
    status = 400 if form.errors else 200
    return render(request, "admin/two_factor_setup.html", context, status=status)


urlpatterns = [
    path("", verify, name="verify"),
    path("setup/", setup, name="setup"),
]


class TwoFactorMiddleware:
    """The admin and the staff pages need a session that passed the second factor. Sits after
    django-otp's OTPMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        prefixes = ("", *(f"{c}/" for c, _name in settings.LANGUAGES))
        self.protected = tuple(
            f"/{p}{page}" for p in prefixes for page in (settings.ADMIN_URL, "compare/links/")
        )
        self.open = tuple(
            f"/{p}{settings.ADMIN_URL}{page}"
            for p in prefixes
            for page in ("login/", "logout/", "two-factor/", "jsi18n/")
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and request.path.startswith(self.protected)
            and not request.path.startswith(self.open)
            and not is_verified(request)
        ):
            step = "twofactor:verify" if has_authenticator(request.user) else "twofactor:setup"
            return redirect(f"{reverse(step)}?next={quote(request.get_full_path())}")
        return self.get_response(request)
