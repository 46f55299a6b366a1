from django.urls import path

from cactus.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:key>.svg", views.chart_svg, name="chart_svg"),
    path("<slug:key>.csv", views.chart_csv, name="chart_csv"),
]
