from django.urls import path

from cactus.dossiers.views import follow_up, lists, tabs

app_name = "dossiers"
urlpatterns = [
    path("", lists.dossier_list, name="list"),
    path("inscrire/", lists.register_alternant, name="register"),
    path("<int:pk>/", lists.dossier_detail, name="detail"),
    path("<int:pk>/contact-alternance/", follow_up.change_employer_contact, name="employer_contact"),
    path("<int:pk>/<slug:tab>/", tabs.edit_tab, name="tab"),
]
