from django.urls import path

from cactus.opco import views

app_name = "opco"
urlpatterns = [
    path("notifications/<int:pk>/", views.notification, name="notification"),
    path("dossiers/<int:pk>/relancer/", views.retry, name="retry"),
]
