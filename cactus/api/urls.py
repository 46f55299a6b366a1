from django.urls import path

from cactus.api import views

app_name = "api"
urlpatterns = [
    path("", views.access_list, name="list"),
    path("jetons/nouveau/", views.token_create, name="token_create"),
    path("jetons/<int:pk>/revoquer/", views.token_revoke, name="token_revoke"),
    path("webhooks/nouveau/", views.webhook_create, name="webhook_create"),
    path("webhooks/<int:pk>/", views.webhook_detail, name="webhook_detail"),
]
