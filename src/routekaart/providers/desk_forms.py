"""The provider desk's forms: start of care, stop of care with the standard's reason, a progress report per goal."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form
from . import standard
from .models import Assignment, ProgressRating, ProgressReport
from .services.progress import GOAL_TEXT_LENGTH

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def stop_reasons() -> dict[str, str]:
    """The standard's reasons to end care, code -> Dutch description."""
    return dict(standard.STOP_REASONS)


def stop_reason_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} {name}") for code, name in stop_reasons().items()]


class StartForm(Form):
    limits_model = Assignment
    started_on = forms.DateField(label=_("Datum waarop de zorg is gestart"), **DATE)


class StopForm(Form):
    limits_model = Assignment
    stopped_on = forms.DateField(label=_("Datum waarop de zorg is gestopt"), **DATE)
    reason = forms.ChoiceField(label=_("Reden van beëindiging"), choices=())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Kies een reden")), *stop_reason_choices()]


class ProgressForm(Form):
    """A rating and a short text for each goal given with the assignment, and a summary."""

    limits_model = ProgressReport
    reported_on = forms.DateField(label=_("Datum van het verslag"), **DATE)
    summary = forms.CharField(label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, goals: Sequence[dict] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for index, goal in enumerate(self.goals):
            self.fields[f"rating_{index}"] = forms.ChoiceField(
                label=_("Voortgang van doel: %(goal)s") % {"goal": goal.get("text", "")},
                choices=ProgressRating.choices,
                widget=forms.RadioSelect,
            )
            self.fields[f"text_{index}"] = forms.CharField(
                label=_("Toelichting bij dit doel"),
                required=False,
                max_length=GOAL_TEXT_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.apply_model_limits(self.fields)

    def goal_ratings(self) -> list[dict]:
        """The per-goal fields as the service takes them."""
        return [
            {
                "goal": goal.get("id"),
                "rating": self.cleaned_data.get(f"rating_{index}", ""),
                "text": self.cleaned_data.get(f"text_{index}", ""),
            }
            for index, goal in enumerate(self.goals)
        ]
