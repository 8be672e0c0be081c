"""The AVG inzage (art. 15): everything Routekaart holds about one person, one section per app that holds some.

`residents` knows nothing of cases, routes, work or income (docs/architecture.md), so each app registers a section
provider at start-up (its AppConfig.ready), as it registers its household block (household_blocks.py). A provider
gets the person and a date and answers an `ExportSection` or None (nothing held). Rules for a provider:

- only the person's own data, and the household-level things they are a party to (the case, the plan, the
  benefit) while they lived in that household (`during_membership`); a housemate appears only as "partner" or
  "kind", never with a name or BSN;
- a fixed number of queries whatever the person's history;
- no logging: the page that shows or hands out the export logs it once (operation export).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Model, Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .models import Address, Consent, Membership, Relation, Resident
from .models.journal import Document, Note, Visibility


@dataclass(frozen=True)
class ExportSection:
    """One app's part of the export: a title and its rows; each row a kind ("Casus", "Signaal") and its facts."""

    title: str | Promise
    rows: list[dict] = field(default_factory=list)

    def as_json(self, key: str) -> dict:
        return {"sleutel": key, "titel": str(self.title), "rijen": self.rows}


SectionProvider = Callable[[Resident, date], "ExportSection | None"]

_providers: dict[str, tuple[int, SectionProvider]] = {}


def export_section_register(key: str, provider: SectionProvider, order: int) -> None:
    """Add (or replace: `ready()` may run twice in tests) the provider of one section; lower `order` comes first."""
    _providers[key] = (order, provider)


def export_section_keys() -> list[str]:
    """The keys of every registered section, in export order."""
    return [key for key, _item in sorted(_providers.items(), key=lambda item: item[1][0])]


def export_sections(resident: Resident, on: date) -> list[tuple[str, ExportSection]]:
    """Every app's section for this person, in order (a section with nothing held says so instead of vanishing)."""
    sections = []
    for key in export_section_keys():
        section = _providers[key][1](resident, on)
        sections.append((key, section if section is not None else ExportSection(title=key, rows=[])))
    return sections


def export_value(value):
    """A value as the export holds it: dates ISO 8601, amounts as text, labels translated, None as None."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Model):
        return str(value)
    return value


def export_row(kind: str | Promise, obj: Model, fields: Iterable[str], **extra) -> dict:
    """One row: its kind, then each field by its Dutch label (a choice by its label), then `extra` facts."""
    row = {_("soort"): str(kind)}
    for name in fields:
        model_field = obj._meta.get_field(name)
        chosen = getattr(model_field, "choices", None)
        value = getattr(obj, f"get_{name}_display")() if chosen else getattr(obj, name)
        row[str(model_field.verbose_name)] = export_value(value)
    for label, value in extra.items():
        row[label] = export_value(value)
    return row


def export_rows(kind: str | Promise, objects: Iterable[Model], fields: Iterable[str]) -> list[dict]:
    """`export_row` for each object, in their order: most of a section is lists of one kind of thing."""
    fields = list(fields)
    return [export_row(kind, obj, fields) for obj in objects]


@dataclass(frozen=True)
class MembershipPeriod:
    household_id: int
    valid_from: date
    valid_to: date | None  # not included


def membership_periods(resident: Resident) -> list[MembershipPeriod]:
    """The households the person lived in, and when (one query)."""
    return [
        MembershipPeriod(household_id, valid_from, valid_to)
        for household_id, valid_from, valid_to in Membership.objects.filter(resident=resident)
        .order_by("valid_from", "id")
        .values_list("household_id", "valid_from", "valid_to")
    ]


def during_membership(
    periods: Iterable[MembershipPeriod], *, household: str = "household_id", start: str, end: str | None = None
) -> Q:
    """Rows of these households that began (or, with `end`, ran) while the person lived there: a household's case
    or benefit is theirs only for the time they were part of it. Matches nothing for no periods."""
    condition = Q(pk__in=[])
    for period in periods:
        part = Q(**{household: period.household_id})
        if period.valid_to is not None:
            part &= Q(**{f"{start}__lt": period.valid_to})
        if end is None:
            part &= Q(**{f"{start}__gte": period.valid_from})
        else:
            part &= Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": period.valid_from})
        condition |= part
    return condition


# --- the residents app's own section -------------------------------------------------------------------------------

ORDER = 10


def residents_section(resident: Resident, on: date) -> ExportSection:
    """The person, their address, households (housemates not named), family ties (kind only), consents,
    authorisations, and the notes and documents about them that the involved may see (text or file metadata)."""
    person = ["bsn", "given_names", "name_prefix", "family_name", "birth_date", "date_of_death", "gender"]
    person += ["country_of_birth", "education_level", "email", "phone", "created_at"]
    rows = [export_row(_("Persoon"), resident, person)]
    address = Address.objects.filter(residents=resident).first()  # one query, with or without an address
    if address is not None:
        rows.append(
            export_row(_("Adres"), address, ["street", "house_number", "house_number_addition", "postcode", "city"])
        )
    memberships = Membership.objects.filter(resident=resident).order_by("valid_from", "id")
    rows += export_rows(_("Huishouden"), memberships, ["household", "role", "valid_from", "valid_to"])
    relations = Relation.objects.filter(Q(resident=resident) | Q(related=resident)).order_by("valid_from", "id")
    for relation in relations:
        rows.append(_relation_row(relation, resident))
    consents = Consent.objects.filter(resident=resident).select_related("organisation").order_by("valid_from", "id")
    rows += export_rows(
        _("Toestemming"),
        consents,
        ["organisation", "domain", "scope", "valid_from", "valid_to", "recorded_at", "withdrawn_at"],
    )
    rows += _authorisation_rows(resident)
    notes = Note.objects.filter(resident=resident, visibility=Visibility.INVOLVED).select_related("organisation")
    rows += export_rows(
        _("Notitie"), notes.order_by("created_at", "id"), ["created_at", "domain", "organisation", "text"]
    )
    documents = Document.objects.filter(resident=resident, visibility=Visibility.INVOLVED).select_related(
        "organisation"
    )
    rows += export_rows(
        _("Document"),
        documents.order_by("uploaded_at", "id"),
        ["uploaded_at", "domain", "organisation", "title", "original_name", "content_type", "size"],
    )
    return ExportSection(title=_("Uw persoonsgegevens en huishouden"), rows=rows)


def _relation_row(relation: Relation, resident: Resident) -> dict:
    """A family tie by kind only: the other person is "partner", "kind" or "ouder", never named."""
    if relation.kind == "partner":
        other = _("partner")
    elif relation.resident_id == resident.pk:
        other = _("kind")
    else:
        other = _("ouder")
    return {
        _("soort"): _("Relatie"),
        _("relatie met"): other,
        _("vanaf"): export_value(relation.valid_from),
        _("tot"): export_value(relation.valid_to),
    }


def _authorisation_rows(resident: Resident) -> list[dict]:
    """Authorisations (machtigingen) given and received, without the other person's identity (one query)."""
    from django.apps import apps

    try:
        authorisation = apps.get_model("residents", "Authorisation")
    except LookupError:
        return []
    rows = []
    found = authorisation.objects.filter(Q(principal=resident) | Q(agent=resident)).order_by("valid_from", "id")
    for item in found:
        direction = _("gegeven aan een gemachtigde") if item.principal_id == resident.pk else _("ontvangen")
        rows.append(
            export_row(
                _("Machtiging"),
                item,
                ["domains", "valid_from", "valid_to", "withdrawn_at"],
                **{_("richting"): direction},
            )
        )
    return rows


def register() -> None:
    """Called by the app's ready(): its section of the inzage."""
    export_section_register("residents", residents_section, ORDER)
