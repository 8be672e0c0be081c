"""Employers and what the employer adviser knows of them: branches, contacts, agreements and contact history.

An `Employer` is a one-to-one profile on an `organisations.Organisation` of kind "employer" rather than a table of
its own: consents, involvements and staff affiliations all point at `Organisation`, so a resident can consent to
share their work profile with *this* employer through the same `residents.Consent` that every other app reads.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ...residents.validators import validate_postcode

KVK_NUMBER = re.compile(r"^[0-9]{8}$")


def kvk_normalise(value: str) -> str:
    """Spaces and dots people type ("1234 5678", "12.34.56.78") are dropped; nothing else is changed."""
    return re.sub(r"[\s.]", "", value or "")


def validate_kvk_number(value: str) -> None:
    """A KvK number is eight digits (a sequence number of the Handelsregister, without a check digit)."""
    if not KVK_NUMBER.match(value or "") or value == "00000000":
        raise ValidationError(_("Een KvK-nummer bestaat uit precies acht cijfers."), code="kvk_number")


class EmployerKind(models.TextChoices):
    REGULAR = "regular", _("Werkgever")
    TEMP_AGENCY = "temp_agency", _("Uitzendbureau")
    SOCIAL_FIRM = "social_firm", _("Sociale onderneming / SW-bedrijf")
    PUBLIC = "public", _("Overheidswerkgever")


class Employer(models.Model):
    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="employer",
        limit_choices_to={"kind": "employer"},
    )
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        unique=True,
        validators=[validate_kvk_number],
        error_messages={"unique": _("Er is al een werkgever met dit KvK-nummer.")},
    )
    kind = models.CharField(_("soort"), max_length=20, choices=EmployerKind.choices, default=EmployerKind.REGULAR)
    sector = models.ForeignKey("work.Sector", verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+")
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("werkgeversadviseur"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employers_advised",
    )
    notes = models.TextField(_("notities"), blank=True, **limits.text(limits.SUMMARY))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name

    def clean(self) -> None:
        self.kvk_number = kvk_normalise(self.kvk_number)
        if self.organisation_id and self.organisation.kind != "employer":
            raise ValidationError({"organisation": _("Een werkgever is een organisatie van de soort werkgever.")})


class Branch(models.Model):
    """A vestiging: where the employer's people work; the head office is one of them."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="branches")
    name = models.CharField(_("naam"), max_length=200)
    street = models.CharField(_("straat"), max_length=200)
    house_number = models.PositiveIntegerField(_("huisnummer"), validators=limits.within(limits.HOUSE_NUMBER))
    house_number_addition = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    city = models.CharField(_("plaats"), max_length=200)
    is_head_office = models.BooleanField(_("hoofdvestiging"), default=False)

    class Meta:
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")
        ordering = ["-is_head_office", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "postcode", "house_number", "house_number_addition"],
                name="unique_branch_address",
                violation_error_message=_("Deze werkgever heeft al een vestiging op dit adres."),
            )
        ]

    def __str__(self) -> str:
        addition = f" {self.house_number_addition}" if self.house_number_addition else ""
        return f"{self.name}, {self.street} {self.house_number}{addition}, {self.postcode} {self.city}"


class ContactPerson(models.Model):
    """Someone at the employer the adviser deals with; with an account they see the employer page."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("naam"), max_length=200)
    job_title = models.CharField(_("functie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account voor de werkgeverspagina"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employer_contact",
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ContactKind(models.TextChoices):
    VISIT = "visit", _("Bedrijfsbezoek")
    CALL = "call", _("Telefoongesprek")
    EMAIL = "email", _("E-mail")
    MEETING = "meeting", _("Overleg")
    NETWORK_EVENT = "network_event", _("Netwerkbijeenkomst")


class ContactOutcome(models.TextChoices):
    NONE = "none", _("Geen vervolg")
    INTEREST = "interest", _("Interesse, vervolg afgesproken")
    VACANCY = "vacancy", _("Vacature opgehaald")
    ARRANGEMENT = "arrangement", _("Kans op een arrangement (jobcarving)")
    SOCIAL_RETURN = "social_return", _("Afspraken over social return")


class ContactMoment(models.Model):
    """One acquisition visit, call or meeting: the employer's contact history."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contact_moments")
    kind = models.CharField(_("soort contact"), max_length=20, choices=ContactKind.choices)
    is_acquisition = models.BooleanField(_("acquisitie"), default=False)
    occurred_on = models.DateField(_("datum"), validators=limits.happened())
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("adviseur"), on_delete=models.PROTECT, related_name="+"
    )
    contact_person = models.ForeignKey(
        ContactPerson, verbose_name=_("gesproken met"), on_delete=models.SET_NULL, null=True, blank=True
    )
    summary = models.TextField(_("verslag"), **limits.text(limits.SUMMARY))
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=ContactOutcome.choices, default=ContactOutcome.NONE
    )
    follow_up_on = models.DateField(_("vervolg op"), null=True, blank=True, validators=limits.planned())
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["employer", "occurred_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(follow_up_on__isnull=True) | models.Q(follow_up_on__gte=models.F("occurred_on")),
                name="contact_follow_up_after_contact",
                violation_error_message=_("Het vervolg ligt vóór het contact."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"


class AgreementKind(models.TextChoices):
    JOBS_AGREEMENT = "jobs_agreement", _("Banenafspraak: plaatsen voor de doelgroep")
    COOPERATION = "cooperation", _("Samenwerkingsafspraak")


class EmployerAgreement(models.Model):
    """What the employer and the werkgeversdienstverlening agreed; SROI obligations are contracts of their own."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(_("soort afspraak"), max_length=20, choices=AgreementKind.choices)
    description = models.CharField(_("omschrijving"), max_length=300)
    places = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), null=True, blank=True, validators=limits.within(limits.COUNT)
    )
    valid_from = models.DateField(_("vanaf"), validators=limits.planned())
    valid_to = models.DateField(_("tot"), null=True, blank=True, validators=limits.planned())
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("afspraak met werkgever")
        verbose_name_plural = _("afspraken met werkgevers")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="jobs_agreement") | models.Q(places__gt=0),
                name="jobs_agreement_has_places",
                violation_error_message=_("Een banenafspraak noemt het aantal plaatsen."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
                name="agreement_ends_after_it_starts",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
        ]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        if self.kind == AgreementKind.JOBS_AGREEMENT and not self.places:
            raise ValidationError({"places": _("Een banenafspraak noemt het aantal plaatsen.")})
        if self.valid_to and self.valid_from and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": _("De einddatum ligt vóór de begindatum.")})
