import factory
from django.conf import settings
from django.contrib.auth.models import Group

from cactus.accounts.models import CFA_ADMIN_GROUP, CFA_ADVISOR_GROUP, RgpdConsent, User

PASSWORD = "Un-mot-de-passe-solide-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A person who has chosen a password and accepted the current RGPD clauses.

    UserFactory(cfa_admin=True), UserFactory(cfa_advisor=True), UserFactory(consented=False).
    """

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def cfa_admin(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=CFA_ADMIN_GROUP)[0])

    @factory.post_generation
    def cfa_advisor(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=CFA_ADVISOR_GROUP)[0])

    @factory.post_generation
    def consented(self, create, extracted, **kwargs):
        if create and extracted is not False:
            RgpdConsent.objects.get_or_create(user=self, version=settings.RGPD_VERSION)
