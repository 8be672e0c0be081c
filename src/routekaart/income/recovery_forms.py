"""Forms of the recovery pages: they shape input and take the model's limits; the services decide what is valid."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form
from .models import ArrangementKind, Claim, ClaimArrangement, ClaimKind, ClaimMovement, ClaimReason

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
AMOUNT = forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"})


class ClaimEstablishForm(Form):
    """The recovery decision's facts: whom, why, which period, how much; the explanation goes into the letter."""

    limits_model = Claim
    limits_renamed = {"debtor_id": "debtor"}
    debtor_id = forms.TypedChoiceField(label=_("Debiteur"), coerce=int)
    kind = forms.ChoiceField(label=_("Soort"), choices=ClaimKind.choices)
    reason = forms.ChoiceField(label=_("Reden"), choices=ClaimReason.choices)
    explanation = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat er te veel is betaald en waarom; deze tekst komt in het besluit aan de inwoner."),
    )
    period_from = forms.DateField(label=_("Periode vanaf"), widget=DATE)
    period_to = forms.DateField(label=_("Periode tot en met"), widget=DATE)
    principal = forms.DecimalField(label=_("Hoofdsom in euro"), max_digits=12, decimal_places=2, widget=AMOUNT)
    established_on = forms.DateField(label=_("Datum besluit"), widget=DATE)

    def __init__(self, *args, members=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["debtor_id"].choices = [(r.pk, r.full_name) for r in members]


class OverpaymentForm(Form):
    """Which months of late-reported earnings to recompute (GET: it only proposes)."""

    month_from = forms.DateField(label=_("Vanaf maand"), widget=MONTH, input_formats=["%Y-%m", "%Y-%m-%d"])
    month_to = forms.DateField(label=_("Tot en met maand"), widget=MONTH, input_formats=["%Y-%m", "%Y-%m-%d"])


class ArrangementForm(Form):
    limits_model = ClaimArrangement
    kind = forms.ChoiceField(label=_("Soort afspraak"), choices=ArrangementKind.choices)
    monthly_amount = forms.DecimalField(
        label=_("Bedrag per maand in euro"), max_digits=9, decimal_places=2, widget=AMOUNT
    )
    starts_on = forms.DateField(
        label=_("Vanaf"), widget=DATE, help_text=_("Verrekening gaat per maand: de eerste dag van de maand telt.")
    )
    agreed_on = forms.DateField(label=_("Afgesproken op"), widget=DATE)


class ArrangementEndForm(Form):
    ends_on = forms.DateField(label=_("Einddatum afspraak"), widget=DATE)


class PaymentForm(Form):
    limits_model = ClaimMovement
    amount = forms.DecimalField(label=_("Ontvangen bedrag in euro"), max_digits=12, decimal_places=2, widget=AMOUNT)
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DATE)
    note = forms.CharField(label=_("Toelichting (optioneel)"), required=False, max_length=200)


class CorrectionForm(Form):
    limits_model = ClaimMovement
    amount = forms.DecimalField(
        label=_("Correctie in euro"),
        max_digits=12,
        decimal_places=2,
        widget=AMOUNT,
        help_text=_("Positief verhoogt het saldo, negatief verlaagt het."),
    )
    corrected_on = forms.DateField(label=_("Datum correctie"), widget=DATE)
    note = forms.CharField(label=_("Reden van de correctie"), max_length=200)


class WriteOffForm(Form):
    limits_model = ClaimMovement
    limits_renamed = {"reason": "note"}
    reason = forms.CharField(
        label=_("Reden buiten invordering (Pw art. 58 lid 8)"),
        max_length=200,
        help_text=_("Bijvoorbeeld: schuldsanering, geen verhaalsmogelijkheden, overlijden."),
    )
    written_off_on = forms.DateField(label=_("Datum"), widget=DATE)
