from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("routes/templates", views.RouteTemplateViewSet, basename="route-template")
router.register("routes/maps", views.RouteMapViewSet, basename="route-map")
router.register("routes/trajectories", views.TrajectoryViewSet, basename="trajectory")

urlpatterns = router.urls
