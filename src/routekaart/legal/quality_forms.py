"""The quality page's filter: a period (the calendar year so far unless chosen)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class QualityFilterForm(Form):
    starts_on = forms.DateField(label=_("Van"), required=False, **DATE)
    ends_on = forms.DateField(label=_("Tot en met"), required=False, **DATE)

    def clean(self) -> dict:
        data = super().clean()
        today = timezone.localdate()
        starts_on = data.get("starts_on") or date(today.year, 1, 1)
        ends_on = data.get("ends_on") or today
        if "starts_on" not in self.errors and "ends_on" not in self.errors and ends_on < starts_on:
            self.add_error("ends_on", _("De einddatum ligt vóór de begindatum. Vul een latere einddatum in."))
        data["starts_on"], data["ends_on"] = starts_on, ends_on
        return data
