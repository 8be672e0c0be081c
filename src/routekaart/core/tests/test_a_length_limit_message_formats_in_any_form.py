"""A text over its limit gets the field's Dutch instruction, whichever length validator caught it.

Found by the form crawl: a form field that carried the model's TextLengthValidator (code max_length) was given the
instructive max_length message, which names %(limit_value)s and %(show_value)s; the validator's params had only
its own names, so rendering the error raised KeyError('limit_value') instead of showing the message.
"""

from django import forms

from ..forms import Form
from ..limits import MaximumValidator, MinimumValidator, TextLengthValidator


class _NoteForm(Form):
    note = forms.CharField(label="Toelichting", validators=[TextLengthValidator(5)])


class _HoursForm(Form):
    hours = forms.IntegerField(label="Uren", validators=[MinimumValidator(1), MaximumValidator(1000)])


def test_a_text_over_the_models_limit_shows_the_fields_instruction_with_the_limit_and_the_length():
    form = _NoteForm(data={"note": "zes t."})

    assert not form.is_valid()
    assert form.errors["note"] == ["Gebruik ten hoogste 5 tekens voor toelichting (nu 6)."]


def test_the_validator_on_its_own_says_the_limit_and_the_length():
    validator = TextLengthValidator(5)
    try:
        validator("zes t.")
    except forms.ValidationError as error:
        assert error.messages == ["Gebruik ten hoogste 5 tekens; nu 6."]
    else:
        raise AssertionError("the validator let a text over its limit through")


def test_a_number_outside_the_models_range_shows_the_fields_instruction_with_the_limit():
    assert _HoursForm(data={"hours": "0"}).errors["hours"] == ["Vul voor uren 1 of meer in."]
    assert _HoursForm(data={"hours": "1001"}).errors["hours"] == ["Vul voor uren 1.000 of minder in."]
    assert _HoursForm(data={"hours": "1000"}).is_valid()
