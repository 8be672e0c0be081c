from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncomeConfig(AppConfig):
    name = "routekaart.income"
    label = "income"
    verbose_name = _("Bestaanszekerheid")
