"""Households and their composition over time (Membership), so the composition on any date is a query."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits


class Household(models.Model):
    """People sharing a home: the unit of the plan ("één huishouden, één plan, één regisseur")."""

    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self) -> str:
        return f"{_('Huishouden')} {self.pk}"


class MembershipRole(models.TextChoices):
    HEAD = "head", _("Hoofd")
    PARTNER = "partner", _("Partner")
    CHILD = "child", _("Kind")
    OTHER = "other", _("Overig")


class Membership(models.Model):
    """A resident belongs to a household from `valid_from` until (not including) `valid_to`.

    Half-open periods: moving from one household to another on day D ends the first on D and starts the second
    on D, so no person is in two households on the same day. Services refuse overlaps; on PostgreSQL an exclusion
    constraint refuses them too.
    """

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="memberships")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("rol"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.OTHER)
    valid_from = models.DateField(_("komt op"), validators=limits.planned())
    valid_to = models.DateField(_("vertrekt op"), null=True, blank=True, validators=limits.planned())

    class Meta:
        verbose_name = _("lidmaatschap huishouden")
        verbose_name_plural = _("lidmaatschappen huishouden")
        indexes = [
            models.Index(fields=["household", "valid_from"]),
            models.Index(fields=["resident", "valid_from"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
                name="membership_ends_after_it_starts",
                violation_error_message=_("De vertrekdatum moet na de datum van komst liggen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.resident_id} in {self.household_id} [{self.valid_from}, {self.valid_to or '…'})"

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": _("De vertrekdatum moet na de datum van komst liggen.")})

    def is_active_on(self, on) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)
