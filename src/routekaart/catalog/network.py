"""The catalog's door to the `organisations` app: region presets name municipalities, uitvoeringsdiensten and
partners, and the network owns them.

New organisations go through `organisations.services.organisation_create` (its validation and messages). Loading a
preset twice must change nothing, so these functions find an organisation by code first and only add what is
missing. The region and the links a preset adds to an existing organisation have no service in `organisations`
yet; they are written here, in one place, until that app offers an `*_ensure` of its own.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..organisations import services as organisation_services
from ..organisations.models import Organisation, OrganisationKind, Region


def region_ensure(*, code: str, name: str) -> Region:
    region, created = Region.objects.get_or_create(code=code, defaults={"name": name})
    if not created and region.name != name:
        region.name = name
        region.save(update_fields=["name"])
    return region


def region_central_municipality_ensure(*, region: Region, municipality: Organisation) -> Region:
    if region.central_municipality_id != municipality.pk:
        region.central_municipality = municipality
        region.full_clean()
        region.save(update_fields=["central_municipality"])
    return region


def organisation_ensure(
    *,
    kind: str,
    code: str,
    name: str,
    region: Region | None = None,
    municipality: Organisation | None = None,
    team_kind: str = "",
    school_kind: str = "",
    serves: Iterable[Organisation] = (),
) -> Organisation:
    """The organisation with this code, created if absent; what the preset says is added, nothing is removed."""
    serves = list(serves)
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        return organisation_services.organisation_create(
            kind=kind,
            code=code,
            name=name,
            region=region,
            municipality=municipality,
            team_kind=team_kind,
            school_kind=school_kind,
            serves=serves,
        )
    if organisation.kind != kind:
        raise ValidationError(
            _("Organisatie %(code)s bestaat al als %(kind)s.") % {"code": code, "kind": organisation.get_kind_display()}
        )
    changed = []
    for field, value in (("name", name), ("team_kind", team_kind), ("school_kind", school_kind)):
        if value and getattr(organisation, field) != value:
            setattr(organisation, field, value)
            changed.append(field)
    for field, value in (("region", region), ("municipality", municipality)):
        if value is not None and getattr(organisation, f"{field}_id") != value.pk:
            setattr(organisation, field, value)
            changed.append(field)
    if changed:
        organisation.full_clean()
        organisation.save(update_fields=changed)
    missing = {o.pk for o in serves} - set(organisation.serves.values_list("pk", flat=True))
    if missing:
        organisation.serves.add(*missing)
    return organisation


MUNICIPALITY = OrganisationKind.MUNICIPALITY
SERVICE_ORGANISATION = OrganisationKind.SERVICE_ORGANISATION
