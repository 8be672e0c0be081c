from django import forms

from .models import BreakGlassReview


class BreakGlassReviewForm(forms.ModelForm):
    class Meta:
        model = BreakGlassReview
        fields = ["verdict", "note"]
        widgets = {"verdict": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}
