"""The household page is the caseworker's one client file: each app that holds something about a household adds
its block to it (the case and plan, decisions, the benefit, the route, the work profile, placements).

`residents` knows nothing of cases, work or income (docs/architecture.md), so the apps above it register a block
provider at start-up (their AppConfig.ready), as they register their event labels. A provider gets the household
file (already narrowed by the access check), reads through its own app's selectors, and answers a `HouseholdBlock`
or None (nothing to show, or a domain the viewer may not see). Rules for a provider:

- a fixed number of queries whatever the household's size or history (the page's query count is tested equal for a
  one-person household and a ten-year, eight-person one);
- it shows a domain's data only when `file.access.permits(domain)` and logs that read, as every selector does;
- every action is a link or form to a real page of its app; no journey needs a typed address.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.functional import Promise

from ..organisations.roles import Domain
from .access import HouseholdAccess, household_access, household_grounds

if TYPE_CHECKING:
    from .selectors import HouseholdFile


@dataclass(frozen=True)
class HouseholdAction:
    """Something the viewer can do from the household page, shown as a link (GET) or a button (POST)."""

    label: str | Promise
    url: str
    method: str = "get"


@dataclass(frozen=True)
class HouseholdBlock:
    """One app's summary on the household page: its own template, rendered with `block` in the context."""

    key: str
    title: str | Promise
    template: str
    context: dict = field(default_factory=dict)
    url: str = ""  # the block's own page, linked from its title
    domain: str = Domain.GENERAL
    actions: tuple[HouseholdAction, ...] = ()


BlockProvider = Callable[["HouseholdFile"], "HouseholdBlock | None"]

# The page's layout by order: the summary at the top (coordinator, case, plan), then each domain's block, then the
# household's composition, involvements and consents, then the blocks from FILE_FROM on (journal, timeline).
SUMMARY_BEFORE = 40
FILE_FROM = 700

_providers: dict[str, tuple[int, BlockProvider]] = {}


def block_register(key: str, provider: BlockProvider, order: int) -> None:
    """Add (or replace: `ready()` may run twice in tests) the provider of one block; lower `order` shows first."""
    _providers[key] = (order, provider)


def _ordered_blocks(file: HouseholdFile) -> list[tuple[int, HouseholdBlock]]:
    ordered = []
    for order, provider in sorted(_providers.values(), key=lambda item: item[0]):
        block = provider(file)
        if block is not None:
            ordered.append((order, block))
    return ordered


def household_blocks(file: HouseholdFile) -> list[HouseholdBlock]:
    """The blocks of every app for this household, in page order, leaving out those with nothing to show."""
    return [block for _order, block in _ordered_blocks(file)]


@dataclass(frozen=True)
class HouseholdBlockGroups:
    """The blocks by place on the page: the summary, the domains, and the file after the composition."""

    summary: list[HouseholdBlock]
    domains: list[HouseholdBlock]
    file: list[HouseholdBlock]


def household_block_groups(file: HouseholdFile) -> HouseholdBlockGroups:
    """Every app's blocks for this household (each provider asked once), split by place on the page."""
    ordered = _ordered_blocks(file)
    return HouseholdBlockGroups(
        summary=[block for order, block in ordered if order < SUMMARY_BEFORE],
        domains=[block for order, block in ordered if SUMMARY_BEFORE <= order < FILE_FROM],
        file=[block for order, block in ordered if order >= FILE_FROM],
    )


def access_for(file: HouseholdFile, purpose: str, domain: str = Domain.GENERAL) -> HouseholdAccess:
    """The viewer's access to this household for a block's own purpose (the register's activity, e.g. route
    guidance), which may allow other roles and domains than the household file's. Never raises and logs nothing:
    a block the viewer may not see is left out, not refused; the block logs its read when it shows data."""
    cache = file.__dict__.setdefault("_access_for", {})
    key = (purpose, domain)
    if key not in cache:
        base = file.access
        if base.purpose == purpose and base.domain == domain:
            cache[key] = base
        else:
            if "_grounds" not in file.__dict__:  # the involvements and consents, read once for every purpose
                file.__dict__["_grounds"] = household_grounds(user=base.user, household_id=base.household_id)
            cache[key] = household_access(
                user=base.user,
                household_id=base.household_id,
                purpose=purpose,
                domain=domain,
                channel=base.channel,
                grounds=file.__dict__["_grounds"],
            )
    return cache[key]
