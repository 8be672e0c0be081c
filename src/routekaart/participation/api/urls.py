from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(use_regex_path=False)
router.register("participation/instruments", views.InstrumentViewSet, basename="participation-instrument")
router.register("participation/residents", views.ParticipationResidentViewSet, basename="participation-resident")

urlpatterns = router.urls
