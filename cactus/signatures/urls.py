from django.urls import path

from cactus.signatures import views

app_name = "signatures"
urlpatterns = [
    path("signature/<str:token>/", views.sign, name="sign"),
    path("signature/<str:token>/document/<str:kind>/", views.document, name="document"),
    path(
        "signature/<str:token>/document/<str:kind>/page-<int:number>.png", views.page_image, name="page_image"
    ),
    path("dossiers/<int:pk>/signature/mode/", views.choose_mode, name="choose_mode"),
    path("dossiers/<int:pk>/signature/nouveau-lien/", views.resend_link, name="resend_link"),
    path("formations/<int:pk>/signature/", views.formation_default, name="formation_default"),
]
