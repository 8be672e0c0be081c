"""The payment run's forms: they only shape input; the services decide what is valid."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form
from .models import PaymentRun, PaymentRunKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PaymentRunPrepareForm(Form):
    limits_model = PaymentRun
    organisation = forms.TypedChoiceField(label=_("Dienst"), coerce=int)
    month = forms.DateField(
        label=_("Maand"), widget=DATE, help_text=_("Een dag in de maand die wordt betaald; de run geldt de hele maand.")
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=PaymentRunKind.choices, initial=PaymentRunKind.MONTHLY)
    execution_on = forms.DateField(
        label=_("Uitvoeringsdatum"), widget=DATE, help_text=_("De dag waarop de bank het geld overmaakt.")
    )

    def __init__(self, *args, organisations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]


class PaymentRunConfirmForm(Form):
    """Approve or cancel: nothing to fill in, the button is the decision (the service checks who and when)."""
