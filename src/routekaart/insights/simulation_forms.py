"""The parameters of the policy simulation, once for the calculation (GET) and once more, with a name, to save a
scenario (POST). The bounds are the Scenario model's (`limits_model`), so the page and the save refuse the same."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..core import forms as core_forms
from ..income.selectors import regulation_list
from ..organisations.selectors import municipality_list
from .models import Scenario
from .simulation import Parameters

EARLIEST_AS_OF_YEAR = 2000


class SimulationForm(core_forms.Form):
    """Which regulations go, for whom (the income limit), what comes instead, in which municipality, on which day."""

    limits_model = Scenario
    limits_renamed = {
        "grens": "threshold_percent",
        "toeslag": "allowance",
        "per_kind": "child_supplement",
        "peildatum": "as_of",
        "naam": "name",
    }

    gemeente = forms.TypedChoiceField(label=_("Gemeente"), coerce=int)
    regelingen = forms.MultipleChoiceField(
        label=_("Te vervangen regelingen"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één regeling om te vervangen.")},
    )
    grens = forms.IntegerField(
        label=_("Inkomensgrens (% van het sociaal minimum)"),
        help_text=_("Van 50 tot en met 200. Een huishouden precies op de grens krijgt de toeslag."),
        min_value=50,
        max_value=200,
    )
    toeslag = forms.DecimalField(
        label=_("Jaarlijkse toeslag per huishouden (euro)"),
        help_text=_("Van 0,01 tot en met 10.000."),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("10000"),
        localize=True,
    )
    per_kind = forms.DecimalField(
        label=_("Extra per kind per jaar (euro)"),
        help_text=_("Van 0 tot en met 5.000; leeg is geen extra bedrag."),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("5000"),
        required=False,
        localize=True,
    )
    peildatum = forms.DateField(
        label=_("Peildatum"),
        help_text=_("De dag waarop huishoudens, inkomens en gebruik van regelingen worden geteld."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        municipalities = list(municipality_list().values_list("id", "name"))
        self.fields["gemeente"].choices = [("", _("Kies een gemeente")), *municipalities]
        # The municipality the user works for, else the only one there is, is the one to start from.
        own = {a.organisation_id for a in user.affiliations_held()} if user is not None else set()
        ids = [pk for pk, _name in municipalities]
        preferred = [pk for pk in ids if pk in own] or (ids if len(ids) == 1 else [])
        if preferred:
            self.fields["gemeente"].initial = preferred[0]
        self.fields["regelingen"].choices = list(regulation_list().values_list("code", "name"))
        self.fields["peildatum"].initial = timezone.localdate()
        self.fields["gemeente"].error_messages["required"] = _("Kies de gemeente waarvoor u rekent.")
        self.fields["gemeente"].error_messages["invalid_choice"] = _("Kies een gemeente uit de lijst.")
        self.fields["regelingen"].error_messages["invalid_choice"] = _("Kies regelingen uit de lijst.")

    def clean_peildatum(self):
        value = self.cleaned_data["peildatum"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Kies een peildatum van vandaag of eerder: de simulatie telt wat er is."))
        if value.year < EARLIEST_AS_OF_YEAR:
            raise forms.ValidationError(_("Kies een peildatum in %(year)s of later.") % {"year": EARLIEST_AS_OF_YEAR})
        return value

    def parameters(self) -> Parameters:
        """The chosen parameters; call after `is_valid()`."""
        data = self.cleaned_data
        return Parameters(
            municipality_id=data["gemeente"],
            regulations=tuple(sorted(data["regelingen"])),
            threshold_percent=data["grens"],
            allowance=data["toeslag"],
            child_supplement=data.get("per_kind") or Decimal("0"),
            as_of=data["peildatum"],
        )


class ScenarioForm(SimulationForm):
    """The parameters with a name, to save them and their results as a scenario."""

    naam = forms.CharField(
        label=_("Naam van het scenario"),
        help_text=_("Bijvoorbeeld: Eén toeslag tot 120 %."),
        max_length=120,
    )

    field_order = ["naam"]

    def __init__(self, *args, hide_parameters: bool = False, **kwargs) -> None:
        kwargs.setdefault("auto_id", "scenario_%s")  # beside the calculation's form on one page: ids of its own
        super().__init__(*args, **kwargs)
        if hide_parameters:  # under the results: the parameters just computed go along unseen, only the name is asked
            for name, field in self.fields.items():
                if name != "naam":
                    multiple = isinstance(field, forms.MultipleChoiceField)
                    field.widget = forms.MultipleHiddenInput() if multiple else forms.HiddenInput()
                    field.widget.is_localized = field.localize  # an amount goes along as 1300,00, as typed

    def clean_naam(self) -> str:
        name = " ".join(self.cleaned_data["naam"].split())
        if not name:
            raise forms.ValidationError(_("Geef het scenario een naam."))
        return name
