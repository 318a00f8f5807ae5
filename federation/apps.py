from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = _("Federation")

    def ready(self):
        from federation import checks  # noqa: F401  (system checks)
        from federation.kernel import audit
        from federation.portal import accounts  # noqa: F401  (signal receivers)

        audit.register_models()
