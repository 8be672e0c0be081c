from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ..core.forms import Form, InstructiveErrorsMixin
from .second_factor import device_for_code, has_confirmed_device, record_failed_code, second_factor_required


class LoginForm(InstructiveErrorsMixin, AuthenticationForm):
    """Username, password and the authenticator code on one form.

    An unknown user and a wrong password get the same message, so the form does not reveal which accounts exist.
    """

    error_messages = {
        "invalid_login": _(
            "De gebruikersnaam of het wachtwoord klopt niet. Let op: na vijf mislukte pogingen wordt het "
            "account een tijd geblokkeerd."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met functioneel beheer."),
        "code_required": _("Vul de zescijferige code uit uw authenticator-app in."),
        "code_invalid": _("De code uit de authenticator-app klopt niet of is verlopen. Probeer de nieuwe code."),
    }

    otp_token = forms.CharField(
        label=_("Code uit authenticator-app"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Zes cijfers. Nog geen app gekoppeld? Laat leeg; u stelt hem na het inloggen in."),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        self.otp_device = None
        if user is None or not second_factor_required(user) or not has_confirmed_device(user):
            return cleaned
        token = (cleaned.get("otp_token") or "").strip()
        device = device_for_code(user, token) if token else None
        if device is None:
            record_failed_code(request=self.request, username=user.get_username())
            code = "code_invalid" if token else "code_required"
            raise forms.ValidationError(self.error_messages[code], code=code)
        self.otp_device = device
        return cleaned


class ConfirmDeviceForm(Form):
    token = forms.CharField(
        label=_("Code uit authenticator-app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en probeer opnieuw.")
            )
        return token
