from django.urls import path

from cactus.dossiers.views import company, follow_up, lists, staff, tabs

app_name = "dossiers"
urlpatterns = [
    path("", lists.dossier_list, name="list"),
    path("inscrire/", lists.register_alternant, name="register"),
    path("suivi/", staff.dossier_queue, name="back_office"),
    path("suivi/export.csv", staff.export_csv, name="back_office_csv"),
    path("suivi/<int:pk>/", staff.staff_dossier, name="staff_dossier"),
    path("suivi/<int:pk>/<slug:action>/", staff.act, name="staff_action"),
    path("<int:pk>/", lists.dossier_detail, name="detail"),
    path("<int:pk>/entreprise/", company.company, name="company"),
    path("<int:pk>/contact-alternance/", follow_up.change_employer_contact, name="employer_contact"),
    path("<int:pk>/demande-de-validation/", follow_up.request_validation, name="request_validation"),
    path("<int:pk>/retour-des-documents/", follow_up.return_documents, name="return_documents"),
    path("<int:pk>/envoi/", follow_up.mark_sent, name="mark_sent"),
    path("<int:pk>/depots/<int:document_id>/", follow_up.uploaded_document, name="uploaded_document"),
    path("<int:pk>/<slug:tab>/", tabs.edit_tab, name="tab"),
    path("<int:pk>/<slug:tab>/brouillon/", tabs.save_draft, name="tab_draft"),
]
