"""Machtiging: a resident (the principal) lets another resident (the agent) look at their data in Mijn Routekaart,
for some law domains or for all of them ("alles"), from a date, until a date or until withdrawn.

Recorded by staff from a signed form, as at the counter (DigiD Machtigen itself is outside Routekaart). The row stays
after withdrawal as proof of what was allowed when; `residents.represented` reads the open ones live.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ...organisations.roles import Domain

ALL_DOMAINS = "".join(sorted(Domain.values))  # "GJPW": an authorisation for everything ("alles")


class Authorisation(models.Model):
    """The principal authorises the agent for the domains in `domains` (one letter each, sorted: "GJPW" is all)."""

    principal = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("machtiginggever"),
        on_delete=models.PROTECT,
        related_name="authorisations_given",
    )
    agent = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("gemachtigde"),
        on_delete=models.PROTECT,
        related_name="authorisations_received",
    )
    domains = models.CharField(_("waarvoor"), max_length=len(ALL_DOMAINS))
    valid_from = models.DateField(_("vanaf"), validators=limits.planned())
    valid_to = models.DateField(_("tot"), null=True, blank=True, validators=limits.planned())
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, validators=limits.happened())
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("machtiging")
        verbose_name_plural = _("machtigingen")
        indexes = [
            models.Index(fields=["agent", "valid_from"]),
            models.Index(fields=["principal", "valid_from"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(principal=models.F("agent")),
                name="authorisation_not_to_self",
                violation_error_message=_("Iemand kan zichzelf niet machtigen."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="authorisation_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
            models.CheckConstraint(
                condition=~models.Q(domains=""),
                name="authorisation_names_a_domain",
                violation_error_message=_("Kies waarvoor de machtiging geldt."),
            ),
        ]

    def __str__(self) -> str:
        # Never a name or BSN: str() ends up in logs and error pages.
        return f"{self.principal_id} → {self.agent_id} ({self.domains})"

    @property
    def domain_set(self) -> frozenset[str]:
        return frozenset(self.domains)

    @property
    def is_everything(self) -> bool:
        return self.domains == ALL_DOMAINS

    def domain_labels(self) -> list[str]:
        """The domains in words, in the order of Domain."""
        return [str(label) for value, label in Domain.choices if value in self.domains]

    def is_active_on(self, on) -> bool:
        return self.withdrawn_at is None and self.valid_from <= on and (self.valid_to is None or on < self.valid_to)
