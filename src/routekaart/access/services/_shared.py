"""Small helpers every aggregate's steps share: today's date, date text, the case lock, date checks, scores."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ...core import limits
from ...core.dates import After, not_before_refuse
from ..models import Case, LifeDomain, LifeDomainScore


def _today() -> date:
    return timezone.localdate()


def _d(value: date) -> str:
    return date_format(value, "j F Y")


def _lock_case(case: Case) -> Case:
    """Serialise the steps of one case (PostgreSQL row lock; SQLite serialises writes anyway)."""
    return Case.objects.select_for_update(of=("self",)).get(pk=case.pk)


def _not_in_future(value: date | None, field_name: str) -> None:
    if value is not None and value > _today():
        raise ValidationError({field_name: _("Deze datum ligt in de toekomst.")})


def _case_opened(case: Case) -> After:
    """The case's first signal opened it: no step of the case happens before that day."""
    return After(case.opened_on, _("de opening van de casus"))


def _not_before_case(case: Case, value: date, field_name: str) -> None:
    not_before_refuse(value, field_name, _case_opened(case))


def _scores_check(scores: dict[str, tuple[int | None, str]]) -> list[tuple[LifeDomain, int, str]]:
    """Every life domain needs a score 1 to 5 ("op alle leefgebieden"); errors per field `score_<code>`."""
    domains = list(LifeDomain.objects.order_by("order"))
    if not domains:
        raise ValidationError(_("De leefgebieden zijn nog niet geladen; vraag functioneel beheer ze te laden."))
    errors: dict[str, str] = {}
    rows = []
    for domain in domains:
        score, note = scores.get(domain.code, (None, ""))
        if score in (None, ""):
            errors[f"score_{domain.code}"] = _("Geef een score van 1 tot en met 5 voor %(domain)s.") % {
                "domain": domain.name
            }
            continue
        try:
            value = int(score)
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            errors[f"score_{domain.code}"] = _("Zelfredzaamheid is een score van 1 tot en met 5.")
            continue
        rows.append((domain, value, (note or "").strip()[:500]))
    unknown = set(scores) - {d.code for d in domains}
    if unknown:
        errors["scores"] = _("Onbekend leefgebied: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}
    if errors:
        raise ValidationError(errors)
    return rows


def _scores_record(*, case: Case, rows: list[tuple[LifeDomain, int, str]], on: date, **source) -> None:
    """The checked scores of an intake or a review (`source`: intake= or review=), in one insert."""
    LifeDomainScore.objects.bulk_create(
        limits.checked(
            LifeDomainScore(
                case=case,
                household_id=case.household_id,
                life_domain=domain,
                scored_on=on,
                self_reliance=value,
                note=note,
                **source,
            )
            for domain, value, note in rows
        )
    )
