"""Beheer markt's own pages under /markt/ (namespace `market`): contracts, providers and the contracted offers."""

from django.urls import path

from . import market_views as views

urlpatterns = [
    path("", views.contract_list, name="contract_list"),
    path("contracten/nieuw/", views.contract_create, name="contract_create"),
    path("contracten/<int:contract_id>/", views.contract_detail, name="contract_detail"),
    path("contracten/<int:contract_id>/product/", views.contract_product_add, name="contract_product_add"),
    path("contracten/<int:contract_id>/tarief/", views.tariff_add, name="tariff_add"),
    path("aanbieders/", views.provider_list, name="provider_list"),
    path("aanbieders/nieuw/", views.provider_register, name="provider_register"),
    path("aanbieders/<int:organisation_id>/locatie/", views.location_add, name="location_add"),
    path("aanbod/", views.offers, name="offers"),
]
