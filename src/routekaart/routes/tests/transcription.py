"""The seeds' routes, transcribed by hand a second time, apart from the data files, for the tests to hold them to.

Seed 004 ("Uitstroom-routekaart PRO/VSO"): per route the regie holder as the seed names it, and per numbered step
its title and the parties that act in it. Seeds 000/001: the walking routes, the hand-overs of the life course
and the three tiers of seed 001.
"""

# route code: (name, regie holder, regie from age, [(number, title, {acting parties})])
EXIT_ROUTES = {
    "mbo": (
        "MBO",
        "School",
        None,
        [
            (1, "Stage", {"School"}),
            (2, "Aanmelden MBO", {"Leerling/ouder", "School"}),
            (3, "Extra ondersteuning", {"School"}),
            (4, "Warme overdracht", {"School"}),
            (5, "Geen vervolgonderwijs?", {"Leerling/ouder", "School", "Leerplicht", "Doorstroompunt"}),
            (6, "Start op nieuwe school", {"MBO", "Leerling/ouder", "School"}),
        ],
    ),
    "work": (
        "Werk",
        "Dienst",
        "16.5",
        [
            (1, "Stage", {"School"}),
            (2, "Werkplek", {"School", "Leerling/ouder", "Dienst"}),
            (3, "Arbeidsvermogen", {"Leerling/ouder"}),
            (4, "Doelgroepenregister", {"UWV"}),
            (5, "Extra begeleiding", {"Dienst", "UWV"}),
            (6, "Aan \u2019t werk", {"Dienst", "Werkgever", "Leerling/ouder", "School"}),
        ],
    ),
    "sheltered_work": (
        "Beschut werk",
        "Dienst",
        "16.5",
        [
            (1, "(Beschutte) stage", {"School"}),
            (2, "Beschutte werkplek", {"School", "Dienst"}),
            (3, "Arbeidsvermogen", {"Leerling/ouder", "Pastiel/Empatec", "School"}),
            (4, "Indicatie beschut werk", {"UWV", "Dienst"}),
            (5, "Wachtlijst / taakstelling", {"Dienst", "Gebiedsteam", "Het Rijk"}),
            (6, "Aan \u2019t werk (beschut) / begeleiding", {"Dienst", "Pastiel/Empatec", "School"}),
        ],
    ),
    "day_activities": (
        "Dagbesteding/hulpverlening",
        "Gebiedsteam",
        None,
        [
            (1, "Stage", {"School"}),
            (2, "Dagbesteding indicatie", {"Leerling/ouder", "St. Mee"}),
            (3, "Voorziening", {"Gebiedsteam", "Leerling/ouder"}),
            (4, "Beschikking", {"Gebiedsteam", "Dienst"}),
            (5, "Aan de slag", {"Gebiedsteam", "Zorgaanbieder", "Leerling/ouder", "School"}),
            (6, "Uitkering", {"Leerling/ouder"}),
        ],
    ),
}

# The parties the issue names as acting somewhere on the exit routes.
EXIT_PARTIES = {
    "School",
    "Leerling/ouder",
    "Dienst",
    "UWV",
    "Gebiedsteam",
    "Zorgaanbieder",
    "MBO",
    "Pastiel/Empatec",
    "Leerplicht",
    "Doorstroompunt",
}

# (route, step, condition, min_age, max_age, school kind): the conditions the seed attaches to a step.
EXIT_CONDITIONS = [
    ("mbo", 1, "internship_allowance_register_advice", None, None, ""),
    ("mbo", 4, "warm_handover_with_parental_consent", None, None, ""),
    ("mbo", 4, "intergrip", None, None, ""),
    ("mbo", 5, "no_enrolment_attendance_officer", None, "18", "vso"),
    ("mbo", 5, "pro_no_qualification_duty_after_16", "16", None, "pro"),
    ("mbo", 5, "handover_to_route_work", None, None, ""),
    ("mbo", 5, "uwv_work_capacity_assessment", None, None, ""),
    ("mbo", 5, "dropout_advice", None, None, ""),
    ("mbo", 6, "own_regie", None, None, ""),
    ("mbo", 6, "exit_monitor_after_one_year", None, None, ""),
    ("work", 2, "exit_meeting", None, None, ""),
    ("work", 3, "uwv_work_capacity_assessment", None, "18", ""),
    ("work", 4, "uwv_advice", None, None, ""),
    ("work", 4, "target_group_register", None, None, ""),
    ("work", 6, "own_regie", None, None, ""),
    ("work", 6, "aftercare_two_years", None, None, ""),
    ("sheltered_work", 2, "exit_meeting", None, None, ""),
    ("sheltered_work", 3, "uwv_work_capacity_assessment", None, None, ""),
    ("sheltered_work", 4, "uwv_advice", None, None, ""),
    ("sheltered_work", 4, "dienst_decision", None, None, ""),
    ("sheltered_work", 5, "waitlist", None, None, ""),
    ("sheltered_work", 5, "social_assistance_while_waiting", "18", None, ""),
    ("sheltered_work", 5, "day_activities_while_waiting", None, None, ""),
    ("sheltered_work", 5, "national_quota", None, None, ""),
    ("sheltered_work", 6, "supplementary_social_assistance", None, None, ""),
    ("sheltered_work", 6, "place_offered", None, None, ""),
    ("sheltered_work", 6, "aftercare_two_years", None, None, ""),
    ("day_activities", 2, "youth_care_indication_before_18", None, "18", ""),
    ("day_activities", 2, "independent_client_support", None, None, ""),
    ("day_activities", 2, "wmo_or_wlz_from_18", "18", None, ""),
    ("day_activities", 4, "refer_to_wmo_near_18", None, None, ""),
    ("day_activities", 4, "benefit_from_18", "18", None, ""),
    ("day_activities", 5, "aftercare_two_years", None, None, ""),
    ("day_activities", 6, "wajong_if_no_further_development", None, None, ""),
    ("day_activities", 6, "social_assistance_if_wajong_refused", None, None, ""),
]

# Words of the seed that must stay in a step (route, step, fragment).
EXIT_WORDS = [
    ("mbo", 4, "met toestemming van ouder"),
    ("mbo", 4, "Intergrip"),
    ("mbo", 5, "leerplichtambtenaar"),
    ("mbo", 6, "uitstroommonitor"),
    ("work", 3, "specificatie indicatie banenafspraak"),
    ("sheltered_work", 3, "specificatie beschut werk"),
    ("sheltered_work", 4, "op de wachtlijst"),
    ("sheltered_work", 5, "Het Rijk bepaalt de taakstelling"),
    ("sheltered_work", 6, "arbeidsovereenkomst of externe detachering"),
    ("day_activities", 2, "WLZ"),
    ("day_activities", 6, "Wajong"),
]

# The walking routes (both maps): code, walking kind, name, regie holder, share of residents
WALKING_ROUTES = [
    ("basic", "basic", "Basisroute", "Bewoners", None),
    ("network", "network", "Netwerkroute", "Bewoners", None),
    ("initiative", "initiative", "Initiatiefrijke route", "Bewoners", None),
    ("tailored", "tailored", "Maatwerkroute", "Regisseur", 15),
]

# The life course's hand-overs: (number, age, the catalog's life phase it closes, words of the seed)
LIFE_COURSE = [
    (1, "4", "age_0_4", "informatieoverdracht naar basisschool"),
    (2, "12", "age_4_12", "warme overdracht naar voortgezet onderwijs"),
    (3, "16", "age_12_18", "School met gemeente tijdig in gesprek over arbeidsmogelijkheden"),
    (4, "16", "age_12_18", "vroeg stadium (16/17jaar)"),
    (5, "18", "age_12_18", "Jongerenloket en Bureau Werk benutten kennis van scholen"),
    (6, "65", "age_65_plus", "Senioren blijven actief"),
]

# Seed 001's tiers, in order
TIERS = [
    ("back_to_regular_job", "Terug naar reguliere baan"),
    ("reduced_wage_value", "Verminderde loonwaarde"),
    ("regular_work_not_realistic", "Regulier werk op korte en middellange termijn geen reële optie"),
]

# The five arbeidsparticipatie-bestemmingen of seed 000 that the maatwerkroute can lead to
DESTINATIONS_000 = {"regular_work", "subsidised_job", "sheltered_work", "work_oriented_day_activities", "volunteering"}
