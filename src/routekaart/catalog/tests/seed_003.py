"""An independent transcription of seed 003 that the tests hold the data files against.

Regio Gooi en Vechtstreek, "Integraal dienstverleningsmodel Sociaal domein" (2015). Per cluster of chapter 3, in
the order of bijlage 2: every building block with the V marks of its J, W and P columns. Typed from the seed, not
derived from `data/blueprint.yaml`, so a slip in either shows up as a failing test.
"""

ZONES = {
    "front": [
        "low_threshold_services",
        "youth_health_and_compulsory_education",
        "addiction_care_and_day_activities",
        "chain_partners",
    ],
    "access": ["integrated_access", "amhk_crisis", "youth_protection_and_probation", "medical_referral"],
    "management": ["client_management", "market_management"],
    "tailored": [
        "care_and_support",
        "shelter_and_housing",
        "youth_care",
        "youth_mental_health",
        "income_provisions",
        "reintegration_existing",
        "sheltered_employment_existing",
        "participation_act_intake",
        "social_self_reliance",
        "employer_services",
    ],
}

# cluster code -> (the seed's cluster name, section)
CLUSTERS = {
    "low_threshold_services": ("Laagdrempelige voorzieningen", "3.2.1"),
    "youth_health_and_compulsory_education": ("Jeugdgezondheidszorg en leerplicht", "3.2.2"),
    "addiction_care_and_day_activities": ("Verslavingszorg en dagbesteding kwetsbare groepen", "3.2.3"),
    "chain_partners": ("Ketenoverleg", "3.2.4"),
    "integrated_access": ("Integrale toegang", "3.3.1"),
    "amhk_crisis": ("AMHK/Crisis", "3.3.2"),
    "youth_protection_and_probation": ("JB/JR", "3.3.3"),
    "medical_referral": ("Medische doorverwijzing", "3.3.4"),
    "client_management": ("Klantbeheer", "3.4.1"),
    "market_management": ("Beheer markt", "3.4.2"),
    "care_and_support": ("Zorg en ondersteuning", "3.5.1"),
    "shelter_and_housing": ("Opvang en wonen", "3.5.2"),
    "youth_care": ("Jeugdzorg", "3.5.3"),
    "youth_mental_health": ("Jeugd-GGZ", "3.5.4"),
    "income_provisions": ("Maatwerkvoorzieningen inkomen", "3.5.5"),
    "reintegration_existing": ("Re-integratie zittend", "3.5.6"),
    "sheltered_employment_existing": ("SW zittend", "3.5.7"),
    "participation_act_intake": ("Participatiewet instroom", "3.5.8"),
    "social_self_reliance": ("Sociale zelfredzaamheid", "3.5.9"),
    "employer_services": ("Werkgeversdienstverlening", "3.5.10"),
}

# cluster code -> [(building block name, domains)], in the order of bijlage 2
BUILDING_BLOCKS = {
    "low_threshold_services": [
        ("Maatschappelijk werk", "JWP"),
        ("Algemene dagactiviteiten", "W"),
        ("Onafhankelijke cliëntondersteuning", "JWP"),
    ],
    "youth_health_and_compulsory_education": [
        ("Jeugdgezondheidszorg", "J"),
        ("Naleving leerplichtwet, uitvoering RMC, ontheffing leerplicht", "J"),
    ],
    "addiction_care_and_day_activities": [
        ("Verslavingszorg", "W"),
        ("Dagactiviteit kwetsbare groepen", "W"),
    ],
    "chain_partners": [
        ("Veiligheidshuis", "JWP"),
        ("Werkgevers", "JWP"),
        ("UWV", "JWP"),
        ("Werkbedrijf", "P"),
        ("Politie en justitie", "JWP"),
        ("Huisartsen/wijkverpleegkundigen", "JWP"),
        ("Zorgverzekeraars", "JWP"),
        ("Onderwijsinstellingen", "JWP"),
        ("Woningbouwcorporatie", "JWP"),
    ],
    "integrated_access": [
        ("Informatie & advies", "JWP"),
        ("Melding (incl. veiligheid, zorg en overlast)", "JWP"),
        ("Intake informatie beoordeling", "JWP"),
        ("Poortwachter", "JWP"),
        ("Vraag gestuurd onderzoek, verslag en plan van aanpak", "JWP"),
        ("Specialistische advisering (Incl. Onderzoek & verslaglegging)", "JWP"),
        ("Beschikking/Opdracht-verstrekking", "JWP"),
        ("Procesregie", "JWP"),
    ],
    "amhk_crisis": [
        ("Melding info & advies, trajectbesluit", "JW"),
        ("Onderzoek kindermishandeling", "J"),
        ("Voorstel tijdelijk huisverbod", "JW"),
        ("Besluit inzet spoedhulp", "JW"),
        ("Verzoek tot onderzoek RvK", "J"),
    ],
    "youth_protection_and_probation": [
        ("Uitvoering gezag (maatregel)", "J"),
        ("Vraag gestuurd onderzoek, verslag en plan van aanpak", "J"),
        ("Procesregie", "J"),
        ("Besluit", "J"),
    ],
    "medical_referral": [
        ("Medische doorverwijzing", "J"),
    ],
    "client_management": [
        ("Handhaving", "JWP"),
        ("Terugvordering en verhaal", "JWP"),
        ("(Fraude) onderzoek", "JWP"),
        ("Klantadministratie", "JWP"),
        ("Klantvolgsysteem", "JWP"),
        ("Financiële administratie", "JWP"),
        ("Bezwaar en beroep", "JWP"),
        ("Brede kwaliteitszorg", "JWP"),
        ("Klanttevredenheidsonderzoek", "JWP"),
        ("Toezichthoudend ambtenaar", "W"),
        ("ICT", "JWP"),
        ("Planning & control", "JWP"),
    ],
    "market_management": [
        ("Contractbeheer", "JWP"),
        ("Klachtafhandeling", "JWP"),
        ("Analyse + informatie", "JWP"),
        ("Inkoop", "JWP"),
    ],
    "care_and_support": [
        ("CHT", "W"),
        ("Vervoer", "W"),
        ("Hulpmiddelen", "W"),
        ("Woningaanpassingen", "W"),
        ("Kortdurend verblijf", "JW"),
        ("Begeleiding (incl. persoonlijke verzorging en vervoer dagactiviteit)", "JW"),
        ("Behandeling LVG", "J"),
        ("Verblijf", "J"),
    ],
    "shelter_and_housing": [
        ("Passantenopvang", "W"),
        ("Vrouwenopvang", "W"),
        ("Crisisopvang", "W"),
        ("Beschermd wonen", "W"),
    ],
    "youth_care": [
        ("Ambulante jeugdzorg", "J"),
        ("Dagbehandeling", "J"),
        ("Pleegzorg", "J"),
        ("Residentieel", "J"),
        ("Gesloten", "J"),
        ("Spoedhulp/crisis", "J"),
    ],
    "youth_mental_health": [
        ("Generalistische Basis GGZ", "J"),
        ("Specialistische GGZ (incl. verblijf)", "J"),
        ("Spoedhulp/Crisis", "J"),
    ],
    "income_provisions": [
        ("Bijstandsuitkering", "P"),
        ("Minimabeleid", "P"),
        ("Regeling maatwerkvoorziening inkomen", "W"),
        ("Schuldhulpverlening", "WP"),
    ],
    "reintegration_existing": [
        ("Kort traject", "P"),
        ("LKS-ZDP", "P"),
        ("LKS-MDP", "P"),
    ],
    # Bijlage 2 heads these rows "Participatiewet instroom"; they stand where SW zittend (3.5.7) belongs.
    "sheltered_employment_existing": [
        ("Beschutte arbeid", "P"),
        ("LKS-ZDP", "P"),
        ("LKS-MDP", "P"),
    ],
    "participation_act_intake": [
        ("Kort traject", "P"),
        ("Beschutte arbeid", "P"),
        ("LKS-ZDP", "P"),
        ("LKS-MDP", "P"),
    ],
    "social_self_reliance": [
        ("Maatschappelijke tegenprestatie", "P"),
        ("Zorg en activering", "P"),
    ],
    "employer_services": [
        ("Acquisitie", "P"),
        ("Matching", "P"),
        ("Ontwikkelen arrangementen", "P"),
        ("Plaatsing", "P"),
        ("Uitvoering SROI", "P"),
        ("Vacatureservice", "P"),
    ],
}

# Building blocks the seed lists in more than one cluster: name -> the clusters it appears in.
MULTI_CLUSTER = {
    "Kort traject": {"reintegration_existing", "participation_act_intake"},
    "LKS-ZDP": {"reintegration_existing", "sheltered_employment_existing", "participation_act_intake"},
    "LKS-MDP": {"reintegration_existing", "sheltered_employment_existing", "participation_act_intake"},
    "Beschutte arbeid": {"sheltered_employment_existing", "participation_act_intake"},
    "Vraag gestuurd onderzoek, verslag en plan van aanpak": {"integrated_access", "youth_protection_and_probation"},
    "Procesregie": {"integrated_access", "youth_protection_and_probation"},
}

# Gooi en Vechtstreek (chapter 2 and 3.3.1): uitvoeringsdienst -> the municipalities it serves.
SERVICE_ORGANISATIONS = {
    "uitvoeringsdienst-hilversum": {"gemeente-hilversum"},
    "uitvoeringsdienst-huizen": {"gemeente-huizen", "gemeente-blaricum", "gemeente-eemnes", "gemeente-laren"},
    "uitvoeringsdienst-bussum": {"gemeente-bussum", "gemeente-naarden", "gemeente-muiden"},
}
MUNICIPALITIES = {
    "Blaricum",
    "Bussum",
    "Eemnes",
    "Hilversum",
    "Huizen",
    "Laren",
    "Muiden",
    "Naarden",
}
CENTRAL_MUNICIPALITY_SERVES = {
    "Blaricum",
    "Bussum",
    "Eemnes",
    "Huizen",
    "Laren",
    "Muiden",
    "Naarden",
    "Weesp",
    "Wijdemeren",
}

# The sturingsmodel per cluster as the chapter's "Sturingsmodel" paragraphs state it.
STEERING = {
    "low_threshold_services": {"status": "not_filled_in", "left_to": ["municipality", "service_organisation"]},
    "youth_health_and_compulsory_education": {
        "status": "filled_in",
        "policy_direction": ["region"],
        "steering": "public",
        "duties": ["coordination_with_service_organisations"],
    },
    "addiction_care_and_day_activities": {
        "status": "filled_in",
        "policy_direction": ["central_municipality"],
        "delivery_direction": ["central_municipality"],
        "delivery": ["partner"],
        "steering": "private",
    },
    "chain_partners": {"status": "no_steering_role", "duties": ["no_steering_role"]},
    "integrated_access": {"status": "not_filled_in", "left_to": ["service_organisation"]},
    "amhk_crisis": {
        "status": "filled_in",
        "organisation_scale": "region",
        "duties": ["coordination_with_service_organisations"],
    },
    "youth_protection_and_probation": {
        "status": "filled_in",
        "policy_direction": ["region"],
        "delivery": ["partner"],
        "steering": "private",
    },
    "medical_referral": {"status": "filled_in", "duties": ["limited_direction"]},
    "client_management": {"status": "not_filled_in", "left_to": ["service_organisation"]},
    "market_management": {"status": "filled_in", "policy_direction": ["region"], "steering": "public"},
    "care_and_support": {
        "status": "filled_in",
        "policy_direction": ["municipality"],
        "delivery_direction": ["municipality"],
        "delivery": ["partner"],
        "steering": "private",
        "procurement_scale": "region",
    },
    "shelter_and_housing": {
        "status": "filled_in",
        "policy_direction": ["central_municipality"],
        "delivery_direction": ["central_municipality"],
    },
    "youth_care": {
        "status": "filled_in",
        "steering": "private",
        "organisation_scale": "varies",
        "delivery_level": "varies",
    },
    "youth_mental_health": {"status": "filled_in", "steering": "private", "procurement_scale": "region"},
    "income_provisions": {"status": "not_filled_in", "left_to": ["service_organisation"]},
    "reintegration_existing": {"status": "not_filled_in", "left_to": ["service_organisation"]},
    "sheltered_employment_existing": {
        "status": "filled_in",
        "steering": "public",
        "organisation_scale": "supra_regional",
    },
    "participation_act_intake": {"status": "filled_in", "steering": "private", "procurement_scale": "region"},
    "social_self_reliance": {
        "status": "filled_in",
        "policy_direction": ["municipality", "service_organisation"],
        "steering": "private",
        "delivery_level": "local",
    },
    "employer_services": {
        "status": "filled_in",
        "delivery_direction": ["service_organisation"],
        "delivery": ["service_organisation"],
    },
}
