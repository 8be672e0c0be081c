"""One answer to a refusal: the API answers any PermissionDenied 403 with its message and keeps 400 per field;
pages answer a refused access check with the one 403 page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.test import RequestFactory
from rest_framework import serializers
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from routekaart.core.views import access_denied_as_403

REFUSAL = "U bent niet betrokken bij dit huishouden."


class Refusing(APIView):
    authentication_classes = []
    permission_classes = []
    raised: Exception | None = None

    def get(self, request):
        raise self.raised


def api_answer(exc: Exception):
    return Refusing.as_view(raised=exc)(APIRequestFactory().get("/api/v1/proef/"))


def test_the_api_answers_a_django_permission_denied_403_with_its_own_message():
    response = api_answer(PermissionDenied(REFUSAL))
    assert response.status_code == 403
    assert response.data["detail"] == REFUSAL


def test_the_api_keeps_drf_field_errors_as_400():
    response = api_answer(serializers.ValidationError({"bsn": ["Dit BSN bestaat niet."]}))
    assert response.status_code == 400
    assert response.status_code == 400
    assert [(p["name"], p["reason"]) for p in response.data["invalidParams"]] == [("bsn", "Dit BSN bestaat niet.")]


def test_the_api_answers_a_service_validation_error_400_per_field():
    response = api_answer(DjangoValidationError({"valid_to": "De vertrekdatum moet na de datum van komst liggen."}))
    assert response.status_code == 400
    assert response.status_code == 400
    reasons = [(p["name"], p["reason"]) for p in response.data["invalidParams"]]
    assert reasons == [("valid_to", "De vertrekdatum moet na de datum van komst liggen.")]


@pytest.mark.django_db
def test_a_page_answers_a_refused_access_check_with_the_403_page():
    @access_denied_as_403
    def page(request, household_id):
        raise PermissionDenied(REFUSAL)

    request = RequestFactory().get("/huishoudens/12/")
    request.user = AnonymousUser()
    response = page(request, household_id=12)
    assert response.status_code == 403
    text = response.content.decode()
    assert REFUSAL in text
    assert "vastgelegd in het verwerkingenlogboek" in text


def test_core_imports_nothing_of_routekaart():
    from pathlib import Path

    core = Path(__file__).resolve().parents[1]
    for source in core.glob("*.py"):
        text = source.read_text()
        assert "from .." not in text and "import routekaart" not in text and "from routekaart" not in text, source
