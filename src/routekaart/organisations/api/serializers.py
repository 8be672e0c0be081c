from rest_framework import serializers

from ...core.api import ModelLimitsMixin
from ..models import Organisation, OrganisationKind, Region, User
from ..models.network import SchoolKind, TeamKind


class OrganisationSerializer(serializers.ModelSerializer):
    serves = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "code",
            "name",
            "kind",
            "region",
            "municipality",
            "serves",
            "team_kind",
            "school_kind",
            "cbs_code",
        ]


class RegionSerializer(serializers.ModelSerializer):
    central_municipality = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Region
        fields = ["code", "name", "central_municipality"]


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "roles"]


class OrganisationCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Organisation
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)
    code = serializers.SlugField(max_length=60)
    name = serializers.CharField(max_length=200)
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all(), required=False)
    municipality = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY),
        required=False,
    )
    team_kind = serializers.ChoiceField(choices=TeamKind.choices, required=False, default="")
    school_kind = serializers.ChoiceField(choices=SchoolKind.choices, required=False, default="")
