from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("zones", views.ZoneViewSet, basename="catalog-zone")
router.register("clusters", views.ClusterViewSet, basename="catalog-cluster")
router.register("building-blocks", views.BuildingBlockViewSet, basename="catalog-building-block")
router.register("steering", views.SteeringViewSet, basename="catalog-steering")
router.register("destinations", views.DestinationViewSet, basename="catalog-destination")
router.register("instruments", views.PolicyInstrumentViewSet, basename="catalog-instrument")
router.register("life-phases", views.LifePhaseViewSet, basename="catalog-life-phase")
router.register("presets", views.RegionPresetViewSet, basename="catalog-preset")

urlpatterns = router.urls
