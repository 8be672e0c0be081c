"""Plan van aanpak: one active plan per household, goals per life domain, agreements by party; versions kept.

A revision is a new version (a new row, copied from the active one); activating it supersedes the old version,
which stays readable and unchangeable.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ...core import limits


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    ACTIVE = "active", _("Actief")
    SUPERSEDED = "superseded", _("Vervangen door een nieuwe versie")
    CLOSED = "closed", _("Afgesloten")


class ResidentAgreement(models.TextChoices):
    AGREED = "agreed", _("Akkoord")
    PARTLY = "partly", _("Gedeeltelijk akkoord")
    NOT_AGREED = "not_agreed", _("Niet akkoord")


class Plan(models.Model):
    case = models.ForeignKey("access.Case", on_delete=models.PROTECT, related_name="plans")
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveSmallIntegerField(_("versie"), validators=limits.within(limits.VERSION))
    previous = models.ForeignKey(
        "self", verbose_name=_("vorige versie"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    summary = models.TextField(_("samenvatting"), blank=True, **limits.text(limits.SUMMARY))
    resident_agreement = models.CharField(
        _("instemming van de inwoner"), max_length=12, choices=ResidentAgreement.choices, blank=True
    )
    resident_agreement_on = models.DateField(
        _("instemming vastgelegd op"), null=True, blank=True, validators=limits.happened()
    )
    resident_agreement_note = models.TextField(_("toelichting van de inwoner"), blank=True, **limits.text(limits.NOTE))
    activated_on = models.DateField(_("actief sinds"), null=True, blank=True, validators=limits.planned())
    next_review_on = models.DateField(_("volgende evaluatie"), null=True, blank=True, validators=limits.planned())
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True, validators=limits.planned())
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")
        ordering = ["case", "version"]
        indexes = [models.Index(fields=["household", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status="active"),
                name="one_active_plan_per_household",
                violation_error_message=_("Dit huishouden heeft al een actief plan van aanpak."),
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="draft"),
                name="one_draft_plan_per_case",
                violation_error_message=_("Er is al een concept van het plan van aanpak."),
            ),
            models.UniqueConstraint(fields=["case", "version"], name="unique_plan_version"),
            models.CheckConstraint(
                condition=~Q(status="active")
                | (Q(next_review_on__isnull=False) & Q(activated_on__isnull=False) & ~Q(resident_agreement="")),
                name="active_plan_has_review_date_and_agreement",
                violation_error_message=_(
                    "Een actief plan heeft een evaluatiedatum en de instemming van de inwoner is vastgelegd."
                ),
            ),
            models.CheckConstraint(
                condition=Q(next_review_on__isnull=True)
                | Q(activated_on__isnull=True)
                | Q(next_review_on__gt=models.F("activated_on")),
                name="plan_review_after_activation",
                violation_error_message=_("De evaluatiedatum ligt na de start van het plan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Plan van aanpak')} v{self.version}"

    @property
    def is_editable(self) -> bool:
        return self.status in (PlanStatus.DRAFT, PlanStatus.ACTIVE)


class Goal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    life_domain = models.ForeignKey("access.LifeDomain", verbose_name=_("leefgebied"), on_delete=models.PROTECT)
    description = models.TextField(_("doel"), **limits.text(limits.SUMMARY))

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["life_domain__order", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class AgreementParty(models.TextChoices):
    RESIDENT = "resident", _("De inwoner zelf")
    NETWORK = "network", _("Het netwerk van de inwoner")
    MUNICIPALITY = "municipality", _("De gemeente")
    PROVIDER = "provider", _("Een aanbieder")


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Loopt")
    DONE = "done", _("Gedaan")
    CANCELLED = "cancelled", _("Vervallen")


class Agreement(models.Model):
    """Afspraak: who does what by when. Seed 003: what the resident does, what the network can do, and what
    support the municipality gives."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="agreements")
    goal = models.ForeignKey(Goal, verbose_name=_("bij doel"), on_delete=models.SET_NULL, null=True, blank=True)
    description = models.TextField(_("afspraak"), **limits.text(limits.SUMMARY))
    party = models.CharField(_("wie doet het"), max_length=20, choices=AgreementParty.choices)
    party_name = models.CharField(_("naam"), max_length=200, blank=True)
    provider = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("aanbieder"), on_delete=models.PROTECT, null=True, blank=True
    )
    due_on = models.DateField(_("uiterlijk op"), validators=limits.planned())
    status = models.CharField(_("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.OPEN)
    done_on = models.DateField(_("afgerond op"), null=True, blank=True, validators=limits.happened())
    origin = models.ForeignKey(
        "self", verbose_name=_("uit vorige versie"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["plan", "status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(party="provider") | Q(provider__isnull=False),
                name="provider_agreement_names_the_provider",
                violation_error_message=_("Kies de aanbieder die de afspraak uitvoert."),
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_on__isnull=False),
                name="done_agreement_has_a_date",
                violation_error_message=_("Een afgeronde afspraak heeft een datum."),
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]
