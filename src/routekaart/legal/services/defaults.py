"""Ingebrekestelling and dwangsom (Awb 4:17, 4:18): a notice of default for an objection not decided in time, and
the penalty fixed once it stops running. Re-exported by `services.objections`, whose steps they follow."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from ...core.dates import After
from .. import terms
from ..models import DefaultNotice, Objection
from ..workflow_objections import OBJECTION
from ._objection_shared import _day_errors, _locked, _may_handle, _raise_if, _record

__all__ = ["default_notice_register", "default_penalty_settle"]


def _long(day: date) -> str:
    return formats.date_format(day, "j F Y")


def _open_step(actor, objection: Objection, field: str) -> Objection:
    objection = _locked(objection)
    _may_handle(actor, objection, field)
    OBJECTION.check(objection.status, "keep")
    return objection


@transaction.atomic
def default_notice_register(*, actor, objection: Objection, received_on: date) -> DefaultNotice:
    """A notice of default (ingebrekestelling, Awb 4:17): counted only once the decision term has passed; the
    penalty runs from the day after the two weeks that follow its receipt."""
    objection = _open_step(actor, objection, "received_on")
    errors = _day_errors("received_on", received_on, objection)
    if not errors and not terms.notice_counts(
        notice_received_on=received_on, decision_due_on=objection.decision_due_on
    ):
        errors["received_on"] = _(
            "De beslistermijn loopt nog tot en met %(date)s; een ingebrekestelling telt pas daarna (Awb 4:17)."
        ) % {"date": _long(objection.decision_due_on)}
    if not errors and objection.default_notices.filter(penalty_decided_on__isnull=True).exists():
        errors["received_on"] = _("Er loopt al een ingebrekestelling voor dit bezwaar.")
    _raise_if(errors)
    notice = DefaultNotice.objects.create(
        objection=objection,
        received_on=received_on,
        penalty_from=terms.penalty_from(received_on),
        recorded_by=actor,
    )
    _record(
        actor=actor,
        objection=objection,
        action="objection.default_notice",
        after={"notice_id": notice.pk, "received_on": received_on, "penalty_from": notice.penalty_from},
    )
    return notice


@transaction.atomic
def default_penalty_settle(*, actor, notice: DefaultNotice, on: date) -> DefaultNotice:
    """The penalty fixed (Awb 4:18: within two weeks after it stopped running): the days up to the day before the
    decision on the objection (or up to `on`, at most 42), and the amount."""
    notice = DefaultNotice.objects.select_for_update(of=("self",)).select_related("objection").get(pk=notice.pk)
    objection = notice.objection
    _may_handle(actor, objection, "on")
    if notice.penalty_decided_on is not None:
        _raise_if({"on": _("De dwangsom is al vastgesteld.")})
    errors = _day_errors("on", on, objection, After(notice.received_on, _("de ingebrekestelling")))
    _raise_if(errors)
    days, amount = terms.penalty(notice.received_on, objection.decided_on, on)
    notice.penalty_days, notice.penalty_amount, notice.penalty_decided_on = days, amount, on
    notice.save(update_fields=["penalty_days", "penalty_amount", "penalty_decided_on"])
    _record(
        actor=actor,
        objection=objection,
        action="objection.penalty_settled",
        after={"notice_id": notice.pk, "penalty_days": days, "penalty_amount": str(amount), "settled_on": on},
    )
    return notice
