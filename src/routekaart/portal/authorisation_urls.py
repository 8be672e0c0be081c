from django.urls import path

from . import authorisation_views as views

urlpatterns = [
    path("machtigingen/", views.authorisations, name="authorisations"),
    path("machtigingen/<id:pk>/intrekken/", views.authorisation_withdraw, name="authorisation_withdraw"),
    path("bekijken-als/", views.person_switch, name="person_switch"),
]
