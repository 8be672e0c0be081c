"""The network of organisations in a region.

One table with a kind keeps "every organisation a staff member can belong to" a single foreign key; the proxy
classes give each kind its own name (GLOSSARY.md) without the joins of multi-table inheritance.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core.managers import KindManager


class Region(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    central_municipality = models.ForeignKey(
        "Organisation",
        verbose_name=_("centrumgemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="central_for_regions",
        limit_choices_to={"kind": "municipality"},
    )

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        central = self.central_municipality
        if central and (central.kind != OrganisationKind.MUNICIPALITY or central.region_id != self.pk):
            raise ValidationError(
                {"central_municipality": _("De centrumgemeente moet een gemeente in deze regio zijn.")}
            )


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Gemeente")
    SERVICE_ORGANISATION = "service_organisation", _("Uitvoeringsdienst")
    TEAM = "team", _("Team")
    SCHOOL = "school", _("School")
    PROVIDER = "provider", _("Aanbieder")
    EMPLOYER = "employer", _("Werkgever")
    UWV = "uwv", _("UWV")


class TeamKind(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", _("Wijkteam / gebiedsteam")
    YOUTH_DESK = "youth_desk", _("Jongerenloket")


class SchoolKind(models.TextChoices):
    PRO = "pro", _("Praktijkonderwijs (PRO)")
    VSO = "vso", _("Voortgezet speciaal onderwijs (VSO)")
    PRIMARY = "primary", _("Basisonderwijs")
    SECONDARY = "secondary", _("Voortgezet onderwijs")
    MBO = "mbo", _("MBO")


class Organisation(models.Model):
    kind = models.CharField(_("soort"), max_length=30, choices=OrganisationKind.choices, db_index=True)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    municipality = models.ForeignKey(
        "self",
        verbose_name=_("gemeente"),
        help_text=_("Voor teams en scholen: de gemeente waarin ze werken."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_organisations",
        limit_choices_to={"kind": "municipality"},
    )
    serves = models.ManyToManyField(
        "self",
        verbose_name=_("bedient gemeenten"),
        symmetrical=False,
        blank=True,
        related_name="served_by",
        limit_choices_to={"kind": "municipality"},
    )
    team_kind = models.CharField(_("soort team"), max_length=20, choices=TeamKind.choices, blank=True)
    school_kind = models.CharField(_("soort school"), max_length=20, choices=SchoolKind.choices, blank=True)
    cbs_code = models.CharField(_("CBS-gemeentecode"), max_length=6, blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="team") | ~models.Q(team_kind=""), name="team_has_team_kind"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="school") | ~models.Q(school_kind=""), name="school_has_school_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == OrganisationKind.TEAM and not self.team_kind:
            raise ValidationError({"team_kind": _("Kies het soort team.")})
        if self.kind == OrganisationKind.SCHOOL and not self.school_kind:
            raise ValidationError({"school_kind": _("Kies het soort school.")})


class Municipality(Organisation):
    objects = KindManager(OrganisationKind.MUNICIPALITY)

    class Meta:
        proxy = True
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")


class ServiceOrganisation(Organisation):
    objects = KindManager(OrganisationKind.SERVICE_ORGANISATION)

    class Meta:
        proxy = True
        verbose_name = _("uitvoeringsdienst")
        verbose_name_plural = _("uitvoeringsdiensten")


class Team(Organisation):
    objects = KindManager(OrganisationKind.TEAM)

    class Meta:
        proxy = True
        verbose_name = _("team")
        verbose_name_plural = _("teams")


class School(Organisation):
    objects = KindManager(OrganisationKind.SCHOOL)

    class Meta:
        proxy = True
        verbose_name = _("school")
        verbose_name_plural = _("scholen")


class Provider(Organisation):
    objects = KindManager(OrganisationKind.PROVIDER)

    class Meta:
        proxy = True
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
