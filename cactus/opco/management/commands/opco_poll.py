"""Follow the open deposits: send those due for a retry, read the jobs, then each contract's state;
then send the declarations (rupture, cancellation) due for a retry.

Run it from cron (e.g. every 15 minutes); running it twice at once, or while the worker sends, is
harmless (a send holds its deposit or declaration for `backoff.send_lease()`, and each OPCO state is
recorded once).
"""

from django.core.management.base import BaseCommand
from django.db.models import Q

from cactus.opco import declarations, services
from cactus.opco.models import CLOSED_STATES, Deposit


class Command(BaseCommand):
    help = "Interroge les OPCO sur les dépôts en cours (envois à relancer, contrôles, décisions)."

    def handle(self, *args, **options):
        open_deposits = Deposit.objects.filter(is_current=True).filter(
            Q(status__in=[Deposit.Status.PENDING, Deposit.Status.SUBMITTED])
            | Q(status=Deposit.Status.ACCEPTED) & ~Q(opco_state__in=CLOSED_STATES)
        )
        counts: dict[str, int] = {}
        for deposit in open_deposits.select_related("dossier").order_by("pk"):
            status = services.poll_deposit(deposit).status
            counts[status] = counts.get(status, 0) + 1
        summary = ", ".join(f"{Deposit.Status(key).label} : {value}" for key, value in sorted(counts.items()))
        self.stdout.write(f"{sum(counts.values())} dépôt(s) suivi(s). {summary}".strip())
        sent = [
            declarations.submit_declaration(pk)
            for pk in declarations.due_declarations().values_list("pk", flat=True)
        ]
        if sent:
            self.stdout.write(f"{len(sent)} déclaration(s) de rupture ou d'annulation envoyée(s).")
