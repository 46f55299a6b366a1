from django.urls import path

from cactus.formations import views

app_name = "formations"
urlpatterns = [
    path("", views.formation_list, name="list"),
    path("nouvelle/", views.formation_edit, name="create"),
    path("<int:pk>/", views.formation_edit, name="edit"),
]
