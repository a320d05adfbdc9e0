from __future__ import annotations

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from core.middleware import SignedInSessionMiddleware

        def started(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
            SignedInSessionMiddleware.start(request)

        user_logged_in.connect(started, dispatch_uid="core-signed-in-session")
