"""The decision an objection is against, as the pages and letters show it: read through the deciding app's own
selector (access.selectors_legal, income.selectors_legal), never its models. One or two queries; None when the app
cannot say (the decision was removed, or income's selector is not installed)."""

from __future__ import annotations

from importlib import import_module

from ..access.selectors_legal import decision_for_objection
from .models import DecisionKind, Objection


def decision_summary(objection: Objection):
    """The decision objected to (reference, law, sent on, provisions), or None."""
    if objection.decision_kind == DecisionKind.ACCESS:
        return decision_for_objection(decision_id=objection.decision_id)
    try:
        income = import_module("routekaart.income.selectors_legal")
    except ModuleNotFoundError:
        return None
    read = getattr(income, "decision_for_objection", None)
    return read(decision_id=objection.decision_id) if read else None
