"""Beheer markt's pages under /markt/: contracts, providers and the contracted offers. Thin: a form, one service or
a selector, a template. Coordinators and policy read the contracts; coordinators also see the offers they choose
from. No page shows a resident."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..core.views import service_form_submit
from . import forms, selectors
from .services import market as services

VIEW = "providers.view_contracts"
MANAGE = "providers.manage_market"


def _submit_or_page(
    request, form, action, *, success: str, then, title: str, intro: str = "", submit: str, back: str
) -> HttpResponse:
    """A valid form goes to its service and on to `then`; otherwise the form page (400 with its errors)."""
    response = service_form_submit(request, form, action, success=success, then=then)
    if response:
        return response
    context = {"form": form, "title": title, "intro": intro, "submit": submit, "back": back}
    return render(request, "providers/market/form.html", context, status=400 if form.errors else 200)


# --- contracts --------------------------------------------------------------------------------------------------


@permission_required(VIEW, raise_exception=True)
@require_GET
def contract_list(request: HttpRequest) -> HttpResponse:
    context = {
        "contracts": selectors.contract_list(),
        "may_manage": request.user.has_perm(MANAGE),
        "today": timezone.localdate(),
    }
    return render(request, "providers/market/contract_list.html", context)


@permission_required(VIEW, raise_exception=True)
@require_GET
def contract_detail(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = selectors.contract_get(contract_id=contract_id)
    context = {"contract": contract, "may_manage": request.user.has_perm(MANAGE), "today": timezone.localdate()}
    return render(request, "providers/market/contract_detail.html", context)


@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def contract_create(request: HttpRequest) -> HttpResponse:
    form = forms.ContractForm(request.POST or None)

    def create(data: dict):
        return services.contract_create(actor=request.user, **data)

    return _submit_or_page(
        request,
        form,
        create,
        success=_("Het contract is vastgelegd."),
        then=lambda contract: redirect("market:contract_detail", contract_id=contract.pk),
        title=_("Nieuw contract"),
        intro=_("Een contract van de regio met een aanbieder, voor de gemeenten en de looptijd die het noemt."),
        submit=_("Contract vastleggen"),
        back=reverse("market:contract_list"),
    )


@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def contract_product_add(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = selectors.contract_get(contract_id=contract_id)
    form = forms.ContractProductForm(request.POST or None, contract=contract)
    back = reverse("market:contract_detail", args=[contract.pk])

    def add(data: dict):
        return services.contract_product_add(actor=request.user, contract=contract, **data)

    return _submit_or_page(
        request,
        form,
        add,
        success=_("Het product is aan het contract toegevoegd."),
        then=back,
        title=_("Product toevoegen aan contract %(reference)s") % {"reference": contract.reference},
        submit=_("Product toevoegen"),
        back=back,
    )


@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def tariff_add(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = selectors.contract_get(contract_id=contract_id)
    form = forms.TariffForm(request.POST or None, contract=contract)
    back = reverse("market:contract_detail", args=[contract.pk])

    def add(data: dict):
        return services.tariff_add(actor=request.user, **data)

    return _submit_or_page(
        request,
        form,
        add,
        success=_("Het tarief is vastgelegd."),
        then=back,
        title=_("Tarief vastleggen in contract %(reference)s") % {"reference": contract.reference},
        intro=_("Een prijs per eenheid voor een periode binnen de looptijd; perioden van één product overlappen niet."),
        submit=_("Tarief vastleggen"),
        back=back,
    )


# --- providers --------------------------------------------------------------------------------------------------


@permission_required(VIEW, raise_exception=True)
@require_GET
def provider_list(request: HttpRequest) -> HttpResponse:
    context = {"providers": selectors.provider_organisations(), "may_manage": request.user.has_perm(MANAGE)}
    return render(request, "providers/market/provider_list.html", context)


@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def provider_register(request: HttpRequest) -> HttpResponse:
    form = forms.ProviderProfileForm(request.POST or None)
    back = reverse("market:provider_list")

    def register(data: dict):
        return services.provider_profile_register(actor=request.user, **data)

    return _submit_or_page(
        request,
        form,
        register,
        success=_("De aanbiedergegevens zijn vastgelegd."),
        then=back,
        title=_("Aanbiedergegevens vastleggen"),
        intro=_("De AGB-code en het KvK-nummer waarmee de aanbieder in de berichten en contracten staat."),
        submit=_("Vastleggen"),
        back=back,
    )


@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def location_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    profile = selectors.provider_profile_get(organisation_id=organisation_id)
    form = forms.LocationForm(request.POST or None)
    back = reverse("market:provider_list")

    def add(data: dict):
        return services.location_add(actor=request.user, profile=profile, **data)

    return _submit_or_page(
        request,
        form,
        add,
        success=_("De locatie is toegevoegd."),
        then=back,
        title=_("Locatie toevoegen voor %(name)s") % {"name": profile.organisation.name},
        submit=_("Locatie toevoegen"),
        back=back,
    )


# --- the contracted offers --------------------------------------------------------------------------------------


@permission_required("providers.view_offers", raise_exception=True)
@require_GET
def offers(request: HttpRequest) -> HttpResponse:
    """The contracted providers per provision, with the tariff and the waiting times: what a coordinator chooses
    from. No filter: every offer of the day."""
    form = forms.OfferFilterForm(request.GET or None)
    filters = form.filters()
    context = {"form": form, "offers": selectors.offer_list(**filters), "on": filters["on"]}
    return render(request, "providers/market/offer_list.html", context)
