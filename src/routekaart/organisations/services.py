"""Actions on the network and staff accounts; each runs in one transaction."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Affiliation, Organisation, Region, User


def totp_device_get_or_start(*, user: User) -> TOTPDevice:
    """The device being set up; an unconfirmed one is reused so the QR code stays the same on reload."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
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
) -> User:
    """Create or update an account with exactly this role at this organisation (idempotent, for set-up)."""
    first, _, last = full_name.partition(" ")
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "is_demo": is_demo}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    Affiliation.objects.get_or_create(user=user, organisation=organisation, role=role)
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
