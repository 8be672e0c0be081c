from django.urls import path

from . import income_views as views

urlpatterns = [
    path("inkomen/", views.income, name="income"),
    path("inkomen/inkomsten-doorgeven/", views.income_report, name="income_report"),
    path("inkomen/wijziging-doorgeven/", views.change_report, name="change_report"),
]
