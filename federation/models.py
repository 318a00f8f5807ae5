"""The models of the federation app: the kernel's (access log, password state, heartbeat) and the
cross-app layer's (summary runs), one app label for both."""

from federation.kernel.models import (
    AccessLog,
    ApiToken,
    AppendOnlyError,
    Heartbeat,
    LineOfWork,
    PasswordState,
    log_access,
)
from federation.portal.models import ReportRun

__all__ = ["AccessLog", "ApiToken", "AppendOnlyError", "Heartbeat", "LineOfWork", "PasswordState",
           "ReportRun", "log_access"]
