from django.urls import path

from cactus.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("mentions-legales/", views.legal, name="legal"),
    path("sante/", views.health, name="health"),
]
