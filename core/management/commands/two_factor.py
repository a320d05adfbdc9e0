"""Set up two-factor sign-in for a user from the command line: the first superuser, or a user who
lost their authenticator. Prints the authenticator's QR code and key, and ten recovery codes.

    python manage.py createsuperuser
    python manage.py two_factor <username>
"""

from __future__ import annotations

import io
from typing import Any

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.twofactor import new_recovery_codes


class Command(BaseCommand):
    help = "Give a user a new authenticator (TOTP) and new recovery codes; prints both."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(options["username"])
        except User.DoesNotExist:
            raise CommandError(f"No user {options['username']!r}.") from None
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).delete()
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
            codes = new_recovery_codes(user)
        qr = io.StringIO()
        segno.make(device.config_url, error="m").terminal(out=qr, compact=True)
        self.stdout.write("Scan this with an authenticator app (or type the key):")
        self.stdout.write(qr.getvalue())
        self.stdout.write(device.config_url)
        self.stdout.write("\nRecovery codes (each works once; keep them somewhere safe):")
        for code in codes:
            self.stdout.write(f"  {code}")
