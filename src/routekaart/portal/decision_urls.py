from django.urls import path

from . import decision_views as views

urlpatterns = [
    path("besluiten/", views.decisions, name="decisions"),
    path("besluiten/<id:pk>/brief/", views.decision_letter, name="decision_letter"),
    path("besluiten/<id:pk>/bezwaar/", views.objection, name="objection"),
    path("besluiten/<id:pk>/bezwaar/ontvangen/", views.objection_received, name="objection_received"),
]
