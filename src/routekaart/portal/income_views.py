"""Mijn inkomen: the resident's benefit month by month in plain words, and reporting income and changes.

The benefit is the household's, shown only to the persons it is for (the client and the client's partner:
income.selectors_resident.benefit_of_resident). A child a parent looks at has no benefit of their own: the page says
so and reads nothing. Someone authorised (machtiging) for the Participatiewet sees the principal's benefit and does
not act; without that domain they see nothing of it. Every read is logged with channel portal; every write is one
income service call, by the resident for themself.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..income import selectors as income_selectors
from ..income import selectors_resident as resident_income
from ..income import services as income_services
from ..income.calculation import euro
from ..income.forms import income_report_submitter
from ..organisations.roles import Domain
from ..residents.represented import Ground
from .income_forms import ChangeReportForm, IncomeReportForm
from .income_text import calculation_in_words
from .reads import portal_read
from .render import portal_form_page, portal_render
from .session import portal_view

ACTIVITY = "social-assistance"


def _sees_income(scope) -> bool:
    """Oneself, or a principal who authorised the Participatiewet domain (a child has no benefit of its own)."""
    represented = next(r for r in scope.represented if r.id == scope.person.pk)
    return scope.ground != Ground.PARENT and represented.sees(Domain.PARTICIPATION)


def _benefit(request: HttpRequest, *, acting: bool = False):
    """The benefit of the person the page shows, if it is for them and the portal user may see it (and, `acting`,
    report for it: only for oneself); else None."""
    scope = request.portal
    if scope.household_id is None or not _sees_income(scope) or (acting and scope.ground != Ground.SELF):
        return None
    return resident_income.benefit_of_resident(
        household_id=scope.household_id, resident_id=scope.person.pk, on=scope.on
    )


def _month_name(month: date) -> str:
    return date_format(month, "F Y")


@portal_view
@require_GET
def income(request: HttpRequest) -> HttpResponse:
    """Mijn inkomen: the benefit this month and the six before, how this month was computed, the settlements, the
    income reports and the changes reported."""
    scope = request.portal
    context: dict = {
        "child": scope.ground == Ground.PARENT,
        "not_authorised": scope.ground == Ground.AUTHORISED and not _sees_income(scope),
        "may_act": scope.ground == Ground.SELF,
        "overview": None,
    }
    benefit = _benefit(request)
    if benefit is not None:
        overview = resident_income.resident_income_get(benefit=benefit, on=scope.on)
        this_month = overview.this_month
        context |= {
            "overview": overview,
            "this_month": this_month,
            "sentences": calculation_in_words(this_month.calculation) if this_month and this_month.calculation else [],
            "me": request.user.pk,
            "running": benefit.is_active_on(scope.on),
            "settlements": [(s, abs(s.settlement)) for s in overview.settlements],
        }
        portal_read(request, activity=ACTIVITY)
    return portal_render(request, "portal/income.html", context)


@portal_view
@require_http_methods(["GET", "POST"])
def income_report(request: HttpRequest) -> HttpResponse:
    """Inkomsten doorgeven: a month's earnings, pre-filled from the last report; the confirmation says the effect."""
    benefit = _benefit(request, acting=True)
    if benefit is None:
        return redirect("portal:income")
    last = resident_income.last_income_report(benefit=benefit)
    last_month = (request.portal.on.replace(day=1) - timedelta(days=1)).replace(day=1)
    initial = {"month": last_month}
    if last is not None:
        initial |= {"net_earnings": last.net_earnings, "other_income": last.other_income, "hours": last.hours}
    form = IncomeReportForm(request.POST or None, initial=initial)
    portal_read(request, activity=ACTIVITY)

    def confirmation(report) -> str:
        return _income_report_effect(benefit=benefit, month=report.month)

    return portal_form_page(
        request,
        form,
        income_report_submitter(actor=request.user, benefit=benefit, source=resident_income.REPORTED_BY_RESIDENT),
        success=confirmation,
        then="portal:income",
        template="portal/income_report.html",
        context={"prefilled_from": last},
    )


def _income_report_effect(*, benefit, month: date) -> str:
    """The confirmation: what the report means for the month's benefit and, in the surplus scheme, the next payment."""
    parts = [_("Dank u. Wij hebben uw inkomsten over %(month)s ontvangen.") % {"month": _month_name(month)}]
    explained = resident_income.month_benefit_get(benefit=benefit, month=month)
    if explained.calculation is not None:
        parts.append(
            _("Uw uitkering over %(month)s wordt %(amount)s.")
            % {"month": _month_name(month), "amount": euro(explained.calculation.benefit)}
        )
    _benefit_then, settlement = income_selectors.surplus_month_of_household(
        household_id=benefit.household_id, month=month
    )
    if settlement is not None and settlement.settlement > 0:
        parts.append(_("U krijgt %(amount)s bij met de volgende betaling.") % {"amount": euro(settlement.settlement)})
    elif settlement is not None and settlement.settlement < 0:
        parts.append(_("Wij houden %(amount)s in op de volgende betaling.") % {"amount": euro(-settlement.settlement)})
    return " ".join(parts)


@portal_view
@require_http_methods(["GET", "POST"])
def change_report(request: HttpRequest) -> HttpResponse:
    """Wijziging doorgeven: living together, going abroad, another address or another change; what we knew of the
    household last year is shown beside the form (seed 004: pre-filled from last year)."""
    benefit = _benefit(request, acting=True)
    if benefit is None:
        return redirect("portal:income")
    scope = request.portal
    situation = income_selectors.household_situation_latest(household_id=benefit.household_id, year=scope.on.year)
    form = ChangeReportForm(request.POST or None, initial={"starts_on": scope.on})
    portal_read(request, activity=ACTIVITY)
    return portal_form_page(
        request,
        form,
        lambda data: income_services.change_report_submit(
            actor=request.user,
            benefit=benefit,
            kind=data["kind"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            ends_unknown=data["ends_unknown"],
            details=data["details"],
        ),
        success=_("Dank u. Wij hebben uw wijziging ontvangen. Uw regisseur kijkt of uw uitkering verandert."),
        then="portal:income",
        template="portal/change_report.html",
        context={"situation": situation, "abroad": resident_income.ABROAD},
    )
