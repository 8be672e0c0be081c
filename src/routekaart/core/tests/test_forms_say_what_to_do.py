"""Every form says what to do, the NL Design System way: an error summary at the top (id `error-summary`, focusable,
each message with its field's label and a link to the field), and messages that name the field and give an
instruction instead of Django's bare defaults. Tested on stand-in forms: core knows no app."""

import re

import pytest
from django import forms
from django.template import engines
from django.utils import translation

from routekaart.core.forms import Form, error_summary, require, required_when

ENGINE = engines["django"]


class LeaverForm(Form):
    name = forms.CharField(label="Naam", max_length=5)
    born_on = forms.DateField(label="Geboortedatum")
    kind = forms.ChoiceField(label="Soort", choices=[("pro", "PRO"), ("vso", "VSO")], widget=forms.RadioSelect)
    hours = forms.IntegerField(label="Uren per week", required=False, min_value=0, max_value=40)
    amount = forms.DecimalField(label="Bedrag", required=False, max_digits=5, decimal_places=2)
    agreed = forms.BooleanField(label="Akkoord")
    question = forms.CharField(label="Wat is er aan de hand?")
    own = forms.CharField(label="Eigen", error_messages={"required": "Schrijf iets eigens."})


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def messages(form: forms.BaseForm) -> dict[str, list[str]]:
    return {name: [e["message"] for e in errors] for name, errors in form.errors.get_json_data().items()}


def render(template: str, **context) -> str:
    return ENGINE.from_string(template).render(context)


def test_each_message_names_the_field_and_says_what_to_do():
    form = LeaverForm({"name": "abcdefgh", "born_on": "31-02-2026", "kind": "mbo", "hours": "-3", "amount": "x"})

    assert messages(form) == {
        "name": ["Gebruik ten hoogste 5 tekens voor naam (nu 8)."],
        "born_on": ["Vul geboortedatum in als dag-maand-jaar, bijvoorbeeld 31-12-2026."],
        "kind": ["Kies soort uit de lijst."],
        "hours": ["Vul voor uren per week 0 of meer in."],
        "amount": ["Vul bedrag in als een getal, bijvoorbeeld 12,5."],
        "agreed": ["Vink akkoord aan."],
        "question": ['Vul "Wat is er aan de hand?" in.'],
        "own": ["Schrijf iets eigens."],
    }


def test_an_empty_choice_asks_to_choose_and_a_number_past_its_maximum_says_the_limit():
    form = LeaverForm({"hours": "41", "amount": "1234.5"})

    errors = messages(form)
    assert errors["kind"] == ["Kies soort."]
    assert errors["name"] == ["Vul naam in."]
    assert errors["hours"] == ["Vul voor uren per week 40 of minder in."]
    assert errors["amount"] == ["Gebruik voor bedrag ten hoogste 3 cijfers vóór de komma."]


def test_the_summary_links_each_message_to_its_field_and_is_focusable():
    form = LeaverForm({"name": "Anna", "born_on": "2026-01-01", "agreed": "on", "question": "x", "own": "y"})
    form.add_error(None, "Het dossier is gesloten.")

    html = render('{% include "components/FormErrors/FormErrors.html" %}', form=form)

    summary = re.search(r'<div [^>]*id="error-summary"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in summary
    assert "Er zijn 2 fouten gevonden" in html
    assert '<li class="utrecht-unordered-list__item">Het dossier is gesloten.</li>' in html
    # A group of radio buttons is linked by its first option, which the page renders.
    assert '<a class="utrecht-link" href="#id_kind_0">Soort: Kies soort.</a>' in html


def test_the_summary_is_absent_without_errors_and_counts_one_error_in_the_singular():
    assert "error-summary" not in render('{% include "components/FormErrors/FormErrors.html" %}', form=LeaverForm())
    form = LeaverForm({"name": "Anna", "born_on": "2026-01-01", "kind": "pro", "agreed": "on", "own": "y"})

    html = render('{% include "components/FormErrors/FormErrors.html" %}', form=form)

    assert "Er is 1 fout gevonden" in html
    assert 'href="#id_question"' in html


def test_every_link_of_the_summary_points_at_an_element_of_the_rendered_form():
    form = LeaverForm({})

    html = render(
        '{% include "components/FormErrors/FormErrors.html" %}'
        '{% for field in form %}{% include "components/FormField/FormField.html" %}{% endfor %}',
        form=form,
    )

    targets = re.findall(r'href="#([^"]+)"', html)
    assert len(targets) == len(form.errors)
    for target in targets:
        assert f'id="{target}"' in html


def test_the_summary_of_a_page_lists_its_formset_too():
    ItemFormSet = forms.formset_factory(LeaverForm, extra=0)
    formset = ItemFormSet(
        {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-name": "abcdefgh"}, prefix="form"
    )
    head = LeaverForm({"name": "Anna", "born_on": "2026-01-01", "kind": "pro", "agreed": "on", "question": "x"})

    lines = error_summary(head, formset)

    assert [(line.label, line.target) for line in lines][:2] == [("Eigen", "id_own"), ("Naam", "id_form-0-name")]


def test_each_error_message_is_linked_to_its_input_by_id():
    html = render(
        '{% for field in form %}{% include "components/FormField/FormField.html" %}{% endfor %}', form=LeaverForm({})
    )

    assert 'aria-describedby="id_name_error"' in html
    assert '<div class="utrecht-form-field-error-message" id="id_name_error">Vul naam in.</div>' in html


class GrantForm(Form):
    outcome = forms.ChoiceField(label="Besluit", choices=[("granted", "Toekennen"), ("refused", "Afwijzen")])
    volume = required_when(forms.DecimalField(label="Omvang"), "bij toekennen")

    def clean(self):
        data = super().clean()
        if data.get("outcome") == "granted":
            require(self, "volume")
        return data


def test_a_field_needed_in_one_case_says_so_in_its_label_and_is_refused_only_then():
    html = render('{% include "components/FormField/FormField.html" %}', field=GrantForm()["volume"])

    assert "(verplicht bij toekennen)" in html
    assert "niet verplicht" not in html
    assert GrantForm({"outcome": "refused"}).is_valid()
    assert messages(GrantForm({"outcome": "granted"})) == {"volume": ["Vul omvang in."]}
