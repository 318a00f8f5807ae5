from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = _("Rights protection")

    def ready(self) -> None:
        from federation.kernel import prefill
        from rights import figures

        # The women's assistance registry answers the tally's 两癌救助 and 贷款 indicators.
        prefill.register(figures.assistance_tally_answers)
