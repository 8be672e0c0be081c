import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from routekaart.organisations.roles import Role
from routekaart.organisations.tests.factories import UserFactory
from routekaart.testing import PASSWORD, current_code

from .conftest import assert_accessible
from .test_every_role_logs_in_to_its_home import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_a_new_colleague_links_an_authenticator_and_then_logs_in_with_a_code(page: Page, production_login):
    user = UserFactory(role=Role.COORDINATOR)
    log_in(page, user.username, PASSWORD)
    expect(page.get_by_role("heading", name="Authenticator-app koppelen")).to_be_visible()
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.get_by_label("Code uit authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Koppelen").click()
    expect(page.locator('h1[data-home="coordinator"]')).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, user.username, PASSWORD, "000000" if current_code(device) != "000000" else "111111")
    expect(page.get_by_role("alert")).to_contain_text("De code uit de authenticator-app klopt niet")
    assert_accessible(page)
