"""Keep personal data out of the logs: no request bodies, form data, query strings, nor the
text of exceptions (which may quote what a user typed: "expected a number but got '…'")."""

from __future__ import annotations

import logging
import re

#: A query string inside a logged message: `?` up to the next space or quote.
QUERY = re.compile(r"\?[^\s\"']*")

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
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = QUERY.sub("?…", message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_info = withheld(record.exc_info)
            record.exc_text = None
        return True


class WithheldMessage(Exception):
    """Stands in for a logged exception: its type and traceback, without its text."""


def withheld(exc_info):
    kind, error, tb = exc_info
    names = []
    while error is not None and len(names) < 5:  # the chain: "ValueError <- OverflowError"
        names.append(f"{type(error).__module__}.{type(error).__qualname__}")
        error = error.__cause__ or error.__context__
    stand_in = WithheldMessage(" <- ".join(names) + " (message withheld: it may quote input)")
    return WithheldMessage, stand_in, tb
