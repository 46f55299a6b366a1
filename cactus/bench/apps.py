from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "cactus.bench"
    verbose_name = "Mesures de performance"
