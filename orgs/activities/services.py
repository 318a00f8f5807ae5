"""Activity log writes. Each function opens its own transaction, so an activity is saved
with its donations in kind and its attachments or not at all; views call these and never
open transactions themselves."""

from __future__ import annotations

from django.db import transaction

from orgs.activities.models import Activity, ActivityAttachment


@transaction.atomic
def save_activity(form, user, donations=None) -> Activity:
    """Save a valid activity form (its creator the first time), its donations formset (when
    the page sent one) and the attachments the form checked."""
    activity = form.save(commit=False)
    if activity.created_by_id is None:
        activity.created_by = user
    activity.save()
    form.save_m2m()
    if donations is not None:
        donations.instance = activity
        donations.save()
    for upload, content_type in form.checked:
        ActivityAttachment.objects.create(
            activity=activity, file=upload, original_name=upload.name[:200],
            content_type=content_type, size=upload.size, uploaded_by=user)
    return activity


def remove_attachment(attachment: ActivityAttachment) -> int:
    """Delete an attachment's row, and its stored file once that is committed (a failed
    delete keeps both). Returns the activity's id."""
    activity_id = attachment.activity_id
    file = attachment.file
    with transaction.atomic():
        attachment.delete()
        transaction.on_commit(lambda: file.delete(save=False))
    return activity_id
