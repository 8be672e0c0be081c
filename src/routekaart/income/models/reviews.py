"""The yearly conversation with every client, financieel fit, the household's situation, and reminders."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ...core import limits
from .benefits import SocialAssistance


class HouseholdSituation(models.Model):
    """What the regulations check reads about a household for one year, confirmed in the yearly conversation.

    A new year starts from last year's row ("we gaan uit van de gegevens die de klant vorig jaar verstrekte"):
    `prefilled_from` says which one, and `confirmed_on` is empty until the client and coordinator confirmed it.
    """

    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("jaar"), validators=limits.within(limits.YEAR))
    monthly_income = models.DecimalField(
        _("netto inkomen per maand"),
        max_digits=9,
        decimal_places=2,
        help_text=_("Het netto inkomen van het hele huishouden per maand, inclusief de uitkering."),
        validators=limits.within(limits.MONTHLY_AMOUNT),
    )
    assets = models.DecimalField(
        _("vermogen"), max_digits=11, decimal_places=2, default=0, validators=limits.within(limits.AMOUNT)
    )
    chronic_illness = models.BooleanField(_("iemand is chronisch ziek of gehandicapt"), default=False)
    student_with_disability = models.BooleanField(
        _("iemand studeert en kan door een beperking niet het minimumloon verdienen"), default=False
    )
    low_income_since = models.DateField(_("laag inkomen sinds"), validators=limits.planned())
    income_prospect = models.BooleanField(_("uitzicht op een hoger inkomen"), default=False)
    special_costs = models.BooleanField(_("bijzondere, noodzakelijke kosten"), default=False)
    prefilled_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    confirmed_on = models.DateField(_("bevestigd op"), null=True, blank=True, validators=limits.happened())
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("situatie van het huishouden")
        verbose_name_plural = _("situaties van huishoudens")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "year"],
                name="one_situation_per_household_year",
                violation_error_message=_("Voor dit jaar is de situatie al vastgelegd."),
            ),
            models.CheckConstraint(
                condition=models.Q(monthly_income__gte=0) & models.Q(assets__gte=-10_000_000),
                name="situation_income_not_negative",
                violation_error_message=_("Het inkomen kan niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.year}"


class ReviewStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    HELD = "held", _("Gehouden")
    CANCELLED = "cancelled", _("Vervallen")


class ContactMode(models.TextChoices):
    IN_PERSON = "in_person", _("Op kantoor")
    HOME_VISIT = "home_visit", _("Huisbezoek")
    PHONE = "phone", _("Telefonisch")
    VIDEO = "video", _("Beeldbellen")


class AnnualReviewQuerySet(models.QuerySet):
    def of_coordinator(self, user, on=None) -> "AnnualReviewQuerySet":
        """The conversations that are `user`'s: held by `user`, or not held and of a household `user` coordinates
        on `on` (today by default). One condition in the query, no copy of the coordinator to keep in step."""
        from ...residents.selectors import coordinated_by

        return self.filter(models.Q(held_by=user) | (models.Q(held_by__isnull=True) & coordinated_by(user=user, on=on)))

    def with_coordinator(self, on=None) -> "AnnualReviewQuerySet":
        """Annotate `coordinator_ref`, the user id of each conversation's coordinator: who held it, else the
        household's coordinator on `on` (a correlated subquery, residents.selectors.coordinator_column)."""
        from ...residents.selectors import coordinator_column

        column = coordinator_column(on=on)
        return self.annotate(coordinator_ref=Coalesce("held_by_id", column, output_field=models.BigIntegerField()))


class AnnualReview(models.Model):
    """The yearly conversation (jaarlijks gesprek) with one benefit client: planned, then held and recorded.

    "Eén huishouden, één regisseur": a conversation not yet held is the household's coordinator's, read from the
    household's one coordinator involvement (residents), so a warm handover moves every planned conversation at
    once; there is no copy to keep in step. Only a conversation already held keeps who held it (`held_by`).
    """

    benefit = models.ForeignKey(SocialAssistance, on_delete=models.PROTECT, related_name="annual_reviews")
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gehouden door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=limits.within(limits.YEAR))
    planned_on = models.DateField(_("gepland op"), validators=limits.planned())
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PLANNED)
    held_on = models.DateField(_("gehouden op"), null=True, blank=True, validators=limits.happened())
    contact = models.CharField(_("hoe"), max_length=12, choices=ContactMode.choices, blank=True)
    life_changes = models.JSONField(_("veranderingen in het leven"), default=list, blank=True)
    note = models.TextField(_("verslag"), blank=True, **limits.text(limits.NOTE))
    reminded_on = models.DateField(_("herinnering verstuurd op"), null=True, blank=True, validators=limits.happened())
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AnnualReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("jaarlijks gesprek")
        verbose_name_plural = _("jaarlijkse gesprekken")
        indexes = [
            models.Index(fields=["household", "status", "planned_on"]),
            models.Index(fields=["status", "planned_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "year"],
                name="one_annual_review_per_benefit_year",
                violation_error_message=_("Voor dit jaar is al een gesprek gepland."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="held") | models.Q(held_on__isnull=False),
                name="held_review_has_a_date",
                violation_error_message=_("Een gehouden gesprek heeft een datum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Jaargesprek')} {self.year} ({self.benefit_id})"

    @property
    def coordinator_id(self) -> int | None:
        """Who held it, else the household's coordinator today (`with_coordinator` reads it in the list's query)."""
        if self.held_by_id is not None:
            return self.held_by_id
        if "coordinator_ref" in self.__dict__:
            return self.__dict__["coordinator_ref"]
        return getattr(self._household_coordinator(), "user_id", None)

    @property
    def coordinator(self):
        """The user of `coordinator_id` (a query unless the conversation was held and `held_by` is loaded)."""
        if self.held_by_id is not None:
            return self.held_by
        involvement = self._household_coordinator()
        return involvement.user if involvement is not None else None

    def _household_coordinator(self):
        from ...residents.selectors import household_coordinator

        return household_coordinator(household_id=self.household_id)


class MakesEndsMeet(models.TextChoices):
    YES = "yes", _("Ja, komt rond")
    DIFFICULT = "difficult", _("Met moeite")
    NO = "no", _("Nee, komt niet rond")


class Debts(models.TextChoices):
    NONE = "none", _("Geen schulden")
    YES = "yes", _("Ja, er zijn schulden")
    UNKNOWN = "unknown", _("Weet het niet of wil het niet zeggen")


class FinancialFitnessReview(models.Model):
    """The "financieel fit" conversation: can the resident make ends meet, pay a daily meal, are there debts?

    Held in the yearly conversation (`annual_review`) or on its own, for instance in the broad intake of a case
    (`case_id`, the access app's case). Debts lead to a referral to debt assistance when the resident agrees.
    """

    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    benefit = models.ForeignKey(
        SocialAssistance, on_delete=models.PROTECT, null=True, blank=True, related_name="financial_fitness_reviews"
    )
    annual_review = models.OneToOneField(
        AnnualReview, on_delete=models.PROTECT, null=True, blank=True, related_name="financial_fitness"
    )
    case_id = models.PositiveBigIntegerField(
        _("casus"),
        null=True,
        blank=True,
        help_text=_("De casus (integrale toegang) waarin dit gesprek hoort."),
        validators=limits.within(limits.OBJECT_ID),
    )
    held_on = models.DateField(_("gehouden op"), validators=limits.happened())
    makes_ends_meet = models.CharField(_("kan de inwoner rondkomen?"), max_length=10, choices=MakesEndsMeet.choices)
    daily_meal = models.BooleanField(_("kan de inwoner elke dag een maaltijd betalen?"))
    debts = models.CharField(_("zijn er schulden?"), max_length=10, choices=Debts.choices)
    debt_referral = models.BooleanField(_("verwezen naar schuldhulpverlening"), default=False)
    debt_referral_building_block = models.CharField(max_length=120, blank=True)
    regulations_not_used = models.JSONField(_("regelingen niet gebruikt"), default=list, blank=True)
    note = models.TextField(_("notitie"), blank=True, **limits.text(limits.NOTE))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("financieel-fitgesprek")
        verbose_name_plural = _("financieel-fitgesprekken")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["household", "held_on"])]

    def __str__(self) -> str:
        return f"{_('Financieel fit')} {self.held_on} ({self.household_id})"


class Audience(models.TextChoices):
    COORDINATOR = "coordinator", _("Regiehouder")
    CLIENT = "client", _("Inwoner")


class ReminderKind(models.TextChoices):
    ANNUAL_REVIEW_DUE = "annual_review_due", _("Jaarlijks gesprek komt eraan")
    FIRST_PAYSLIP = "first_payslip", _("Eerste loonstrook controleren")
    BENEFIT_ENDS = "benefit_ends", _("Uitkering stopt")
    WORK_STARTS = "work_starts", _("Start met werk")
    SETTLEMENT = "settlement", _("Verrekening")
    DEBT_REFERRAL = "debt_referral", _("Verwijzing schuldhulpverlening opvolgen")
    REGULATION_APPLICATION = "regulation_application", _("Aanvraag regeling opvolgen")


class ReminderQuerySet(models.QuerySet):
    def of_user(self, user, on=None) -> "ReminderQuerySet":
        """The reminders addressed to `user`: by name, or (no name) to the coordinator of a household `user`
        coordinates on `on` (today by default)."""
        from ...residents.selectors import coordinated_by

        return self.filter(
            models.Q(recipient=user)
            | (
                models.Q(recipient__isnull=True, audience=Audience.COORDINATOR)
                & coordinated_by(user=user, on=on, household="household_id")
            )
        )


class Reminder(models.Model):
    """Something the coordinator or the client is told about, on a date: what happens when.

    A coordinator's reminder names no one while open: it is for the household's coordinator, whoever that is now
    (residents), so a warm handover moves it without a copy to keep in step. It names its `recipient` only when the
    household had no coordinator to address (then the one who made it), and once done (who handled it).
    """

    audience = models.CharField(_("voor"), max_length=12, choices=Audience.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="income_reminders"
    )
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    benefit = models.ForeignKey(SocialAssistance, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    annual_review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(_("soort"), max_length=30, choices=ReminderKind.choices)
    due_on = models.DateField(_("datum"), validators=limits.planned())
    message = models.CharField(_("bericht"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True, validators=limits.happened())
    done_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True, validators=limits.happened())

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["recipient", "done_at", "due_on"]),
            models.Index(fields=["household", "done_at", "due_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["annual_review", "kind", "audience"],
                condition=models.Q(annual_review__isnull=False),
                name="one_reminder_per_review_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.due_on}"
