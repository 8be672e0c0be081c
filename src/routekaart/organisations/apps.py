from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "routekaart.organisations"
    verbose_name = _("Organisaties")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from ..audit.event_labels import labels_register
        from ..core.session_idle import activity_record_on_login
        from .event_labels import EVENT_LABELS

        labels_register(EVENT_LABELS)
        user_logged_in.connect(activity_record_on_login, dispatch_uid="routekaart_session_activity")
