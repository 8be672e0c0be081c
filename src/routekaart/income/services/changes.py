"""Changes the resident reports for their benefit (wijzigingen doorgeven), and the coordinator marking them processed.

A change is a report, not yet a decision: the coordinator looks at the benefit again and then marks it processed.
The event carries the kind and the dates only; what the resident wrote lives in the table retention reaches.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...audit import services as audit
from ...organisations.roles import Domain
from ..models import ChangeKind, ChangeReport, ChangeStatus, SocialAssistance
from ._shared import ACTIVITY, _lock_benefit, _today

REPORT_BACK_DAYS = 366  # a change reported late is still a change: up to a year back
REPORT_AHEAD_DAYS = 366  # and one planned up to a year ahead
ABROAD_LONGEST_DAYS = 2 * 366  # a stay abroad longer than this is emigration, not a stay
NEEDS_DETAILS = (ChangeKind.ADDRESS, ChangeKind.OTHER)


def _change_check(
    *, benefit: SocialAssistance, kind: str, starts_on: date | None, ends_on: date | None, ends_unknown: bool, details
) -> dict[str, str]:
    today = _today()
    errors: dict[str, str] = {}
    if kind not in ChangeKind.values:
        errors["kind"] = _("Kies wat er verandert.")
    if benefit.ended_on is not None and benefit.ended_on <= today:
        errors["kind"] = _("Uw uitkering is gestopt. Een wijziging doorgeven is niet meer nodig.")
    if starts_on is None:
        errors["starts_on"] = _("Vul in vanaf welke datum het verandert.")
    elif starts_on < today - timedelta(days=REPORT_BACK_DAYS):
        errors["starts_on"] = _("Die datum is meer dan een jaar geleden. Bel uw regisseur om dit door te geven.")
    elif starts_on > today + timedelta(days=REPORT_AHEAD_DAYS):
        errors["starts_on"] = _("Die datum is meer dan een jaar vooruit. Geef de wijziging later door.")
    if kind == ChangeKind.ABROAD:
        errors |= _abroad_check(starts_on=starts_on, ends_on=ends_on, ends_unknown=ends_unknown)
    elif ends_on is not None:
        errors["ends_on"] = _("Alleen bij een verblijf in het buitenland vult u een einddatum in.")
    if kind in NEEDS_DETAILS and not (details or "").strip():
        errors["details"] = (
            _("Vul uw nieuwe adres in.") if kind == ChangeKind.ADDRESS else _("Schrijf op wat er verandert.")
        )
    return errors


def _abroad_check(*, starts_on: date | None, ends_on: date | None, ends_unknown: bool) -> dict[str, str]:
    """Abroad: the date of return, or that the resident does not know it yet; within two years of leaving."""
    if ends_on is None and not ends_unknown:
        return {"ends_on": _("Vul in tot en met wanneer u in het buitenland bent, of kies 'Dat weet ik nog niet'.")}
    if ends_on is not None and ends_unknown:
        return {"ends_on": _("Vul een datum in, of kies 'Dat weet ik nog niet', niet allebei.")}
    if ends_on is None or starts_on is None:
        return {}
    if ends_on < starts_on:
        return {"ends_on": _("De datum van terugkomst ligt na de datum van vertrek.")}
    if ends_on > starts_on + timedelta(days=ABROAD_LONGEST_DAYS):
        return {"ends_on": _("Bent u langer dan twee jaar weg? Kies dan 'Een andere wijziging' en leg het uit.")}
    return {}


@transaction.atomic
def change_report_submit(
    *,
    actor,
    benefit: SocialAssistance,
    kind: str,
    starts_on: date,
    ends_on: date | None = None,
    ends_unknown: bool = False,
    details: str = "",
) -> ChangeReport:
    """The resident reports a change for their benefit; the coordinator sees it on the household page until it is
    processed. Abroad needs the date of return, or that the resident does not know it yet."""
    benefit = _lock_benefit(benefit)
    errors = _change_check(
        benefit=benefit, kind=kind, starts_on=starts_on, ends_on=ends_on, ends_unknown=ends_unknown, details=details
    )
    if errors:
        raise ValidationError(errors)
    report = ChangeReport(
        benefit=benefit,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on if kind == ChangeKind.ABROAD else None,
        ends_unknown=bool(ends_unknown) and kind == ChangeKind.ABROAD,
        details=(details or "").strip(),
        reported_by=actor,
    )
    report.full_clean(exclude=["benefit", "reported_by", "processed_by"])
    report.save()
    audit.action_record(
        actor=actor,
        action="change_report.submitted",
        subject=report,
        household_id=benefit.household_id,
        after={"kind": kind, "starts_on": starts_on, "ends_on": report.ends_on},
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
    )
    return report


@transaction.atomic
def change_report_process(*, actor, report: ChangeReport) -> ChangeReport:
    """The coordinator has looked at the benefit again for this change: it leaves the open list."""
    report = ChangeReport.objects.select_for_update().get(pk=report.pk)
    if report.status == ChangeStatus.PROCESSED:
        raise ValidationError(_("Deze wijziging is al verwerkt."))
    report.status = ChangeStatus.PROCESSED
    report.processed_by = actor
    report.processed_at = timezone.now()
    report.save(update_fields=["status", "processed_by", "processed_at"])
    household_id = SocialAssistance.objects.values_list("household_id", flat=True).get(pk=report.benefit_id)
    audit.action_record(
        actor=actor,
        action="change_report.processed",
        subject=report,
        household_id=household_id,
        before={"status": ChangeStatus.RECEIVED},
        after={"kind": report.kind, "starts_on": report.starts_on, "status": ChangeStatus.PROCESSED},
        domain=Domain.PARTICIPATION,
        purpose=ACTIVITY,
    )
    return report
