"""A timeline names what happened in Dutch: no event code (`plan.activated`) reaches the caseworker's screen."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from routekaart.audit.models import Event

pytestmark = pytest.mark.django_db


class _Text(HTMLParser):
    """The text a reader sees: no tags, attributes, scripts or styles."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in {"script", "style"}

    def handle_endtag(self, tag):
        self._hidden -= tag in {"script", "style"}

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.fixture
def logged_in(client, demo_login, coordinator):
    coordinator.is_demo = True
    coordinator.save()
    client.force_login(coordinator)
    return client


@pytest.mark.parametrize("page", ["access:household", "residents:household_detail"])
def test_the_household_timeline_names_every_event_in_dutch(logged_in, planned_case, household, page):
    actions = set(Event.objects.filter(household_id=household.pk).values_list("action", flat=True))
    assert {"plan.activated", "case.opened"} <= actions  # events of more than one app's steps
    response = logged_in.get(reverse(page, args=[household.pk]))
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "Plan van aanpak actief" in text
    assert "Casus geopend" in text
    assert [action for action in actions if action in text] == []
