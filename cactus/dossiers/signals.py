"""What the dossiers app tells the apps above it, which it never imports.

`status_changed` is sent once a dossier's move to another state is committed (every
DossierEvent that carries a `to_status`: the life-cycle's verbs, a reopening, a CFA rejection of
the documents). Receivers (the OPCO connector, the API's webhooks, the signatures…) run after the
commit, outside the transaction: a receiver that fails does not undo the move, so a receiver that
must not fail queues a task.

    from cactus.dossiers.signals import status_changed

    @receiver(status_changed)
    def on_status_changed(sender, *, dossier, event, **kwargs): ...
"""

from django.db import transaction
from django.dispatch import Signal

status_changed = Signal()  # sender: Dossier; kwargs: dossier, event (the DossierEvent)


def event_recorded(sender, instance, created, **kwargs) -> None:
    """post_save of DossierEvent (connected in DossiersConfig.ready)."""
    if not created or not instance.to_status:
        return
    event = instance

    def send() -> None:
        status_changed.send(sender=type(event.dossier), dossier=event.dossier, event=event)

    transaction.on_commit(send, robust=True)
