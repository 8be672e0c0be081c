from django.urls import path

from . import authorisation_views as views

urlpatterns = [
    path("toestemmingen/", views.consents, name="consents"),
    path("toestemmingen/<id:pk>/intrekken/", views.consent_withdraw, name="consent_withdraw"),
    path("machtigingen/", views.authorisations, name="authorisations"),
    path("machtigingen/<id:pk>/intrekken/", views.authorisation_withdraw, name="authorisation_withdraw"),
    path("bekijken-als/", views.person_switch, name="person_switch"),
]
