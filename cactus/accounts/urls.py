from django.contrib.auth import views as auth_views
from django.urls import path

from cactus.accounts import views

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("invitation/<str:token>/", views.accept_invitation, name="invitation"),
    path("rgpd/", views.rgpd, name="rgpd"),
    path("mot-de-passe-oublie/", views.ForgottenPasswordView.as_view(), name="password_reset"),
    path(
        "mot-de-passe-oublie/envoye/", views.ForgottenPasswordDoneView.as_view(), name="password_reset_done"
    ),
    path("mot-de-passe/<uidb64>/<token>/", views.ChoosePasswordView.as_view(), name="password_reset_confirm"),
]
