"""The API bounds hold exactly at their limits: 18-digit path ids, body ids up to the bigint maximum, 1,000 a page."""

import re

import pytest
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from routekaart.core.api_bounds import MAX_ID, LimitOffsetPagination, ObjectIdConverter, object_id_field


@pytest.mark.parametrize(("digits", "matches"), [(17, True), (18, True), (19, False)])
def test_a_path_id_has_at_most_18_digits(digits, matches):
    assert bool(re.fullmatch(ObjectIdConverter.regex, "9" * digits)) is matches


@pytest.mark.parametrize(("value", "valid"), [(MAX_ID - 1, True), (MAX_ID, True), (MAX_ID + 1, False), (0, False)])
def test_a_body_id_fits_a_bigint(value, valid):
    field = object_id_field()
    if valid:
        assert field.run_validation(value) == value
    else:
        with pytest.raises(ValidationError):
            field.run_validation(value)


@pytest.mark.parametrize(("asked", "given"), [(999, 999), (1000, 1000), (1001, 1000)])
def test_a_page_holds_at_most_1000(asked, given):
    request = Request(APIRequestFactory().get("/", {"limit": asked}))
    assert LimitOffsetPagination().get_limit(request) == given
