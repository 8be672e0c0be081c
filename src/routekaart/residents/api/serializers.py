from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ...core.api import ModelLimitsMixin
from ...core.api_bounds import object_id_field
from ...organisations.models import Organisation
from ..models import (
    Address,
    Consent,
    EducationLevel,
    Gender,
    Household,
    Involvement,
    InvolvementKind,
    Membership,
    MembershipRole,
    Relation,
    Resident,
)


class AddressSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district.name", default=None, read_only=True)

    class Meta:
        model = Address
        fields = ["street", "house_number", "house_number_addition", "postcode", "city", "district"]


class ResidentSerializer(serializers.ModelSerializer):
    address = AddressSerializer(read_only=True)

    class Meta:
        model = Resident
        fields = [
            "id",
            "bsn",
            "given_names",
            "name_prefix",
            "family_name",
            "birth_date",
            "date_of_death",
            "gender",
            "country_of_birth",
            "education_level",
            "email",
            "phone",
            "address",
        ]


class ResidentCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    """Field-level checks only; the BSN 11-check and the rest are the service's, answered as 400 per field."""

    limits_model = Resident

    bsn = serializers.CharField(max_length=20)
    given_names = serializers.CharField(max_length=200)
    name_prefix = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    family_name = serializers.CharField(max_length=200)
    birth_date = serializers.DateField()
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, default=Gender.UNKNOWN)
    country_of_birth = serializers.CharField(max_length=2, required=False, default="NL")
    education_level = serializers.ChoiceField(
        choices=EducationLevel.choices, required=False, default=EducationLevel.UNKNOWN
    )
    email = serializers.EmailField(required=False, default="", allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)


class MemberSerializer(serializers.ModelSerializer):
    resident = serializers.IntegerField(source="resident_id", read_only=True)
    given_names = serializers.CharField(source="resident.given_names", read_only=True)
    name_prefix = serializers.CharField(source="resident.name_prefix", read_only=True)
    family_name = serializers.CharField(source="resident.family_name", read_only=True)
    birth_date = serializers.DateField(source="resident.birth_date", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "resident",
            "given_names",
            "name_prefix",
            "family_name",
            "birth_date",
            "role",
            "valid_from",
            "valid_to",
        ]


class RelationSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text="partner | parent")

    class Meta:
        model = Relation
        fields = ["resident", "related", "kind", "valid_from", "valid_to"]


class InvolvementSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    user = serializers.CharField(source="user.username", default=None, read_only=True)
    kind = serializers.CharField(read_only=True, help_text=" | ".join(InvolvementKind.values))

    class Meta:
        model = Involvement
        fields = ["id", "organisation", "user", "kind", "domain", "reason", "valid_from", "valid_to"]


class ConsentSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Consent
        fields = ["id", "resident", "organisation", "domain", "scope", "valid_from", "valid_to", "withdrawn_at"]


class HouseholdListSerializer(serializers.ModelSerializer):
    members = MemberSerializer(source="members_now", many=True, read_only=True)

    class Meta:
        model = Household
        fields = ["id", "members"]


class HouseholdFileSerializer(serializers.Serializer):
    """The household as the caller may see it; domains the caller lacks are simply absent."""

    id = serializers.IntegerField(source="household.pk")
    domains = serializers.SerializerMethodField()
    basis = serializers.CharField(source="access.basis")
    members = serializers.SerializerMethodField()
    history = MemberSerializer(many=True)
    relations = RelationSerializer(many=True)
    involvements = InvolvementSerializer(many=True)
    consents = ConsentSerializer(many=True)

    def get_domains(self, file) -> list[str]:
        return sorted(file.access.domains)

    def get_members(self, file) -> list[dict]:
        rows = []
        for row in file.members:
            data = MemberSerializer(row.membership).data
            data["age"] = row.age
            data["life_phases"] = list(row.life_phases)
            rows.append(data)
        return rows


class MemberCreateSerializer(serializers.Serializer):
    resident = object_id_field()
    role = serializers.ChoiceField(choices=MembershipRole.choices, required=False, default=MembershipRole.OTHER)


class HouseholdCreateSerializer(serializers.Serializer):
    members = MemberCreateSerializer(many=True, allow_empty=False)
    valid_from = serializers.DateField()
    organisation = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.all(),
        help_text=_("De organisatie namens welke u regisseur wordt."),
    )
    reason = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class MembershipStartSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Membership
    resident = object_id_field()
    role = serializers.ChoiceField(choices=MembershipRole.choices, required=False, default=MembershipRole.OTHER)
    valid_from = serializers.DateField()


class MembershipEndSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Membership
    valid_to = serializers.DateField()


class CompositionQuerySerializer(serializers.Serializer):
    on = serializers.DateField()
