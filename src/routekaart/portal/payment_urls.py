"""Mijn betalingen: what the benefit paid the person."""

from django.urls import path

from . import payment_views as views

urlpatterns = [path("betalingen/", views.payments_list, name="payments")]
