from django.urls import path

from cactus.contracts import views

app_name = "contracts"
urlpatterns = [
    path("sans-employeur/", views.without_employer, name="without_employer"),
    path("<int:pk>/avenant/", views.create_amendment, name="amendment"),
    path("<int:pk>/rupture/", views.record_rupture, name="rupture"),
    path("<int:pk>/annulation/", views.cancel, name="cancel"),
    path("<int:pk>/nouveau-contrat/", views.create_next_contract, name="next_contract"),
    path("<int:pk>/versions/", views.versions, name="versions"),
]
