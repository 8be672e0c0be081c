"""A household's episode of support (Case), the signals that open or join it, its coordinator and its deadlines.

Invariants held here and in the database: one open case per household; a deadline cannot be due before it starts.
An open case has exactly one coordinator: the household's one coordinator involvement (unique in residents), which
the services start before a case opens and which residents will not end while the case is open.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ...organisations.roles import Domain


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", _("Aangemeld")
    INTAKE = "intake", _("Intake gedaan")
    ASSESSMENT = "assessment", _("Vraaggestuurd onderzoek")
    PLANNED = "planned", _("Plan van aanpak actief")
    CLOSED = "closed", _("Afgesloten")


OPEN_STATUSES = [s for s in CaseStatus.values if s != CaseStatus.CLOSED]


class ClosureReason(models.TextChoices):
    REFERRED_BACK = "referred_back", _("Terugverwezen naar algemene voorzieningen")
    GOALS_REACHED = "goals_reached", _("Doelen bereikt")
    MOVED = "moved", _("Verhuisd")
    WITHDRAWN = "withdrawn", _("Inwoner ziet af van ondersteuning")
    OTHER = "other", _("Anders")


class Case(models.Model):
    """Casus: from the first signal to closure; holds the intake, assessment, plan and decisions."""

    household = models.ForeignKey(
        "residents.Household", verbose_name=_("huishouden"), on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(_("fase"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.REGISTERED)
    opened_on = models.DateField(_("geopend op"), validators=limits.planned())
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True, validators=limits.planned())
    closure_reason = models.CharField(
        _("reden van afsluiten"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    process_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("procesregisseur"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="process_coordinated_cases",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())
    # The worklist's order, kept by the services (access.urgency): an urgent signal; the earliest running deadline,
    # open agreement or review; that date or, while the case waits for its intake, the day it opened.
    urgent_signal = models.BooleanField(_("spoed"), default=False, editable=False)
    overdue_from = models.DateField(
        _("eerst verlopen op"), null=True, blank=True, editable=False, validators=limits.planned()
    )
    urgency_on = models.DateField(_("urgent vanaf"), null=True, blank=True, editable=False, validators=limits.planned())

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        indexes = [
            models.Index(fields=["household", "status"]),
            models.Index(fields=["-urgent_signal", "urgency_on", "id"], name="case_worklist_order_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=~Q(status="closed"),
                name="one_open_case_per_household",
                violation_error_message=_("Dit huishouden heeft al een open casus."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="case_closes_after_it_opens",
                violation_error_message=_("De casus kan niet worden afgesloten vóór hij is geopend."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Casus')} {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED

    # The coordinator is the household's, not the case's: one residents.Involvement (kind coordinator), which a
    # warm handover ends and restarts. A case reads the involvement covering it: today while open, its closing day
    # once closed (who coordinated when is the involvements' periods). Selectors that show many cases set
    # `_coordinator_involvement` ahead from rows they load anyway, so a page keeps its fixed number of queries.

    @property
    def coordinator_involvement(self):
        if "_coordinator_involvement" in self.__dict__:
            return self.__dict__["_coordinator_involvement"]
        from ...residents.selectors import household_coordinator

        if self.closed_on and not self.is_open:
            return household_coordinator(household_id=self.household_id, on=self.closed_on, closing=True)
        return household_coordinator(household_id=self.household_id, on=timezone.localdate())

    @coordinator_involvement.setter
    def coordinator_involvement(self, involvement) -> None:
        self.__dict__["_coordinator_involvement"] = involvement

    @property
    def coordinator(self):
        involvement = self.coordinator_involvement
        return involvement.user if involvement is not None else None

    @property
    def coordinator_id(self) -> int | None:
        involvement = self.coordinator_involvement
        return involvement.user_id if involvement is not None else None

    @property
    def coordinator_organisation(self):
        involvement = self.coordinator_involvement
        return involvement.organisation if involvement is not None else None


class SignalKind(models.TextChoices):
    REPORT = "report", _("Melding")
    APPLICATION = "application", _("Aanvraag")
    REFERRAL = "referral", _("Verwijzing")
    REVIEW = "review", _("Periodieke herbeoordeling")


class ReportTopic(models.TextChoices):
    """Seed 003, bijlage 2: "Melding (incl. veiligheid, zorg en overlast)"."""

    SUPPORT = "support", _("Hulpvraag")
    SAFETY = "safety", _("Veiligheid")
    CARE = "care", _("Zorg")
    NUISANCE = "nuisance", _("Overlast")


class ReferralSource(models.TextChoices):
    """Who refers: the partners of seed 003's ketenoverleg and the regional access clusters."""

    SCHOOL = "school", _("School")
    UWV = "uwv", _("UWV")
    GP = "gp", _("Huisarts")
    AMHK_CRISIS = "amhk_crisis", _("AMHK/Crisis")
    YOUTH_PROTECTION = "youth_protection", _("Jeugdbescherming/jeugdreclassering (JB/JR)")
    MEDICAL = "medical", _("Medische doorverwijzing")


class Signal(models.Model):
    """Melding, aanvraag, verwijzing or periodic review: what starts, joins or reopens a case."""

    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.PROTECT, related_name="signals")
    household = models.ForeignKey(
        "residents.Household", verbose_name=_("huishouden"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("soort signaal"), max_length=20, choices=SignalKind.choices)
    topic = models.CharField(_("onderwerp van de melding"), max_length=20, choices=ReportTopic.choices, blank=True)
    source = models.CharField(_("verwijzer"), max_length=20, choices=ReferralSource.choices, blank=True)
    domain = models.CharField(_("domein"), max_length=1, choices=Domain.choices, default=Domain.GENERAL)
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("over wie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    referrer_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("verwijzende organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    received_on = models.DateField(_("ontvangen op"), validators=limits.happened())
    urgent = models.BooleanField(_("spoed"), default=False)
    summary = models.TextField(_("wat is er aan de hand"), **limits.text(limits.SUMMARY))
    effect = models.CharField(_("gevolg"), max_length=10, editable=False)  # opened / joined / reopened
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["received_on", "id"]
        indexes = [models.Index(fields=["case", "received_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on}"


class WarmHandover(models.Model):
    """Warme overdracht: the coordinator role passes from one named person to another, with a note."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="handovers")
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("van"), on_delete=models.PROTECT, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("naar"), on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    handed_over_on = models.DateField(_("overgedragen op"), validators=limits.happened())
    note = models.TextField(_("overdrachtsnotitie"), **limits.text(limits.NOTE))
    resident_informed_on = models.DateField(_("inwoner geïnformeerd op"), validators=limits.happened())
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("warme overdracht")
        verbose_name_plural = _("warme overdrachten")
        ordering = ["handed_over_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_user=models.F("to_user")),
                name="handover_to_someone_else",
                violation_error_message=_("Een overdracht gaat naar een andere regisseur."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_user_id} → {self.to_user_id}"


class Deadline(models.Model):
    """One running statutory term of a case; copies the rule's term and basis when it opens."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="deadlines")
    rule = models.ForeignKey("access.DeadlineRule", verbose_name=_("regel"), on_delete=models.PROTECT, related_name="+")
    signal = models.ForeignKey(Signal, on_delete=models.PROTECT, null=True, blank=True, related_name="deadlines")
    plan = models.ForeignKey("access.Plan", on_delete=models.PROTECT, null=True, blank=True, related_name="deadlines")
    law = models.CharField(_("domein"), max_length=1, choices=Domain.choices)
    name = models.CharField(_("termijn"), max_length=200)
    basis = models.CharField(_("grondslag"), max_length=200)
    starts_on = models.DateField(_("loopt vanaf"), validators=limits.planned())
    original_due_on = models.DateField(_("oorspronkelijke einddatum"), validators=limits.planned())
    due_on = models.DateField(_("einddatum"), validators=limits.planned())
    met_on = models.DateField(_("gehaald op"), null=True, blank=True, validators=limits.happened())
    met_by = models.CharField(_("gehaald door"), max_length=40, blank=True)
    lapsed_on = models.DateField(_("vervallen op"), null=True, blank=True, validators=limits.happened())

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["case", "met_on", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("starts_on")) & Q(original_due_on__gte=models.F("starts_on")),
                name="deadline_due_after_it_starts",
                violation_error_message=_("Een termijn kan niet aflopen vóór hij begint."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.due_on})"

    @property
    def is_open(self) -> bool:
        return self.met_on is None and self.lapsed_on is None

    def days_left(self, on) -> int:
        return (self.due_on - on).days


class DeadlineChange(models.Model):
    """A recorded extension or suspension of a deadline, with its legal basis and whether the resident was told."""

    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="changes")
    rule = models.ForeignKey("access.DeadlineChangeRule", on_delete=models.PROTECT, related_name="+")
    days = models.PositiveSmallIntegerField(_("aantal dagen"), validators=limits.within(limits.DAYS))
    notified_on = models.DateField(_("aanvrager bericht op"), null=True, blank=True, validators=limits.happened())
    reason = models.TextField(_("reden"), **limits.text(limits.NOTE))
    previous_due_on = models.DateField(_("einddatum was"), validators=limits.planned())
    new_due_on = models.DateField(_("nieuwe einddatum"), validators=limits.planned())
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("wijziging van een termijn")
        verbose_name_plural = _("wijzigingen van termijnen")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.deadline_id}: +{self.days}"
