"""Executive members at work (执委履职): duty records, requests passed up, the yearly review,
the figures the reports state, reminders. See orgs/duties/models.py."""
