"""A resident's own account: the user a resident logs in to Mijn Routekaart with, after DigiD vouched for them.

An account is made only for a resident Routekaart knows (the portal's DigiD login found them by BSN); it has no
password (DigiD is the only way in), no affiliation (so no staff page opens for it), a random username and no
personal data in its event. It carries the resident's name, as a staff account carries its holder's: the household's
timeline says who did what in the portal ("... door Noor Hendriks").
"""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from ..audit import services as audit
from .models import Resident
from .selectors import household_id_of

PORTAL_USERNAME_PREFIX = "digid-"


@transaction.atomic
def resident_account_link(resident: Resident) -> AbstractBaseUser:
    """The resident's own account: the one already linked, or a new one linked now (one event, no personal data).

    Locks the resident, so two logins at once link one account, not two.
    """
    resident = Resident.objects.select_for_update(of=("self",)).get(pk=resident.pk)
    if resident.user_id is not None:
        return resident.user
    user_model = get_user_model()
    # The resident's name, so what they do in the portal reads "... door <name>" on the household's timeline.
    family_name = " ".join(part for part in (resident.name_prefix, resident.family_name) if part)
    user = user_model(
        username=f"{PORTAL_USERNAME_PREFIX}{secrets.token_hex(8)}",
        first_name=resident.given_names[:150],
        last_name=family_name[:150],
    )
    user.set_unusable_password()
    user.save()
    resident.user = user
    resident.save(update_fields=["user"])
    audit.action_record(
        actor=user,
        action="resident.portal_account_linked",
        subject=("resident", resident.pk),
        household_id=household_id_of(resident_id=resident.pk),
        after={"account": user.pk},
    )
    return user
