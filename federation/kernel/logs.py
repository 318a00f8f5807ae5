"""Keep personal data out of the logs: no request bodies, form data or query strings."""

from __future__ import annotations

import logging

#: Record attributes that may carry what a user typed.
DROPPED = ("request", "body", "data", "POST", "GET", "params", "credentials")


class DropPersonalData(logging.Filter):
    """Replaces the request attached by Django's loggers with its method and path only, and
    drops any other attribute that could hold a body or form data."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "django.request" and getattr(record, "status_code", 500) < 500:
            record.exc_info = record.exc_text = None  # a refused page is no crash: one line
        request = record.__dict__.get("request")
        for name in DROPPED:
            record.__dict__.pop(name, None)
        if request is not None and hasattr(request, "path"):
            record.method = getattr(request, "method", "")
            record.path = request.path
        if isinstance(record.args, dict):
            record.args = {k: v for k, v in record.args.items() if k not in DROPPED}
        return True
