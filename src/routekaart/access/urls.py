from django.urls import path

from . import provision_views, team_views, views

app_name = "access"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("overzicht/", views.home_summary, name="home_summary"),
    path("huishoudens/<int:household_id>/", views.household, name="household"),
    path("huishoudens/<int:household_id>/signaal/", views.signal_create, name="signal_create"),
    path("casussen/<int:case_id>/intake/", views.intake, name="intake"),
    path("casussen/<int:case_id>/poortwachter/", views.gatekeeping, name="gatekeeping"),
    path("casussen/<int:case_id>/onderzoek/", views.assessment, name="assessment"),
    path("casussen/<int:case_id>/advies/", views.specialist_advice, name="specialist_advice"),
    path("adviezen/<int:advice_id>/ontvangen/", views.advice_received, name="advice_received"),
    path("casussen/<int:case_id>/plan/", views.plan, name="plan"),
    path("casussen/<int:case_id>/plan/herzien/", views.plan_revise, name="plan_revise"),
    path("plannen/<int:plan_id>/activeren/", views.plan_activate, name="plan_activate"),
    path("plannen/<int:plan_id>/afspraken/", views.agreement_add, name="agreement_add"),
    path("afspraken/<int:agreement_id>/status/", views.agreement_status, name="agreement_status"),
    path("casussen/<int:case_id>/beschikking/", views.decision, name="decision"),
    path("beschikkingen/<int:decision_id>/brief.pdf", views.decision_letter, name="decision_letter"),
    path("voorzieningen/<int:provision_id>/beeindigen/", provision_views.provision_end, name="provision_end"),
    path("voorzieningen/<int:provision_id>/wijzigen/", provision_views.provision_change, name="provision_change"),
    path("casussen/<int:case_id>/overdracht/", views.transfer, name="transfer"),
    path("casussen/<int:case_id>/procesregisseur/", views.process_coordinator, name="process_coordinator"),
    path("casussen/<int:case_id>/evaluatie/", views.review, name="review"),
    path("casussen/<int:case_id>/afsluiten/", views.close, name="close"),
    path("termijnen/<int:deadline_id>/wijzigen/", views.deadline_change, name="deadline_change"),
    path("termijnen/<int:deadline_id>/gehaald/", views.deadline_meet, name="deadline_meet"),
    path("berichten/<int:message_id>/antwoord/", views.resident_message_answer, name="resident_message_answer"),
    path("team/", team_views.team_caseload, name="team_caseload"),
    path("team/casussen/<int:case_id>/overdracht/", team_views.team_transfer, name="team_transfer"),
]
