from django import forms

from ..core.forms import ModelForm
from .models import BreakGlassReview


class BreakGlassReviewForm(ModelForm):
    class Meta:
        model = BreakGlassReview
        fields = ["verdict", "note"]
        widgets = {"verdict": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}
