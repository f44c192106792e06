"""Open data about committee business, included at /api/ocd/ (see opendata.py)."""

from django.urls import path

from . import opendata

app_name = "opendata"

urlpatterns = [
    path("organizations/", opendata.organizations, name="organizations"),
    path("events/", opendata.events, name="events"),
    path("resolutions/", opendata.resolutions, name="resolutions"),
    path("votes/", opendata.votes, name="votes"),
    path("actions/", opendata.actions, name="actions"),
]
