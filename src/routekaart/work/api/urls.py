from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(use_regex_path=False)
router.register("work/employers", views.EmployerViewSet, basename="work-employer")
router.register("work/vacancies", views.VacancyViewSet, basename="work-vacancy")
router.register("work/arrangements", views.ArrangementViewSet, basename="work-arrangement")
router.register("work/profiles", views.WorkProfileViewSet, basename="work-profile")
router.register("work/placements", views.PlacementViewSet, basename="work-placement")
router.register("work/vacancy-service", views.VacancyServiceViewSet, basename="work-vacancy-service")

urlpatterns = router.urls
