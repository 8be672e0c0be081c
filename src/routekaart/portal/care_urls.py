from django.urls import path

from . import care_views as views

urlpatterns = [
    path("mijn-zorg/", views.care, name="care"),
    path("mijn-zorg/<id:pk>/klacht/", views.care_complaint, name="care_complaint"),
]
