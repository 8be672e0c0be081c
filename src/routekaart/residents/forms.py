from django import forms
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form
from ..organisations.models import Organisation
from ..organisations.roles import Domain
from .models import BreakGlass, Consent
from .privacy_services import BREAK_GLASS_MIN_REASON


class BreakGlassForm(Form):
    limits_model = BreakGlass
    reason = forms.CharField(
        label=_("Waarom hebt u met spoed toegang nodig?"),
        help_text=_(
            "Schrijf de reden op. De privacy officer beoordeelt elke noodtoegang. Noem geen BSN of gezondheidsgegevens."
        ),
        min_length=BREAK_GLASS_MIN_REASON,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"min_length": _("Beschrijf de reden in ten minste %(limit_value)d tekens.")},
    )


class ConsentForm(Form):
    """A person's consent for their own data, as recorded by staff; the members are passed in."""

    limits_model = Consent

    resident = forms.TypedChoiceField(label=_("Voor de gegevens van"), coerce=int)
    given_by = forms.TypedChoiceField(
        label=_("Gegeven door"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Laat leeg als de persoon zelf toestemming geeft (vanaf 16 jaar). Onder 16 geeft een ouder die."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Aan organisatie"), queryset=Organisation.objects.order_by("name"), to_field_name="code"
    )
    domain = forms.ChoiceField(label=_("Domein"), choices=Domain.choices)
    scope = forms.CharField(label=_("Waarvoor"), max_length=300, help_text=_("Bijvoorbeeld: warme overdracht."))
    valid_to = forms.DateField(label=_("Geldig tot"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, members=(), givers=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [(r.pk, r.full_name) for r in members]
        self.fields["given_by"].choices = [("", _("De persoon zelf"))] + [(r.pk, r.full_name) for r in givers]
