from datetime import date

import factory

from cactus.accounts.tests.factories import UserFactory
from cactus.dossiers.models import ContractScheme, Dossier, EntryMode
from cactus.formations.tests.factories import FormationFactory


class DossierFactory(factory.django.DjangoModelFactory):
    """A new dossier, as "Inscrire un alternant" leaves it: only the alternant's e-mail is known."""

    class Meta:
        model = Dossier

    formation = factory.SubFactory(FormationFactory)
    alternant = factory.SubFactory(UserFactory)
    employer_contact = factory.SubFactory(UserFactory)

    class Params:
        with_base_data = factory.Trait(
            entry_mode=EntryMode.FULL,
            scheme=ContractScheme.APPRENTICESHIP,
            alternant_last_name="Dupont",
            alternant_first_name="Marie",
            alternant_birth_date=date(2006, 5, 12),
            siret="73282932000074",
            contract_start=date(2026, 9, 1),
            contract_end=date(2028, 8, 31),
        )
