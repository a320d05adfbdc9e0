from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Fee reports")

    def ready(self) -> None:
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from core.freshness import fee_data_version_bump
        from reports.models import Report

        def changed(sender: type, instance: Report, **kwargs: Any) -> None:
            # Product and brand pages show accepted reports and are cached under the fee-data
            # version: a moderation decision moves it on. A new report (not counted yet) does not.
            if kwargs.get("raw") or (
                kwargs.get("created") and instance.status == Report.Status.NEW
            ):
                return
            transaction.on_commit(fee_data_version_bump, using=kwargs.get("using"))

        post_save.connect(changed, sender=Report, dispatch_uid="reports-moderated")
        post_delete.connect(changed, sender=Report, dispatch_uid="reports-deleted")
