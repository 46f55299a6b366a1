import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_database_cache_table(settings):
    # The throttling of "Mot de passe oublié" reads this cache: a fresh `migrate` must be enough.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cactus_cache_check",
        }
    }
    assert "cactus_cache_check" not in connection.introspection.table_names()
    try:
        call_command("migrate", verbosity=0)
        assert "cactus_cache_check" in connection.introspection.table_names()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS cactus_cache_check")
