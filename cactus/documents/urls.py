from django.urls import path

from cactus.documents import views

app_name = "documents"
urlpatterns = [
    path("dossiers/<int:pk>/documents/<str:kind>/", views.generated, name="generated"),
    path("documents/modele-convention/", views.convention_template, name="convention_template"),
    path("documents/formulaires-officiels/", views.official_forms, name="official_forms"),
]
