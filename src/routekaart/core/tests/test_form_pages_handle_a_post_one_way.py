"""Every form page handles its POST one way (`core.views.service_form_submit`): a GET or a form that does not
validate never reaches the service; the service's refusal stands on the form and nothing is redirected; a success
is a message and a redirect."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.test import RequestFactory

from routekaart.core.views import service_form_submit

REFUSAL = "Deze naam is al in gebruik."
GENERAL_REFUSAL = "Dit kan niet meer: het dossier is gesloten."


class NameForm(forms.Form):
    name = forms.CharField()


class Service:
    """A stand-in for one service: it records its calls and refuses or answers as told."""

    def __init__(self, refusal: ValidationError | None = None) -> None:
        self.refusal = refusal
        self.calls: list[dict] = []

    def __call__(self, data: dict) -> str:
        self.calls.append(dict(data))  # the form removes a refused field from its cleaned data afterwards
        if self.refusal is not None:
            raise self.refusal
        return data["name"]


def request_for(method: str, data: dict | None = None):
    request = getattr(RequestFactory(), method)("/proef/", data or {})
    request._messages = CookieStorage(request)
    return request


def submit(request, service: Service):
    form = NameForm(request.POST or None)
    response = service_form_submit(
        request, form, service, success=lambda name: f"{name} is vastgelegd.", then=lambda name: f"/klaar/{name}/"
    )
    return form, response


def test_a_get_shows_the_form_and_calls_no_service():
    service = Service()
    form, response = submit(request_for("get"), service)
    assert response is None
    assert service.calls == []
    assert not form.errors


def test_a_form_that_does_not_validate_calls_no_service():
    service = Service()
    request = request_for("post", {"name": ""})
    form, response = submit(request, service)
    assert response is None
    assert service.calls == []
    assert "name" in form.errors
    assert list(get_messages(request)) == []


def test_a_refusal_stands_beside_its_field_and_redirects_nowhere():
    service = Service(refusal=ValidationError({"name": REFUSAL, "elsewhere": GENERAL_REFUSAL}))
    request = request_for("post", {"name": "Noord"})
    form, response = submit(request, service)
    assert response is None
    assert service.calls == [{"name": "Noord"}]
    assert form.errors["name"] == [REFUSAL]
    assert form.non_field_errors() == [GENERAL_REFUSAL]  # a name the form does not have: at the top
    assert list(get_messages(request)) == []


def test_a_refusal_without_fields_stands_at_the_top_of_the_form():
    service = Service(refusal=ValidationError(GENERAL_REFUSAL))
    form, response = submit(request_for("post", {"name": "Noord"}), service)
    assert response is None
    assert form.non_field_errors() == [GENERAL_REFUSAL]


def test_a_success_is_a_message_and_a_redirect_to_what_the_service_made():
    service = Service()
    request = request_for("post", {"name": "Noord"})
    _form, response = submit(request, service)
    assert isinstance(response, HttpResponseRedirect)
    assert response.url == "/klaar/Noord/"
    assert [str(m) for m in get_messages(request)] == ["Noord is vastgelegd."]


def test_then_may_be_a_fixed_address_or_a_response():
    request = request_for("post", {"name": "Noord"})
    response = service_form_submit(request, NameForm(request.POST), Service(), success="Vastgelegd.", then="/terug/")
    assert response.url == "/terug/"
    ready = HttpResponseRedirect("/elders/")
    request = request_for("post", {"name": "Zuid"})
    assert service_form_submit(request, NameForm(request.POST), Service(), success="Vastgelegd.", then=ready) is ready
