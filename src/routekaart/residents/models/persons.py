"""Persons and where they live: Resident, Address, District (wijk), and Relation between residents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core import limits
from ..encryption import BsnHashField, EncryptedBsnField, bsn_hash
from ..names import NAME_KEY_LENGTH, name_key
from ..validators import postcode_normalise, validate_bsn, validate_country_code, validate_postcode


class Gender(models.TextChoices):
    FEMALE = "female", _("Vrouw")
    MALE = "male", _("Man")
    UNSPECIFIED = "unspecified", _("X / anders")
    UNKNOWN = "unknown", _("Onbekend")


class EducationLevel(models.TextChoices):
    """Highest education completed or followed, from low to high (the order the insights compare on)."""

    NONE = "none", _("Geen of niet afgerond basisonderwijs")
    PRIMARY = "primary", _("Basisonderwijs")
    PRO = "pro", _("Praktijkonderwijs")
    VSO = "vso", _("Voortgezet speciaal onderwijs")
    VMBO = "vmbo", _("Vmbo")
    MBO_ENTRY = "mbo_entry", _("Mbo entree (niveau 1)")
    MBO = "mbo", _("Mbo niveau 2-4")
    HAVO_VWO = "havo_vwo", _("Havo / vwo")
    HBO = "hbo", _("Hbo")
    WO = "wo", _("Wo")
    UNKNOWN = "unknown", _("Onbekend")


class District(models.Model):
    """A wijk: a neighbourhood within one municipality (CBS wijkcode), the unit of local teams and insights."""

    municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="districts",
        limit_choices_to={"kind": "municipality"},
    )
    code = models.CharField(_("wijkcode"), max_length=10)
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"],
                name="unique_district_code",
                violation_error_message=_("Deze gemeente heeft al een wijk met deze code."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.municipality_id and self.municipality.kind != "municipality":
            raise ValidationError({"municipality": _("Een wijk hoort bij een gemeente.")})


class Address(models.Model):
    """A Dutch address (postcode `1234 AB`, house number with optional addition) and the wijk it lies in."""

    street = models.CharField(_("straat"), max_length=200)
    house_number = models.PositiveIntegerField(
        _("huisnummer"), validators=[MinValueValidator(1), MaxValueValidator(99999)]
    )
    house_number_addition = models.CharField(
        _("toevoeging"), max_length=10, blank=True, help_text=_("Huisletter of toevoeging, zoals A of 2-hoog.")
    )
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    city = models.CharField(_("woonplaats"), max_length=200)
    district = models.ForeignKey(
        District, verbose_name=_("wijk"), on_delete=models.PROTECT, null=True, blank=True, related_name="addresses"
    )

    class Meta:
        verbose_name = _("adres")
        verbose_name_plural = _("adressen")
        constraints = [
            models.UniqueConstraint(
                fields=["postcode", "house_number", "house_number_addition"],
                name="unique_address",
                violation_error_message=_("Dit adres bestaat al."),
            )
        ]

    def __str__(self) -> str:
        addition = f" {self.house_number_addition}" if self.house_number_addition else ""
        return f"{self.street} {self.house_number}{addition}, {self.postcode} {self.city}"

    def clean(self) -> None:
        self.postcode = postcode_normalise(self.postcode)
        self.house_number_addition = (self.house_number_addition or "").strip()


BSN_TAKEN = _("Er is al een inwoner met dit BSN.")


class Resident(models.Model):
    """A person the network supports, identified by BSN; general (domain G) personal data only.

    Domain data (youth care, Wmo, work and income) lives in the apps that own it and is read through the access
    check in `residents.access`.
    """

    # Encrypted at rest (residents.encryption); looked up only through the keyed hash beside it.
    bsn = EncryptedBsnField(_("BSN"), validators=[validate_bsn])
    bsn_hash = BsnHashField(
        _("BSN-sleutelhash"),
        unique=True,
        error_messages={"unique": BSN_TAKEN},
    )
    given_names = models.CharField(_("voornamen"), max_length=200)
    name_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    family_name = models.CharField(_("achternaam"), max_length=200)
    # The family name as searched (residents.names): set by save() and by the generator's bulk load.
    family_name_key = models.CharField(_("zoeksleutel achternaam"), max_length=NAME_KEY_LENGTH, editable=False)
    birth_date = models.DateField(_("geboortedatum"), validators=limits.happened())
    date_of_death = models.DateField(_("overlijdensdatum"), null=True, blank=True, validators=limits.happened())
    gender = models.CharField(_("geslacht"), max_length=12, choices=Gender.choices, default=Gender.UNKNOWN)
    country_of_birth = models.CharField(
        _("geboorteland"), max_length=2, default="NL", validators=[validate_country_code], help_text=_("ISO-landcode")
    )
    education_level = models.CharField(
        _("opleidingsniveau"), max_length=12, choices=EducationLevel.choices, default=EducationLevel.UNKNOWN
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    address = models.ForeignKey(
        Address, verbose_name=_("adres"), on_delete=models.PROTECT, null=True, blank=True, related_name="residents"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigen account"),
        help_text=_("Het account waarmee de inwoner zelf inlogt (portaal)."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resident",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True, validators=limits.happened())

    class Meta:
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")
        indexes = [
            models.Index(fields=["family_name", "birth_date"]),
            # Search (residents.search): a name's prefix, a birth date.
            # varchar_pattern_ops: PostgreSQL serves a prefix LIKE from it whatever the collation (SQLite ignores it).
            models.Index(
                fields=["family_name_key", "birth_date"],
                name="resident_name_key_idx",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
            models.Index(fields=["birth_date"], name="resident_birth_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_of_death__isnull=True) | models.Q(date_of_death__gte=models.F("birth_date")),
                name="resident_dies_after_birth",
                violation_error_message=_("De overlijdensdatum ligt vóór de geboortedatum."),
            )
        ]

    def __str__(self) -> str:
        # Never the BSN: str() ends up in logs and error pages.
        return f"{_('inwoner')} {self.pk}"

    def save(self, *args, **kwargs) -> None:
        """Keep the search key of the family name with the name, whichever service saves it."""
        self.family_name_key = name_key(self.family_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "family_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "family_name_key"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.name_prefix, self.family_name) if part)

    def validate_unique(self, exclude=None) -> None:
        """Uniqueness of the BSN is uniqueness of its hash; the message belongs on the BSN field of a form."""
        exclude = set(exclude or ())
        super().validate_unique(exclude=exclude | {"bsn_hash"})
        if "bsn" in exclude or not self.bsn:
            return
        taken = Resident.objects.filter(bsn_hash=bsn_hash(self.bsn.strip())).exclude(pk=self.pk).exists()
        if taken:
            raise ValidationError({"bsn": ValidationError(BSN_TAKEN, code="unique")})

    def clean(self) -> None:
        self.bsn = (self.bsn or "").strip()
        if self.bsn:
            self.bsn_hash = bsn_hash(self.bsn)
        if self.date_of_death and self.birth_date and self.date_of_death < self.birth_date:
            raise ValidationError({"date_of_death": _("De overlijdensdatum ligt vóór de geboortedatum.")})


class RelationKind(models.TextChoices):
    PARTNER = "partner", _("Partner van")
    PARENT = "parent", _("Ouder van")


class Relation(models.Model):
    """A family tie: `resident` is partner of, or parent of, `related`; independent of who lives where."""

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="relations")
    related = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="related_by")
    kind = models.CharField(_("soort relatie"), max_length=10, choices=RelationKind.choices)
    valid_from = models.DateField(_("vanaf"), null=True, blank=True, validators=limits.planned())
    valid_to = models.DateField(_("tot"), null=True, blank=True, validators=limits.planned())

    class Meta:
        verbose_name = _("relatie")
        verbose_name_plural = _("relaties")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(resident=models.F("related")),
                name="relation_not_to_self",
                violation_error_message=_("Iemand kan geen relatie met zichzelf hebben."),
            ),
            models.UniqueConstraint(
                fields=["resident", "related", "kind"],
                name="unique_relation",
                violation_error_message=_("Deze relatie is al vastgelegd."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident_id} {self.kind} {self.related_id}"
