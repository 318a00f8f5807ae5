"""Structured logs: JSON lines, no request bodies, form data or query strings."""

import io
import json
import logging
import logging.config

from django.conf import settings
from django.test import RequestFactory

from federation.kernel.logs import DropPersonalData


def json_logger(stream) -> logging.Logger:
    config = {**settings.LOGGING, "handlers": {"console": {
        "class": "logging.StreamHandler", "formatter": "json", "filters": ["no_personal_data"],
        "stream": stream}}, "root": {"handlers": ["console"], "level": "INFO"},
        "disable_existing_loggers": False}
    logging.config.dictConfig(config)
    return logging.getLogger("django.request")


def test_request_errors_are_logged_as_json_without_body_or_query(db):
    stream = io.StringIO()
    try:
        logger = json_logger(stream)
        request = RequestFactory().post("/rights/cases/new/?q=13812345678",
                                        {"victim_name": "李秀英", "phone": "13812345678"})
        logger.error("Internal Server Error: %s", request.path,
                     extra={"request": request, "status_code": 500})
    finally:
        logging.config.dictConfig(settings.LOGGING)
    line = stream.getvalue().strip()
    record = json.loads(line)
    assert record["level"] == "ERROR" and record["logger"] == "django.request"
    assert record["path"] == "/rights/cases/new/" and record["method"] == "POST"
    assert record["status_code"] == 500
    assert "13812345678" not in line and "李秀英" not in line


def test_filter_drops_form_data_attributes():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    record.data = {"id_number": "11010519491231002X"}
    record.body = b"secret"
    assert DropPersonalData().filter(record)
    assert not hasattr(record, "data") and not hasattr(record, "body")


def test_production_logs_are_json():
    import federation.settings as production

    assert production.LOGGING["handlers"]["console"]["filters"] == ["no_personal_data"]
    assert "json" in production.LOGGING["formatters"]
