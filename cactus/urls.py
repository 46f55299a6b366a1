from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Cactus – administration (superutilisateurs)"

urlpatterns = [
    path("", include("cactus.core.urls")),
    path("compte/", include("cactus.accounts.urls")),
    path("compte/double-authentification/", include("cactus.twofactor.urls")),
    path("", include("cactus.documents.urls")),
    path("dossiers/", include("cactus.dossiers.urls")),
    path("contrats/", include("cactus.contracts.urls")),
    path("formations/", include("cactus.formations.urls")),
    path("tableau-de-bord/", include("cactus.workspace.urls")),
    path("referentiels/", include("cactus.referentials.urls")),
    path("opco/", include("cactus.opco.urls")),
    path("admin/", admin.site.urls),
]
