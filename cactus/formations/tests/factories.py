from datetime import date

import factory

from cactus.formations.models import Formation


class FormationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Formation
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Licence professionnelle Métiers du numérique {n}")
    diploma_code = "25032001"
    rncp = "RNCP30100"
    level = "6"
    start_date = date(2026, 9, 7)
    end_date = date(2027, 8, 31)
    duration_hours = 450
    site_name = "Campus Saint-Charles, Marseille"
    site_uai = "0134009M"
    site_siret = "13002609700013"

    @factory.post_generation
    def managers(self, create, extracted, **kwargs):
        if create and extracted:
            self.managers.add(*extracted)
