"""Finding people: by BSN, family name (with given name or initial), birth date, or postcode and house number.

The search looks only inside what the user may see now: the households their involvement opens, the persons whose
consent opens them (never the housemates), and a household the user opened with break-the-glass. Someone who lives
elsewhere is never shown and never hinted at: "nothing found" reads the same whether the person exists or not.

The terms travel in a POST body only. They never reach a URL, a log line, an event or the processing log: what is
logged is the read of the results shown (pseudonyms), like the worklist. A BSN is found through its keyed hash (the
column is encrypted); a name through the generated search key (residents.names) and its prefix index. One search is
a fixed number of queries whatever the number of residents: at most SEARCH_LIMIT results are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..audit import services as audit
from ..core.forms import Form
from ..core.identifiers import validate_bsn
from ..core.periods import valid_on
from . import services
from .access import HOUSEHOLD_FILE, HouseholdAccess, households_opened_by_break_glass, members_visible
from .encryption import bsn_hash
from .forms import BreakGlassForm
from .models import BreakGlass, Membership, Resident
from .names import name_key, without_name_prefix
from .selectors import household_id_of, processing_log_read, resident_by_bsn
from .validators import postcode_normalise, validate_postcode

SEARCH_LIMIT = 50
NAME_MIN_LENGTH = 2
# No household has id 0: break_glass_start then refuses and logs the attempt exactly as for an unknown number.
NO_HOUSEHOLD = 0
NOTHING_FOUND = _("Geen inwoners gevonden binnen de huishoudens waarbij u betrokken bent.")


def bsn_clean(value: str) -> str:
    """A typed BSN as stored: spaces and dots people copy from letters left out ("1234.56.782")."""
    return "".join(char for char in (value or "") if char not in " .")


class BsnField(forms.CharField):
    """Nine digits that pass the 11-check, with core.identifiers' Dutch messages."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 20)  # room for the spaces and dots of a copied BSN
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        return bsn_clean(super().to_python(value))

    def validate(self, value) -> None:
        super().validate(value)
        if value:
            validate_bsn(value)


@dataclass(frozen=True)
class SearchCriteria:
    """What was typed, cleaned. Never logged, never in a URL."""

    bsn: str = ""
    family_name: str = ""
    given_name: str = ""
    birth_date: date | None = None
    postcode: str = ""
    house_number: int | None = None
    house_number_addition: str = ""


class ResidentSearchForm(Form):
    limits_model = Resident

    bsn = BsnField(label=_("BSN"), required=False, help_text=_("Negen cijfers."))
    family_name = forms.CharField(
        label=_("Achternaam"),
        required=False,
        help_text=_("Het begin van de achternaam is genoeg. Hoofdletters en accenten maken niet uit."),
    )
    given_name = forms.CharField(
        label=_("Voornaam of voorletter"),
        required=False,
        max_length=200,
        help_text=_("Alleen samen met de achternaam."),
    )
    birth_date = forms.DateField(
        label=_("Geboortedatum"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7, help_text=_("Zoals 1234 AB."))
    house_number = forms.IntegerField(label=_("Huisnummer"), required=False, min_value=1, max_value=99999)
    house_number_addition = forms.CharField(label=_("Toevoeging"), required=False, max_length=10)

    def clean_family_name(self) -> str:
        return " ".join((self.cleaned_data.get("family_name") or "").split())

    def clean_given_name(self) -> str:
        return " ".join((self.cleaned_data.get("given_name") or "").split()).rstrip(".")

    def clean_postcode(self) -> str:
        value = (self.cleaned_data.get("postcode") or "").strip()
        if value:
            validate_postcode(value)
        return postcode_normalise(value)

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        family_name = data.get("family_name", "")
        if data.get("given_name") and not family_name:
            self.add_error("given_name", _("Vul bij een voornaam ook de achternaam in."))
        if (data.get("house_number") or data.get("house_number_addition")) and not data.get("postcode"):
            self.add_error("postcode", _("Vul bij een huisnummer ook de postcode in."))
        others = data.get("bsn") or data.get("birth_date") or data.get("postcode")
        if not (others or family_name):
            raise ValidationError(
                _("Vul ten minste één zoekgegeven in: BSN, achternaam, geboortedatum of postcode met huisnummer."),
                code="no_criterion",
            )
        if family_name and not others and len(name_key(without_name_prefix(family_name))) < NAME_MIN_LENGTH:
            self.add_error(
                "family_name",
                _("Vul ten minste %(count)d letters van de achternaam in, of zoek ook op geboortedatum of adres.")
                % {"count": NAME_MIN_LENGTH},
            )
        return data

    def criteria(self) -> SearchCriteria:
        data = self.cleaned_data
        return SearchCriteria(
            bsn=data.get("bsn") or "",
            family_name=data.get("family_name") or "",
            given_name=data.get("given_name") or "",
            birth_date=data.get("birth_date"),
            postcode=data.get("postcode") or "",
            house_number=data.get("house_number"),
            house_number_addition=(data.get("house_number_addition") or "").strip(),
        )


class BreakGlassByBsnForm(BreakGlassForm):
    """Emergency access to the household of the person with this BSN: the BSN travels in the body, never the URL."""

    bsn = BsnField(widget=forms.HiddenInput)

    field_order = ["reason", "bsn"]


@dataclass(frozen=True)
class SearchRow:
    membership: Membership
    resident: Resident
    household_id: int
    break_glass: bool


@dataclass(frozen=True)
class SearchResult:
    rows: list[SearchRow]
    more: bool  # more than SEARCH_LIMIT matched: the user should narrow the search


def _prefix(field: str, prefix: str) -> Q:
    """`field` starts with `prefix`, in a form each database answers from the key's index.

    PostgreSQL serves LIKE 'abc%' from the varchar_pattern_ops index. SQLite's LIKE ignores case and so never uses
    an ordinary index; there the same prefix is also given as a range, which in SQLite's byte order (BINARY) holds
    exactly the strings that start with it. (Not on PostgreSQL: a language collation orders "d'souza" outside the
    range of "d'".)
    """
    condition = Q(**{f"{field}__startswith": prefix})
    if connection.vendor == "sqlite" and prefix:
        following = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        condition &= Q(**{f"{field}__gte": prefix, f"{field}__lt": following})
    return condition


def _matches(criteria: SearchCriteria) -> Q:
    """The conditions on a membership's resident; each criterion narrows (AND)."""
    condition = Q()
    if criteria.bsn:
        condition &= Q(resident__bsn_hash=bsn_hash(criteria.bsn))
    if criteria.family_name:
        typed = name_key(criteria.family_name)
        bare = name_key(without_name_prefix(criteria.family_name))
        names = _prefix("resident__family_name_key", typed)
        if bare != typed:
            names |= _prefix("resident__family_name_key", bare)
        condition &= names
    if criteria.given_name:
        condition &= Q(resident__given_names__istartswith=criteria.given_name)
    if criteria.birth_date:
        condition &= Q(resident__birth_date=criteria.birth_date)
    if criteria.postcode:
        condition &= Q(resident__address__postcode=criteria.postcode)
    if criteria.house_number:
        condition &= Q(resident__address__house_number=criteria.house_number)
    if criteria.house_number_addition:
        condition &= Q(resident__address__house_number_addition__iexact=criteria.house_number_addition)
    return condition


def _searchable(*, user, glass: dict[int, BreakGlass]) -> QuerySet[Membership]:
    """Today's memberships the user may see: the access check's set-based rules, plus the households the user
    opened with break-the-glass (left out of worklists, yet the one way to reach the household just opened)."""
    on = timezone.localdate()
    visible = members_visible(user=user, purpose=HOUSEHOLD_FILE, on=on)
    if glass:
        visible = visible | Membership.objects.filter(valid_on(on), household_id__in=list(glass))
    return visible


def resident_search(*, user, criteria: SearchCriteria, channel: str | None = None) -> SearchResult:
    """The persons matching `criteria` that `user` may see now, at most SEARCH_LIMIT, and the read logged.

    Three queries whatever the data (the user's break-the-glass rows, the search, the log), plus the user's roles
    once per request. Only the results shown are logged, as a read of the household file; the terms never are.
    """
    glass = households_opened_by_break_glass(user=user)
    found = list(
        _searchable(user=user, glass=glass)
        .filter(_matches(criteria))
        .select_related("resident__address")
        .order_by("resident__family_name_key", "resident__given_names", "resident__birth_date", "pk")[
            : SEARCH_LIMIT + 1
        ]
    )
    rows = [
        SearchRow(membership=m, resident=m.resident, household_id=m.household_id, break_glass=m.household_id in glass)
        for m in found[:SEARCH_LIMIT]
    ]
    search_read_log(user=user, rows=rows, glass=glass, channel=channel)
    return SearchResult(rows=rows, more=len(found) > SEARCH_LIMIT)


def search_read_log(*, user, rows: list[SearchRow], glass: dict[int, BreakGlass], channel: str | None = None) -> None:
    """Log the read of the persons shown: one entry for those seen through involvement or consent, one per household
    seen through break-the-glass (with that access's reason, for the privacy officer's review)."""
    ordinary = [audit.pseudonym(r.resident.bsn) for r in rows if not r.break_glass]
    if ordinary:
        audit.processing_record(actor=user, activity=HOUSEHOLD_FILE, data_subjects=ordinary, channel=channel)
    for household_id, glass_row in glass.items():
        shown = [r.resident for r in rows if r.break_glass and r.household_id == household_id]
        if shown:
            access = HouseholdAccess(
                user=user, household_id=household_id, basis="break_glass", break_glass=glass_row, channel=channel or ""
            )
            processing_log_read(access=access, residents=shown)


def break_glass_by_bsn(*, user, bsn: str, reason: str) -> None:
    """Open break-the-glass access to the household the person with this BSN lives in now, if there is one.

    Returns nothing on purpose: the page answers the same whether the person exists or not, so this cannot be used
    to learn who is registered. The attempt is logged either way by break_glass_start (granted, or refused as for
    an unknown number), after the same checks of the reason and the role in both cases.
    """
    resident = resident_by_bsn(bsn)
    household_id = household_id_of(resident_id=resident.pk) if resident is not None else None
    services.break_glass_start(user=user, household_id=household_id or NO_HOUSEHOLD, reason=reason)
