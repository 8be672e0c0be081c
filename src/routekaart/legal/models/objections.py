"""Bezwaar en beroep: an objection against a decision (Awb chapter 6 and 7), its hearing, the appeal to the court,
and a notice of default with its penalty (Awb 4:17).

The terms are stored as the dates they were when the step was taken (the objection term's last day, the decision
term's last day), so the deadline dashboard filters on a column; `legal.terms` counts them, nothing else does.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ...core import limits


class ObjectionChannel(models.TextChoices):
    LETTER = "letter", _("Per brief")
    PORTAL = "portal", _("Via Mijn Routekaart")
    EMAIL = "email", _("Per e-mail (elektronisch)")
    STAFF = "staff", _("Vastgelegd door een medewerker")


class DecisionKind(models.TextChoices):
    """Which app's decision an objection is against."""

    ACCESS = "access", _("Beschikking van de toegang")
    BENEFIT = "benefit", _("Besluit over de bijstandsuitkering")


class ObjectionStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    ACKNOWLEDGED = "acknowledged", _("Ontvangst bevestigd")
    INFORMAL = "informal", _("In informele afhandeling (eerst bellen)")
    HEARING = "hearing", _("Hoorzitting gepland")
    HEARD = "heard", _("Gehoord")
    ADVISED = "advised", _("Advies uitgebracht")
    DECIDED = "decided", _("Beslist op bezwaar")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


OPEN_OBJECTION_STATUSES = ("received", "acknowledged", "informal", "hearing", "heard", "advised")


class ObjectionOutcome(models.TextChoices):
    UPHELD = "upheld", _("Gegrond")
    PARTLY_UPHELD = "partly_upheld", _("Gedeeltelijk gegrond")
    DISMISSED = "dismissed", _("Ongegrond")
    INADMISSIBLE = "inadmissible", _("Niet-ontvankelijk")


class DecisionEffect(models.TextChoices):
    """What the decision on the objection does with the original decision (Awb 7:11: heroverweging)."""

    KEEP = "keep", _("Het besluit blijft in stand")
    CHANGE = "change", _("Het besluit wordt gewijzigd")
    REVOKE = "revoke", _("Het besluit wordt herroepen")


class Objection(models.Model):
    """One objection (bezwaarschrift) against one decision of the toegang or of income."""

    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    objector = models.ForeignKey(
        "residents.Resident", verbose_name=_("indiener"), on_delete=models.PROTECT, related_name="+"
    )
    representative = models.CharField(
        _("gemachtigde"), max_length=200, blank=True, help_text=_("Een advocaat, rechtshulp of familielid.")
    )
    # The decision objected to: a decision of the toegang (access.Decision) or a benefit decision of income,
    # named by its kind and id in that app and its reference (legal sits on top and reads them by selector).
    decision_kind = models.CharField(
        _("soort besluit"), max_length=10, choices=DecisionKind.choices, default=DecisionKind.ACCESS
    )
    decision_id = models.BigIntegerField(_("besluit"), validators=limits.within(limits.OBJECT_ID))
    decision_reference = models.CharField(_("kenmerk besluit"), max_length=30)
    decision_law = models.CharField(_("wet (domein)"), max_length=1)
    decision_sent_on = models.DateField(_("besluit verzonden op"), validators=limits.happened())
    channel = models.CharField(_("ingediend"), max_length=10, choices=ObjectionChannel.choices)
    received_on = models.DateField(_("ontvangen op"), validators=limits.happened())
    objection_term_ends_on = models.DateField(_("laatste dag bezwaartermijn"), validators=limits.planned())
    grounds = models.TextField(_("gronden van het bezwaar"), blank=True, **limits.text(limits.SUMMARY))
    pro_forma = models.BooleanField(
        _("pro-forma bezwaar"),
        default=False,
        help_text=_("Zonder gronden; de indiener krijgt een termijn om aan te vullen."),
    )
    completion_due_on = models.DateField(
        _("aanvullen uiterlijk op"), null=True, blank=True, validators=limits.planned()
    )
    completed_on = models.DateField(_("aangevuld op"), null=True, blank=True, validators=limits.happened())
    late = models.BooleanField(_("te laat ingediend"), default=False)
    late_reason = models.TextField(_("reden te laat"), blank=True, **limits.text(limits.NOTE))
    late_excusable = models.BooleanField(_("termijnoverschrijding verschoonbaar (Awb 6:11)"), null=True, blank=True)
    committee = models.BooleanField(_("adviescommissie bezwaarschriften"), default=False)
    status = models.CharField(
        _("status"), max_length=15, choices=ObjectionStatus.choices, default=ObjectionStatus.RECEIVED, db_index=True
    )
    acknowledged_on = models.DateField(_("ontvangst bevestigd op"), null=True, blank=True, validators=limits.happened())
    decision_due_on = models.DateField(_("uiterste beslisdatum"), validators=limits.planned(), db_index=True)
    extended_on = models.DateField(_("verdaagd op"), null=True, blank=True, validators=limits.happened())
    postponed_weeks = models.PositiveSmallIntegerField(
        _("verder uitgesteld met instemming (weken)"), default=0, validators=limits.within(limits.WEEKS)
    )
    postponement_note = models.TextField(_("instemming met uitstel"), blank=True, **limits.text(limits.NOTE))
    informal_contact_on = models.DateField(
        _("informeel contact op"), null=True, blank=True, validators=limits.happened()
    )
    informal_note = models.TextField(_("verslag informeel contact"), blank=True, **limits.text(limits.NOTE))
    advised_on = models.DateField(_("advies uitgebracht op"), null=True, blank=True, validators=limits.happened())
    advice = models.TextField(_("advies"), blank=True, **limits.text(limits.REPORT))
    advice_outcome = models.CharField(
        _("geadviseerd oordeel"), max_length=15, choices=ObjectionOutcome.choices, blank=True
    )
    decided_on = models.DateField(_("beslist op"), null=True, blank=True, validators=limits.happened())
    outcome = models.CharField(_("oordeel"), max_length=15, choices=ObjectionOutcome.choices, blank=True)
    effect = models.CharField(_("gevolg voor het besluit"), max_length=10, choices=DecisionEffect.choices, blank=True)
    reasoning = models.TextField(_("motivering beslissing op bezwaar"), blank=True, **limits.text(limits.REPORT))
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True, validators=limits.happened())
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("bestuursorgaan"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["household", "received_on"]),
            models.Index(fields=["decision_kind", "decision_id"]),
            models.Index(fields=["handler", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(decision_law__in=["J", "W", "P"]), name="objection_law_is_jwp"),
            models.CheckConstraint(
                condition=Q(decision_kind__in=["access", "benefit"]), name="objection_decision_kind_known"
            ),
            models.CheckConstraint(
                condition=~Q(status="decided") | (Q(decided_on__isnull=False) & ~Q(outcome="")),
                name="decided_objection_has_outcome",
                violation_error_message=_("Een beslissing op bezwaar heeft een datum en een oordeel."),
            ),
            models.CheckConstraint(
                condition=Q(pro_forma=False) | Q(completion_due_on__isnull=False),
                name="pro_forma_objection_has_completion_term",
                violation_error_message=_("Een pro-forma bezwaar krijgt een termijn om de gronden aan te vullen."),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_OBJECTION_STATUSES


class Hearing(models.Model):
    """The hearing (hoorzitting, Awb 7:2) of an objection: the invitation, the session and its report, or why the
    objector was not heard (Awb 7:3)."""

    objection = models.ForeignKey(Objection, on_delete=models.PROTECT, related_name="hearings")
    invited_on = models.DateField(_("uitgenodigd op"), validators=limits.happened())
    scheduled_at = models.DateTimeField(_("datum en tijd"), validators=limits.planned())
    location = models.CharField(_("plaats of manier"), max_length=200)
    held_on = models.DateField(_("gehouden op"), null=True, blank=True, validators=limits.happened())
    attendees = models.CharField(_("aanwezigen"), max_length=300, blank=True)
    report = models.TextField(_("verslag"), blank=True, **limits.text(limits.REPORT))
    waived_reason = models.TextField(_("afgezien van horen, omdat"), blank=True, **limits.text(limits.NOTE))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("hoorzitting")
        verbose_name_plural = _("hoorzittingen")
        ordering = ["objection", "scheduled_at"]

    def __str__(self) -> str:
        return f"{self.objection_id} {self.scheduled_at:%Y-%m-%d}"


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", _("Gegrond")
    PARTLY_UPHELD = "partly_upheld", _("Gedeeltelijk gegrond")
    DISMISSED = "dismissed", _("Ongegrond")
    INADMISSIBLE = "inadmissible", _("Niet-ontvankelijk")
    WITHDRAWN = "withdrawn", _("Ingetrokken")
    SETTLED = "settled", _("Geschikt (schikking)")


class AppealLevel(models.TextChoices):
    COURT = "court", _("Beroep bij de rechtbank")
    HIGHER = "higher", _("Hoger beroep bij de Centrale Raad van Beroep")


class Appeal(models.Model):
    """An appeal to the court against the decision on an objection, registered with its dates and outcome."""

    objection = models.ForeignKey(Objection, on_delete=models.PROTECT, related_name="appeals")
    level = models.CharField(_("instantie"), max_length=10, choices=AppealLevel.choices, default=AppealLevel.COURT)
    court = models.CharField(_("rechtbank"), max_length=100)
    case_number = models.CharField(_("zaaknummer"), max_length=40, blank=True)
    lodged_on = models.DateField(_("ingesteld op"), validators=limits.happened())
    defence_due_on = models.DateField(_("verweerschrift uiterlijk"), null=True, blank=True, validators=limits.planned())
    defence_sent_on = models.DateField(
        _("verweerschrift ingediend op"), null=True, blank=True, validators=limits.happened()
    )
    session_on = models.DateField(_("zitting op"), null=True, blank=True, validators=limits.planned())
    judgment_on = models.DateField(_("uitspraak op"), null=True, blank=True, validators=limits.happened())
    outcome = models.CharField(_("uitspraak"), max_length=15, choices=AppealOutcome.choices, blank=True)
    notes = models.TextField(_("toelichting"), blank=True, **limits.text(limits.NOTE))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("beroep")
        verbose_name_plural = _("beroepen")
        ordering = ["objection", "lodged_on"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(judgment_on__isnull=True) & Q(outcome=""))
                | (Q(judgment_on__isnull=False) & ~Q(outcome="")),
                name="appeal_judgment_complete",
                violation_error_message=_("Een uitspraak heeft een datum en een uitkomst."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.court} {self.case_number}".strip()


class DefaultNotice(models.Model):
    """Ingebrekestelling (Awb 4:17): the objector gives notice that the decision term has passed; from the day two
    weeks after the notice the penalty (dwangsom) runs until the decision, at most 42 days."""

    objection = models.ForeignKey(Objection, on_delete=models.PROTECT, related_name="default_notices")
    received_on = models.DateField(_("ingebrekestelling ontvangen op"), validators=limits.happened())
    penalty_from = models.DateField(_("dwangsom loopt vanaf"), validators=limits.planned())
    penalty_days = models.PositiveSmallIntegerField(
        _("dagen dwangsom"), null=True, blank=True, validators=limits.within(limits.DAYS)
    )
    penalty_amount = models.DecimalField(
        _("verbeurde dwangsom"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=limits.within(limits.MONTHLY_AMOUNT),
    )
    penalty_decided_on = models.DateField(
        _("dwangsom vastgesteld op"), null=True, blank=True, validators=limits.happened()
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("ingebrekestelling")
        verbose_name_plural = _("ingebrekestellingen")
        ordering = ["objection", "received_on"]

    def __str__(self) -> str:
        return f"{self.objection_id} {self.received_on}"
