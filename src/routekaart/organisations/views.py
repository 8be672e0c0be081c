import base64
from io import BytesIO

import django_otp
import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import ConfirmDeviceForm, LoginForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:
        response = super().form_valid(form)
        if form.otp_device is not None:
            django_otp.login(self.request, form.otp_device)
        return response


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Link an authenticator app: scan the QR code, then prove it with one code.

    Showing the page starts the device being linked; sending the code only confirms it (one action each).
    """
    device = selectors.totp_device_pending(user=request.user) if request.method == "POST" else None
    if device is not None:
        form = ConfirmDeviceForm(request.POST, device=device)
        if form.is_valid():
            services.totp_device_confirm(device=device)
            django_otp.login(request, device)
            messages.success(request, _("De authenticator-app is gekoppeld."))
            return redirect("home")
    else:
        device = services.totp_device_get_or_start(user=request.user)
        form = ConfirmDeviceForm(device=device)
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    context = {
        "form": form,
        "qr_data_uri": "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode(),
        "secret": base64.b32encode(device.bin_key).decode(),
    }
    return render(request, "registration/two_factor_setup.html", context, status=400 if form.errors else 200)
