"""Structured logs: JSON lines, no request bodies, form data or query strings."""

import io
import json
import logging
import logging.config

from celery.utils.log import get_task_logger
from django.conf import settings
from django.conf import settings as django_settings
from django.test import RequestFactory

from federation import celery_app
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


@celery_app.task(name="tests.federation.test_logs.look_up_complainant")
def look_up_complainant(name: str, phone: str):
    get_task_logger(__name__).info("looking up a complainant",
                                   extra={"params": {"name": name, "phone": phone}})
    raise LookupError("no such complainant")


def test_worker_logs_go_through_the_personal_data_filter_and_the_json_formatter(capsys,
                                                                                settings):
    """What a starting worker does (Celery's setup_logging_subsystem) applies Django's LOGGING
    (federation/celery.py); a task's own record and Celery's failure record, which carries the
    task's arguments as `data`, come out as JSON lines without them."""
    console = {**settings.LOGGING["handlers"]["console"], "formatter": "json"}
    settings.LOGGING = {**settings.LOGGING, "handlers": {"console": console}}
    log = celery_app.log
    log.already_setup = False
    try:
        assert log.setup_logging_subsystem(loglevel="INFO")  # handled by our receiver
        root = logging.getLogger()
        assert [type(f) for h in root.handlers for f in h.filters] == [DropPersonalData]
        result = look_up_complainant.apply(args=("李秀英", "13812345678"), throw=False)
        assert result.failed()
    finally:
        log.already_setup = False
        logging.config.dictConfig(django_settings.LOGGING)
    output = capsys.readouterr().err
    records = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    by_logger = {r["logger"]: r for r in records}
    own = by_logger["tests.federation.test_logs"]
    assert own["message"] == "looking up a complainant" and own["level"] == "INFO"
    failure = by_logger["celery.app.trace"]
    assert failure["level"] == "ERROR" and "look_up_complainant" in failure["message"]
    assert "13812345678" not in output and "李秀英" not in output
