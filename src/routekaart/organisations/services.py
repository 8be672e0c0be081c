"""Actions on the network and staff accounts; each runs in one transaction."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Affiliation, Organisation, Region, User
from .selectors import totp_device_pending


@transaction.atomic
def totp_device_get_or_start(*, user: User) -> TOTPDevice:
    """The device being set up; an unconfirmed one is reused so the QR code stays the same on reload."""
    device = totp_device_pending(user=user)
    return device or TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice) -> TOTPDevice:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return device


@transaction.atomic
def staff_user_ensure(
    *,
    username: str,
    password: str,
    full_name: str,
    organisation: Organisation,
    role: str,
    is_demo: bool = False,
    leads_team: bool = False,
) -> User:
    """Create or update an account with exactly this role at this organisation (idempotent, for set-up);
    `leads_team` makes a coordinator the organisation's team leader (Affiliation.leads_team)."""
    first, _, last = full_name.partition(" ")
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "is_demo": is_demo}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    affiliation, _created = Affiliation.objects.get_or_create(user=user, organisation=organisation, role=role)
    if leads_team and not affiliation.leads_team:
        affiliation.leads_team = True
        affiliation.save(update_fields=["leads_team"])
    return user


@transaction.atomic
def organisation_create(
    *,
    kind: str,
    code: str,
    name: str,
    region: Region | None = None,
    municipality: Organisation | None = None,
    team_kind: str = "",
    school_kind: str = "",
    serves: list[Organisation] | None = None,
) -> Organisation:
    """Add an organisation to the network; model validation gives the Dutch messages."""
    organisation = Organisation(
        kind=kind,
        code=code,
        name=name,
        region=region,
        municipality=municipality,
        team_kind=team_kind,
        school_kind=school_kind,
    )
    organisation.full_clean()
    organisation.save()
    if serves:
        organisation.serves.set(serves)
    return organisation


@transaction.atomic
def region_ensure(*, code: str, name: str) -> Region:
    """The region with this code, its name as given (idempotent, for presets)."""
    region, created = Region.objects.get_or_create(code=code, defaults={"name": name})
    if not created and region.name != name:
        region.name = name
        region.save(update_fields=["name"])
    return region


@transaction.atomic
def region_central_municipality_ensure(*, region: Region, municipality: Organisation) -> Region:
    if region.central_municipality_id != municipality.pk:
        region.central_municipality = municipality
        region.full_clean()
        region.save(update_fields=["central_municipality"])
    return region


@transaction.atomic
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
        return organisation_create(
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
