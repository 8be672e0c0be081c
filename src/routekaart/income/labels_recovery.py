"""The Dutch labels and sentences of recovery's events (terugvordering and collection), their kind for the
timeline's filter, the recovery pages' permissions and the household page's claims block; registered at start-up
by `income.apps`."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import action_kinds_register, kinds_register, labels_register, sentences_register

EVENT_LABELS = {
    "claim.established": _("Vordering vastgesteld (terugvordering of boete)"),
    "claim.payment_recorded": _("Betaling op een vordering ontvangen"),
    "claim.corrected": _("Saldo van een vordering gecorrigeerd"),
    "claim.written_off": _("Vordering buiten invordering gesteld"),
    "claim.settlements_booked": _("Verrekeningen met de uitkering geboekt"),
    "claim_arrangement.agreed": _("Aflossingsafspraak gemaakt"),
    "claim_arrangement.ended": _("Aflossingsafspraak beëindigd"),
}


def register() -> None:
    """Register the labels, sentences and kinds of the recovery events, and the recovery pages' permissions."""
    from ..residents.household_blocks import block_register
    from . import recovery_permissions  # noqa: F401  (declares its permissions on import)
    from .household_block import CLAIMS_ORDER, claims_block

    block_register("claims", claims_block, CLAIMS_ORDER)

    labels_register(EVENT_LABELS)
    sentences_register(EVENT_LABELS)
    kinds_register({"claim": (81, _("Vorderingen"))})
    action_kinds_register("claim", EVENT_LABELS)
