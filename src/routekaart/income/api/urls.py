from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(use_regex_path=False)
router.register("income/households", views.IncomeHouseholdViewSet, basename="income-household")

urlpatterns = [
    *router.urls,
    path("", include("routekaart.income.api.payments_urls")),
    path("", include("routekaart.income.api.recovery_urls")),
]
