import pytest
from playwright.sync_api import Page, expect

from routekaart.organisations.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_accounts_ensure, demo_network_ensure

from .conftest import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(demo_login):
    demo_network_ensure()
    demo_accounts_ensure()


def log_in(page: Page, username: str, password: str, code: str = "") -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    if code:
        page.get_by_label("Code uit authenticator-app").fill(code)
    page.get_by_role("button", name="Inloggen").click()


def test_login_page_is_accessible(page: Page, demo):
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_each_demo_account_logs_in_and_sees_its_role_home(page: Page, demo, account):
    log_in(page, account.username, DEMO_PASSWORD)
    expect(page.locator(f'h1[data-home="{account.role}"]')).to_be_visible()
    expect(page.get_by_text("zonder tweede factor")).to_be_visible()
    assert_accessible(page)
    for link in page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link").all():
        href = link.get_attribute("href")
        if href.startswith(("/beheer/", "/api/")):
            continue  # Django's admin and Swagger UI are third-party screens, outside our axe scope
        page.goto(href)
        assert_accessible(page)
        page.go_back()


def test_wrong_password_shows_an_accessible_dutch_error(page: Page, demo):
    log_in(page, "regisseur", "fout-wachtwoord")
    expect(page.get_by_role("alert")).to_contain_text("De gebruikersnaam of het wachtwoord klopt niet.")
    assert_accessible(page)


def test_fifth_failure_shows_the_lockout_page(page: Page, demo):
    for _ in range(5):
        log_in(page, "beleid", "fout-wachtwoord")
    expect(page.get_by_role("heading", name="Account tijdelijk geblokkeerd")).to_be_visible()
    assert_accessible(page)


def test_english_can_be_chosen(page: Page, demo):
    page.goto("/accounts/login/")
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Kies").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
