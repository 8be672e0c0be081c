from django.urls import path

from . import plan_views as views

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/", views.plan, name="plan"),
    path("plan/afspraken/<id:pk>/gedaan/", views.agreement_done, name="agreement_done"),
    path("plan/afspraken/<id:pk>/vraag/", views.agreement_question, name="agreement_question"),
    path("route/", views.route, name="route"),
]
