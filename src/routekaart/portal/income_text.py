"""The benefit of one month in plain words (B1): the calculation's own figures, one short sentence each.

The coordinator reads the calculation as lines with article numbers; a resident reads what they mean for them:
"Uw norm als alleenstaande ouder is € 1.407,65. Uw inkomsten uit werk waren € 600,00. Daarvan mag u € 150,00
houden (vrijlating). U krijgt € 957,65." Every amount comes from the calculation, never computed again here, except
the sum of what is taken off (shown so the sentences add up).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..income.calculation import ZERO, BenefitCalculation, euro


def _norm_sentence(calculation: BenefitCalculation) -> str:
    base = calculation.norms.base_norm(calculation.kind)
    if calculation.kind == "couple":
        return _("Uw norm als gehuwden of samenwonenden is samen %(norm)s.") % {"norm": euro(base)}
    if calculation.kind == "single_parent":
        return _("Uw norm als alleenstaande ouder is %(norm)s.") % {"norm": euro(base)}
    return _("Uw norm als alleenstaande is %(norm)s.") % {"norm": euro(base)}


def calculation_in_words(calculation: BenefitCalculation) -> list[str]:
    """The month's benefit as short sentences, from the norm to what the resident receives."""
    sentences = [_norm_sentence(calculation)]
    if calculation.norm != calculation.norms.base_norm(calculation.kind):
        sentences.append(
            _(
                "Er wonen meer volwassenen in uw huis. Zij delen de kosten. Daarom is uw norm lager: %(norm)s. "
                "Dit heet de kostendelersnorm."
            )
            % {"norm": euro(calculation.norm)}
        )
    if calculation.earnings > ZERO:
        sentences.append(_("Uw inkomsten uit werk waren %(amount)s.") % {"amount": euro(calculation.earnings)})
        if calculation.disregard > ZERO:
            sentences.append(
                _("Daarvan mag u %(amount)s houden (vrijlating).") % {"amount": euro(calculation.disregard)}
            )
        else:
            sentences.append(_("Daarvan mag u deze maand niets extra houden."))
    if calculation.other_income > ZERO:
        sentences.append(_("U had ook %(amount)s andere inkomsten.") % {"amount": euro(calculation.other_income)})
    counted = max(ZERO, calculation.earnings - calculation.disregard) + calculation.other_income
    if counted > ZERO:
        sentences.append(_("Wij halen %(amount)s van uw norm af.") % {"amount": euro(counted)})
    if calculation.benefit > ZERO:
        sentences.append(_("U krijgt %(amount)s.") % {"amount": euro(calculation.benefit)})
    else:
        sentences.append(_("Uw inkomsten zijn hoger dan uw norm. Daarom krijgt u deze maand geen uitkering."))
    return sentences
