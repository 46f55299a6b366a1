from django.urls import path

from cactus.dossiers import views

app_name = "dossiers"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("inscrire/", views.register_alternant, name="register"),
    path("<int:pk>/", views.dossier_detail, name="detail"),
    path("<int:pk>/contact-alternance/", views.change_employer_contact, name="employer_contact"),
    path("<int:pk>/<slug:tab>/", views.edit_tab, name="tab"),
]
