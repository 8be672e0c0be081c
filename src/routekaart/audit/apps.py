from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _partitions_ahead(sender, using: str = "default", **kwargs) -> None:
    """Every migrate (each deploy) also makes the coming months of the processing log (PostgreSQL; idempotent)."""
    from .partitions import partitions_ensure

    partitions_ensure(using=using)


class AuditConfig(AppConfig):
    name = "routekaart.audit"
    verbose_name = _("Verantwoording")

    def ready(self) -> None:
        from .middleware import install

        install()  # a request's reads are written inside its own transaction, at the end of the view
        post_migrate.connect(_partitions_ahead, sender=self, dispatch_uid="routekaart_audit_partitions")
