from datetime import date

import factory

from cactus.accounts.tests.factories import UserFactory
from cactus.dossiers import services, tabs
from cactus.dossiers.models import ContractScheme, Dossier, Employer, EntryMode
from cactus.dossiers.tests import tab_data
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


class EmployerFactory(factory.django.DjangoModelFactory):
    """The "L'employeur" tab's row of a private company (type 12); pass employer_type or is_monegasque."""

    class Meta:
        model = Employer

    dossier = factory.SubFactory(DossierFactory, with_base_data=True)
    name = "Société Méditerranéenne d'Études"
    address_number = "12"
    address_street = "rue de la République"
    postal_code = "13002"
    city = "Marseille"
    phone = "04 91 00 00 00"
    email = "rh@sme.test"
    employer_type = "12"
    naf = "7112B"
    headcount = 42
    idcc = "1486"
    mentor_eligibility_attested = True
    signatory_last_name = "Lefèvre"
    signatory_first_name = "Jérôme"
    signatory_position = "Directeur des ressources humaines"
    signatory_email = "jerome.lefevre@sme.test"


def fill_every_tab(dossier: Dossier, *, base: dict | None = None, employer: dict | None = None) -> Dossier:
    """Enter every tab shown for `dossier` through the pages' own forms (tab_data's values): saisie complète.

    The contact alternance enters the employer's tabs and the alternant theirs, as on the site.
    """
    contact, alternant = dossier.employer_contact, dossier.alternant
    dossier = services.submit_page(
        dossier=dossier, key="base", values=base or tab_data.base_values(), by=contact
    )
    pages = {
        "employer": lambda: employer or tab_data.employer_values(),
        "alternant": tab_data.alternant_values,
        "student_life": tab_data.student_life_values,
        "contract": lambda: tab_data.contract_values(dossier),
        "mission": tab_data.mission_values,
    }
    for tab in tabs.data_tabs(dossier)[1:]:
        dossier = Dossier.objects.get(pk=dossier.pk)
        by = alternant if tab.key in ("alternant", "student_life") else contact
        services.submit_page(dossier=dossier, key=tab.key, values=pages[tab.key](), by=by)
    return Dossier.objects.get(pk=dossier.pk)


def complete_dossier(**fields) -> Dossier:
    """A dossier at "Saisie complète", every tab entered through its forms (apprenticeship, a minor)."""
    return fill_every_tab(DossierFactory(**fields))
