"""The payment run's API routes: /api/v1/income/payment-runs/."""

from rest_framework.routers import SimpleRouter

from .payments import PaymentRunViewSet

router = SimpleRouter(use_regex_path=False)
router.register("income/payment-runs", PaymentRunViewSet, basename="income-payment-run")

urlpatterns = router.urls
