from django.urls import path

from cactus.referentials import views

app_name = "referentials"
urlpatterns = [
    path("idcc/", views.idcc, name="idcc"),
]
