"""Users and groups in the admin with their audit history (django-simple-history, registered in
``core.models``): a change to an account, its roles or a role's permissions is recorded with
who made it and what it was before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from simple_history.admin import SimpleHistoryAdmin

# UserAdmin is generic only in django-stubs (not subscriptable at run time).
if TYPE_CHECKING:
    _UserAdmin = UserAdmin[User]
else:
    _UserAdmin = UserAdmin

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class HistoryUserAdmin(SimpleHistoryAdmin, _UserAdmin):  # type: ignore[misc]  # untyped base
    pass


@admin.register(Group)
class HistoryGroupAdmin(SimpleHistoryAdmin, GroupAdmin):  # type: ignore[misc]  # untyped base
    pass
