from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(use_regex_path=False)
router.register("aanbieder/toewijzingen", views.AssignmentViewSet, basename="desk-assignment")

urlpatterns = [
    *router.urls,
    path("aanbieder/berichten/", views.MessageView.as_view(), name="desk-message"),
]
