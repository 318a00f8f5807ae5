from django.urls import path

from orgs.duties import views

# Included by orgs/urls.py: names live in the "orgs" namespace.
urlpatterns = [
    path("duties/", views.duty_list, name="duties"),
    path("duties/new/", views.duty_create, name="duty_create"),
    path("duties/<int:pk>/", views.duty_detail, name="duty"),
    path("duties/<int:pk>/edit/", views.duty_edit, name="duty_edit"),
    path("duties/<int:pk>/photo/", views.duty_photo, name="duty_photo"),
    path("duties/<int:pk>/pass-up/", views.duty_forward, name="duty_forward"),
    path("duties/requests/", views.request_list, name="duty_requests"),
    path("duties/requests/<int:pk>/", views.request_detail, name="duty_request"),
    path("duties/requests/<int:pk>/reveal/", views.request_reveal, name="duty_request_reveal"),
    path("duties/requests/<int:pk>/receive/", views.request_acknowledge,
         name="duty_request_acknowledge"),
    path("duties/requests/<int:pk>/answer/", views.request_answer, name="duty_request_answer"),
    path("duties/review/", views.review, name="duty_review"),
    path("duties/idle/", views.idle, name="duty_idle"),
    path("duties/terms/", views.terms, name="duty_terms"),
    path("duties/people/<int:pk>/login/", views.member_account, name="duty_member_account"),
]
