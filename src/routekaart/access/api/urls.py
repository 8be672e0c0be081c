from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(use_regex_path=False)
router.register("cases", views.CaseViewSet, basename="case")
router.register("signals", views.SignalViewSet, basename="signal")
router.register("intakes", views.IntakeViewSet, basename="intake")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("provisions", views.ProvisionViewSet, basename="provision")

urlpatterns = router.urls
