"""The processing log in plain words, for the person it is about: who (organisation and role), when, for what
(the register's activity, its purpose and legal basis), what was done, and through which channel.

The entry stores the organisation's code and the actor, never a role: the role is the one the actor holds at that
organisation now (one query for the whole page), "rol onbekend" when they hold none any more. The page and the
export (AVG art. 15) share these rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..organisations import selectors as organisations_selectors
from ..organisations.roles import Role

# The log's operation and result codes (audit.models.Operation and Result; the portal reads no app's models).
OPERATION_WORDS = {
    "read": gettext_lazy("inzien"),
    "write": gettext_lazy("wijzigen"),
    "export": gettext_lazy("exporteren"),
    "search": gettext_lazy("zoeken"),
}
BREAK_GLASS = "break_glass"
DENIED = "denied"

CHANNEL_WORDS = {
    "page": gettext_lazy("op het scherm van een medewerker"),
    "api": gettext_lazy("via een koppeling tussen computersystemen"),
    "portal": gettext_lazy("via Mijn Routekaart"),
    "export": gettext_lazy("in een bestand (export)"),
    "batch": gettext_lazy("automatisch, door het systeem"),
}


@dataclass(frozen=True)
class LogRow:
    """One processing-log entry as the resident reads it."""

    id: int
    occurred_at: datetime
    who: str  # organisation and role, or "U zelf, via Mijn Routekaart"
    activity: str  # the register's name
    purpose: str  # the register's purpose
    ground: str  # the legal basis; "Noodtoegang: <reason>"; "Geweigerd: geen toegang"
    break_glass: bool
    refused: bool
    operation: str  # inzien / wijzigen / exporteren / zoeken
    channel: str  # in plain words

    def as_json(self) -> dict:
        return {
            "tijdstip": self.occurred_at.isoformat(),
            "wie": self.who,
            "activiteit": self.activity,
            "doel": self.purpose,
            "grondslag": self.ground,
            "handeling": self.operation,
            "kanaal": self.channel,
        }


def _role_words(roles: list[str], allowed: list[str]) -> str:
    """The roles held at the organisation, narrowed to those the activity allows when that leaves any."""
    fitting = [role for role in roles if role in allowed] or roles
    return _(" en ").join(str(Role(role).label) for role in fitting)


def _who(entry, *, me_id: int | None, names: dict[str, str], roles: dict[tuple[int, str], list[str]]) -> str:
    if entry.actor_id is not None and entry.actor_id == me_id:
        return _("U zelf, via Mijn Routekaart") if entry.channel == "portal" else _("U zelf")
    if entry.channel == "portal":
        return _("Iemand die u vertegenwoordigt (ouder of gemachtigde), via Mijn Routekaart")
    if entry.actor_id is None:
        return _("Routekaart zelf (automatische verwerking)")
    organisation = names.get(entry.organisation_code) or _("organisatie onbekend")
    held = roles.get((entry.actor_id, entry.organisation_code))
    role = _role_words(held, entry.activity.roles or []) if held else _("rol onbekend")
    return f"{organisation} — {role}"


def _ground(entry) -> str:
    if entry.result == BREAK_GLASS:
        return _("Noodtoegang: %(reason)s") % {"reason": entry.reason} if entry.reason else _("Noodtoegang")
    if entry.result == DENIED:
        return _("Geweigerd: geen toegang")
    return entry.activity.legal_basis


def log_rows(entries: Iterable, *, me_id: int | None) -> list[LogRow]:
    """Readable rows of these entries (their activity loaded with them): two queries more however many, the
    organisations' names and the actors' roles there. `me_id`: the user id of the one reading (shown as "U zelf")."""
    entries = list(entries)
    codes = {entry.organisation_code for entry in entries if entry.organisation_code}
    names = organisations_selectors.organisation_names(codes=codes) if codes else {}
    pairs = {(e.actor_id, e.organisation_code) for e in entries if e.actor_id and e.channel != "portal"}
    roles = organisations_selectors.roles_at(pairs=pairs) if pairs else {}
    return [
        LogRow(
            id=entry.pk,
            occurred_at=entry.occurred_at,
            who=_who(entry, me_id=me_id, names=names, roles=roles),
            activity=entry.activity.name,
            purpose=entry.activity.purpose,
            ground=_ground(entry),
            break_glass=entry.result == BREAK_GLASS,
            refused=entry.result == DENIED,
            operation=str(OPERATION_WORDS.get(entry.operation, entry.operation)),
            channel=str(CHANNEL_WORDS.get(entry.channel, entry.channel)),
        )
        for entry in entries
    ]


def period_start(period: str, *, on: date) -> datetime | None:
    """The first moment a period filter shows: this month, the last 12 months, or everything (None)."""
    if period == "maand":
        first = on.replace(day=1)
    elif period == "jaar":
        try:
            first = on.replace(year=on.year - 1)
        except ValueError:  # 29 February
            first = on.replace(year=on.year - 1, day=28)
    else:
        return None
    return timezone.make_aware(datetime.combine(first, time.min))
