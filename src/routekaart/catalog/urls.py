from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("bouwtekening/", views.blueprint, name="blueprint"),
    path("sturingsmodel/", views.steering_model, name="steering_model"),
    path("clusters/<slug:code>/", views.cluster_detail, name="cluster_detail"),
]
