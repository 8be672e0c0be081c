from django.urls import path

from . import login_views as views

urlpatterns = [
    path("inloggen/", views.login, name="login"),
    path("uitloggen/", views.logout, name="logout"),
    path("niet-bekend/", views.unknown, name="unknown"),
    path("geweigerd/", views.refused, name="refused"),
]
