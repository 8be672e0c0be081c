"""Portal pages: regulations the household may be missing (the regulations check, in the household's own figures),
the ones it uses and its applications; applying for one, pre-filled with what the household gave last year.

The figures and the verdict come from income's regulations check (its result objects); the portal never evaluates
a rule itself, so the page, the coordinator's client page and the batch never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from ..core import limits
from ..core.forms import Form, require, required_when, service_errors_to_form
from ..income import selectors as income_selectors
from ..income import services as income_services
from ..organisations.roles import Domain
from ..residents import selectors as residents_selectors
from ..residents.represented import Ground
from .reads import portal_read
from .render import portal_render
from .session import portal_view

ACTIVITY = "entitlement-check"
INCOME_FIELD = "income_percent"
STILL_RIGHT, CHANGED = "yes", "no"


@dataclass(frozen=True)
class Finding:
    """One regulation as the page explains it: the check's entitlement, and its income condition picked out."""

    entitlement: object  # income.selectors.Entitlement
    income: object | None  # the Explanation of the income condition, if the regulation has one
    others: list  # the other conditions' Explanations

    @property
    def regulation(self):
        return self.entitlement.regulation

    @property
    def met(self) -> list:
        return [e for e in self.others if e.met and e.field]

    @property
    def not_met(self) -> list:
        parts = ([self.income] if self.income else []) + self.others
        return [e for e in parts if not e.met and e.field]


def _finding(entitlement) -> Finding:
    income = next((e for e in entitlement.explanations if e.field == INCOME_FIELD), None)
    return Finding(entitlement, income, [e for e in entitlement.explanations if e is not income])


def _may_act(scope) -> bool:
    """Oneself, or a parent for a child under 16; someone authorised (machtiging) only looks."""
    return scope.ground in (Ground.SELF, Ground.PARENT)


def _household_regulations(request: HttpRequest):
    """The regulations check of the household the page shows, or None: no household, a principal who did not
    authorise the Participatiewet domain, or a child's household the parent does not live in (its figures are
    another adult's income)."""
    scope = request.portal
    if scope.household_id is None:
        return None
    represented = next(r for r in scope.represented if r.id == scope.person.pk)
    if not represented.sees(Domain.PARTICIPATION):
        return None
    if scope.ground == Ground.PARENT:
        own = residents_selectors.household_id_of(resident_id=scope.me.pk, on=scope.on)
        if own != scope.household_id:
            return None
    overview = income_selectors.household_regulations(household_id=scope.household_id, on=scope.on)
    portal_read(request, activity=ACTIVITY, residents=overview.members or None)
    return overview


@portal_view
@require_GET
def regulations(request: HttpRequest, **kwargs) -> HttpResponse:
    overview = _household_regulations(request)
    context: dict = {"overview": overview, "may_act": _may_act(request.portal)}
    if overview is not None:
        context.update(
            missing=[_finding(e) for e in overview.missing],
            not_applicable=overview.not_applicable,
            in_use=[u for u in overview.uses if u.status == "granted"],
            applications=overview.uses,
            without_situation=overview.situation is None,
        )
        if overview.situation is None:
            context["in_force"] = income_selectors.regulations_in_force(overview.on)
    return portal_render(request, "portal/regulations.html", context)


def _euro_field(label: str, help_text: str, *, max_digits: int, bounds: limits.Range) -> forms.DecimalField:
    """An amount in euro as residents write it: a comma as the decimal sign, a keyboard with numbers on a phone."""
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        max_digits=max_digits,
        decimal_places=2,
        min_value=bounds.low,
        max_value=bounds.high,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class RegulationApplyForm(Form):
    """Last year's figures, confirmed or corrected. Without figures on record the resident gives them."""

    still_right = forms.ChoiceField(
        label=_("Kloppen deze gegevens nog?"),
        choices=[(STILL_RIGHT, _("Ja, dit klopt nog")), (CHANGED, _("Nee, ik geef nieuwe bedragen door"))],
        widget=forms.RadioSelect,
    )
    monthly_income = _euro_field(
        _("Netto inkomen van uw huishouden per maand, in euro"),
        _("Alles wat uw huishouden samen per maand krijgt, ook een uitkering. Bijvoorbeeld 1250,00."),
        max_digits=9,
        bounds=limits.MONTHLY_AMOUNT,
    )
    assets = _euro_field(
        _("Vermogen van uw huishouden, in euro"),
        _("Uw spaargeld en wat u bezit, zoals een auto of huis, min uw schulden. Bijvoorbeeld 800,00."),
        max_digits=11,
        bounds=limits.AMOUNT,
    )

    def __init__(self, *args, situation=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.situation = situation
        if situation is None:
            del self.fields["still_right"]
        else:
            self.fields["still_right"].initial = STILL_RIGHT
            self.fields["monthly_income"].initial = situation.monthly_income
            self.fields["assets"].initial = situation.assets
            when = _("als u nieuwe bedragen doorgeeft")
            required_when(self.fields["monthly_income"], when)
            required_when(self.fields["assets"], when)

    def clean(self) -> dict:
        data = super().clean()
        if self.situation is not None and data.get("still_right") == CHANGED:
            require(self, "monthly_income")
            require(self, "assets")
        return data

    def corrections(self) -> dict[str, Decimal] | None:
        """The figures to confirm before applying, or None when last year's still hold."""
        if self.situation is not None and self.cleaned_data.get("still_right") != CHANGED:
            return None
        return {"monthly_income": self.cleaned_data["monthly_income"], "assets": self.cleaned_data["assets"]}


@portal_view
@require_http_methods(["GET", "POST"])
def regulation_apply(request: HttpRequest, code: str, **kwargs) -> HttpResponse:
    if not _may_act(request.portal):
        raise Http404
    overview = _household_regulations(request)
    regulation = income_selectors.regulation_in_force(code=code, on=request.portal.on) if overview else None
    if regulation is None:
        raise Http404
    entitlement = overview.entitlement_of(code)
    form = RegulationApplyForm(request.POST or None, situation=overview.situation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                income_services.regulation_application_by_resident(
                    actor=request.user,
                    household_id=request.portal.household_id,
                    regulation=regulation,
                    on=request.portal.on,
                    corrections=form.corrections(),
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                return redirect("portal:regulation_applied", code=regulation.code)
        status = 400
    context = {
        "regulation": regulation,
        "overview": overview,
        "situation": overview.situation,
        "finding": _finding(entitlement) if entitlement is not None else None,
        "form": form,
    }
    return portal_render(request, "portal/regulation_apply.html", context, status=status)


@portal_view
@require_GET
def regulation_applied(request: HttpRequest, code: str, **kwargs) -> HttpResponse:
    """The confirmation: the household's open application for this regulation, and what happens next."""
    overview = _household_regulations(request)
    use = next(
        (u for u in (overview.uses if overview else []) if u.regulation.code == code and u.status == "applied"), None
    )
    if use is None:
        raise Http404
    return portal_render(request, "portal/regulation_applied.html", {"use": use, "regulation": use.regulation})
