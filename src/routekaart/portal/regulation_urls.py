from django.urls import path

from . import regulation_views as views

urlpatterns = [
    path("regelingen/", views.regulations, name="regulations"),
    path("regelingen/<slug:code>/aanvragen/", views.regulation_apply, name="regulation_apply"),
    path("regelingen/<slug:code>/aangevraagd/", views.regulation_applied, name="regulation_applied"),
]
