from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = _("Organizations")
    #: The app's packages keep their models beside their code (one app label, "orgs"):
    #: the tree, users and committees in orgs.models, these in their own packages.
    package_models = ("orgs.activities.models", "orgs.tallies.models", "orgs.duties.models",
                      "orgs.teams.models", "orgs.sites.models")

    def import_models(self):
        super().import_models()
        for module in self.package_models:
            import_module(module)
