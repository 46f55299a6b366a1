from django.urls import path

from cactus.twofactor import views

app_name = "twofactor"
urlpatterns = [
    path("activer/", views.setup, name="setup"),
    path("code/", views.verify, name="verify"),
    path("equipe/", views.team, name="team"),
    path("equipe/<int:pk>/reinitialiser/", views.reset, name="reset"),
]
