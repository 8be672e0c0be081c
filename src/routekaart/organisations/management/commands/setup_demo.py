from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from ...demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_accounts_ensure, demo_network_ensure
from ...models import User
from ...roles import Role


class Command(BaseCommand):
    help = "Create the demo network, its generated data and one demo account per role (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args, url: str, **options) -> None:
        if not settings.ROUTEKAART_DEMO:
            raise CommandError("Demo data is only for the demo settings (routekaart.conf.dev).")
        demo_network_ensure()
        # The accounts first: the generators act as them (the regisseur takes her households through the steps).
        accounts = demo_accounts_ensure()
        for dotted in settings.ROUTEKAART_DEMO_GENERATORS:
            import_string(dotted)(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"\nRoutekaart demo: {url}"))
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
        for account in accounts:
            self.stdout.write(f"  {account.username:<20} {Role(account.role).label}")
        # The generators' own accounts (school-leaver routes, the employer's contact person), same password.
        extra = User.objects.filter(is_demo=True).exclude(username__in=[a.username for a in DEMO_ACCOUNTS])
        for user in extra.order_by("username"):
            roles = user.roles
            label = ", ".join(str(Role(r).label) for r in roles) if roles else "Werkgever (contactpersoon)"
            self.stdout.write(f"  {user.username:<20} {label}")
