""" "Mijn huishoudens" lists exactly the households the access check lets the user see, for every demo account.

Two implementations of one rule (the list as one EXISTS query, the check per household) must not drift apart:
a household listed but refused is a dead link; one allowed but not listed is access nobody notices.
"""

import io

import pytest
from django.conf import settings as django_settings
from django.utils.module_loading import import_string

from routekaart.organisations.demo import DEMO_ACCOUNTS
from routekaart.organisations.models import User
from routekaart.residents.access import household_access
from routekaart.residents.generator import municipality_generate
from routekaart.residents.models import Household
from routekaart.residents.selectors import my_households

pytestmark = pytest.mark.django_db

RESIDENTS = 400  # small, but every demo caseload and every generator's households are in it


def _demo_town() -> None:
    from routekaart.audit.configuration import processing_activities_load

    for dotted in django_settings.ROUTEKAART_CONFIGURATION_LOADERS:
        import_string(dotted)()
    processing_activities_load()
    municipality_generate(seed=5, residents=RESIDENTS, progress=False)
    generators = django_settings.ROUTEKAART_DEMO_GENERATORS
    for dotted in generators:
        if dotted.endswith("demo_municipality_generate"):
            continue  # done above, at a small size
        import_string(dotted)(stdout=io.StringIO())


def _opens(access) -> bool:
    """The access lets the user into the household's general file: household-wide, or (once per-person consent
    exists) for at least one consenting member, which is what the household page then shows."""
    permits = getattr(access, "permits", None)
    return permits("G") if permits is not None else access.sees("G")


def test_my_households_lists_exactly_what_the_access_check_allows_for_every_demo_account(settings, client):
    settings.ROUTEKAART_DEMO = True
    settings.DEMO_ACCOUNTS_SKIP_SECOND_FACTOR = True
    _demo_town()
    every = list(Household.objects.values_list("pk", flat=True))
    disagreements = {}
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(username=account.username)
        client.force_login(user)
        page = client.get("/huishoudens/")
        if not user.has_perm("residents.view_households"):
            assert page.status_code == 403, f"{account.username}: /huishoudens/ answered {page.status_code}"
            continue
        assert page.status_code == 200, f"{account.username}: /huishoudens/ answered {page.status_code}"
        listed = set(my_households(user=User.objects.get(pk=user.pk)).values_list("pk", flat=True))
        fresh = User.objects.get(pk=user.pk)
        seen = {pk for pk in every if _opens(household_access(user=fresh, household_id=pk))}
        if listed != seen:
            disagreements[account.username] = {
                "listed, not allowed": sorted(listed - seen)[:10],
                "allowed, not listed": sorted(seen - listed)[:10],
                "counts": (len(listed), len(seen)),
            }
    assert not disagreements, disagreements
