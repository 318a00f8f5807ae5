"""Ending a user's sessions everywhere (an admin action, and after a password reset)."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def end_user_sessions(user) -> int:
    """Delete every live session of `user` (they must log in again); returns how many."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator(chunk_size=500):
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


def end_sessions_action(modeladmin, request, queryset):
    """Admin action: log the selected users out everywhere."""
    from federation.kernel.models import AccessLog, log_access

    total = 0
    for user in queryset:
        total += end_user_sessions(user)
        log_access(request, user, AccessLog.Action.SESSIONS_ENDED, label=user.get_username())
    modeladmin.message_user(request, _("%(n)d sessions ended.") % {"n": total})


end_sessions_action.short_description = gettext_lazy("End the selected users' sessions")
