"""The demo's DigiD users, as the local OIDC provider's --user-claims arguments (`make demo` starts it with them).

Read from the database at start, so no BSN is written in the Makefile or in the repository: the `inwoner` demo
account's resident at DigiD Midden (logs in), and the same person at DigiD Basis (shows the refusal). Prints
nothing when the demo has no such resident yet. Compact JSON without spaces: the Makefile splits on whitespace.
"""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from ....residents.generator.caseloads import PORTAL_ACCOUNT
from ...login import DIGID_BASIS, DIGID_MIDDEN

DEMO_USERS = (("inwoner-midden", DIGID_MIDDEN), ("inwoner-basis", DIGID_BASIS))


class Command(BaseCommand):
    help = "Print the local OIDC provider's --user-claims arguments for the demo's DigiD users."

    def handle(self, *args, **options) -> None:
        user = get_user_model().objects.filter(username=PORTAL_ACCOUNT).first()
        resident = getattr(user, "resident", None) if user is not None else None
        if resident is None:
            return
        for sub, level in DEMO_USERS:
            claims = {"sub": sub, "bsn": resident.bsn, "acr": level}
            self.stdout.write(f"--user-claims={json.dumps(claims, separators=(',', ':'))}")
