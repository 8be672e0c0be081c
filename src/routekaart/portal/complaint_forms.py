"""The portal's forms for a conduct complaint and the satisfaction survey (B1 Dutch)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core import limits
from ..core.forms import Form
from ..legal.survey_config import SCORES, survey_config

SCORE_LABELS = {
    1: _("1: slecht"),
    2: _("2: niet goed"),
    3: _("3: gaat wel"),
    4: _("4: goed"),
    5: _("5: heel goed"),
}


class ConductComplaintForm(Form):
    """`subject`, `conduct_on` and `contact` are the service's names, so a refusal lands beside its field."""

    subject = forms.CharField(
        label=_("Wat is er gebeurd?"),
        help_text=_("Schrijf in uw eigen woorden wat er gebeurde, met wie of bij welk team, en wanneer."),
        max_length=limits.SUMMARY,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Schrijf wat er gebeurd is.")},
    )
    conduct_on = forms.DateField(
        label=_("Wanneer was het?"),
        required=False,
        help_text=_("De dag waarop het gebeurde, als u die weet."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    contact = forms.CharField(
        label=_("Hoe kunnen wij u bereiken?"),
        help_text=_("Uw telefoonnummer of e-mailadres. Dan kunnen wij u bellen of mailen over uw klacht."),
        max_length=200,
        error_messages={"required": _("Vul uw telefoonnummer of e-mailadres in.")},
    )


class SurveyForm(Form):
    """One choice of 1 to 5 per question of the questionnaire, and an optional comment."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        config = survey_config()
        for question in config.questions:
            self.fields[question.code] = forms.TypedChoiceField(
                label=question.text,
                choices=[(n, SCORE_LABELS[n]) for n in SCORES],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies een cijfer van 1 tot en met 5.")},
            )
        self.fields["comment"] = forms.CharField(
            label=config.comment,
            required=False,
            max_length=limits.NOTE,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            "scores": {code: data[code] for code in survey_config().codes},
            "comment": data.get("comment", ""),
        }
