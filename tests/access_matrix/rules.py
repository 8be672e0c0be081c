"""One rule per route: what a request to it is about, under which processing activity, and who may use it.

The access matrix derives every expected answer from these entries, the register of processing activities (its
`roles:` and `domain:` per activity) and `ROLE_DOMAINS`; no cell is written down by hand. A route of the project
without an entry here, and not in `EXEMPT_PATHS` / `EXEMPT_NAMES`, fails the matrix: that is how a new route
cannot slip past.

Subject kinds (what the URL, or for `body` the request body, points at):

- a personal subject (`household`, `resident`, `case`, `trajectory`, …): asked for H_in (involved) and H_out (not
  involved; the latter only for roles that pass the role gate, the others are refused whatever the household);
  allowed iff involved (for the resident: own household) AND the role is in the activity's `roles:` AND (if the
  entry narrows `roles`) in those AND the activity's domain is in `ROLE_DOMAINS[role]`.
- `list`: a worklist or search over persons, filtered by the product to what the user may see; asked once,
  allowed iff the role is in the activity's roles (and the entry's). Its content is checked by the name check.
- `body`: a write whose subject is named in the body; the empty-body probe checks the role gate only.
- `emergency`: break the glass, meant for households one is NOT involved with: role gate only, both cells.
- `provider_assignment`: an assignment (toewijzing) on the provider's desk. Its ground is NOT an involvement but
  the provider organisation: a provider user sees an assignment iff the assignment's provider is an organisation
  it works for in the role aanbieder. Asked for the world's provider's assignment ("in") and another provider's
  ("out"), both of the involved household H_in, so an involvement opens nothing: allowed iff the role passes the
  gate AND the cell is the own provider's; another provider's is not found (`hides`, 404).
- `complaint`: a complaint's own record (the complainant's name and contact, Awb chapter 9), handled by beheer
  markt for the whole region whatever the household: asked once with the world's complaint, role gate only.
- `objection`: an objection (bezwaar) of the household, with the objector's grounds. Personal, asked like a
  household: the legal team sees its own organisation's objections through the legal_matter involvement the
  objection's registration opens (H_out's objection is the other Dienst's, registered by its own legal team), a
  coordinator those of the households they coordinate. One not seen is not found (404).
- `claim`: a claim (vordering) on the household's benefit: personal, asked like a household (the access check for
  benefit-recovery in the P domain; the uninvolved cell is refused, 403).
- `enforcement_signal`, `investigation`: klantbeheer's enforcement. Their ground is NOT an involvement but the
  organisation that runs the benefit: a client_admin sees the signals and investigations of the Dienst where they
  are klantbeheer. Asked for ORG_IN's ("in", in H_in) and the other Dienst's ("out", in H_out): another
  organisation's is not found (404).
- `payment_run`: a payment run of a Dienst. Business of the Dienst (the run's month, totals and status), but its
  lines name payees and their accounts, so it is scoped like the desk: ORG_IN's run ("in") and the other Dienst's
  ("out", not found, 404); the role gate is klantbeheer's (payment-administration).
- `conduct_complaint`: a complaint about a staff member's conduct (Awb chapter 9, the complainant's name and
  text). Its ground is the legal desk that handles it, not an involvement: a jurist sees their own desk's
  complaints. Asked for ORG_IN's ("in") and the other Dienst's ("out", not found, 404).
- `none`: no personal data. `activity` is then one of CONFIGURATION, AGGREGATE, LOG, BUSINESS, ACCOUNT and
  `roles` says who may use the route.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from routekaart.organisations.roles import Role

CONFIGURATION = "configuration"  # catalog, routes, norms, the network: configuration, no persons
AGGREGATE = "aggregate"  # counts and sums, never a person
LOG = "log"  # the processing log: pseudonyms, for the privacy officer
BUSINESS = "business"  # employers, vacancies, contracts: organisations, not residents
ACCOUNT = "account"  # the signed-in user's own account pages
NON_PERSONAL = frozenset({CONFIGURATION, AGGREGATE, LOG, BUSINESS, ACCOUNT})

EVERYONE = frozenset(Role.values)
STAFF = frozenset(r for r in Role.values if r != Role.RESIDENT)
COORDINATOR = frozenset({Role.COORDINATOR})
CASEWORK = frozenset({Role.COORDINATOR, Role.JOB_COACH})
ADVISER = frozenset({Role.EMPLOYER_ADVISER})
MARKET = frozenset({Role.MARKET_MANAGER})  # providers.manage_market, handle_complaints, view_contract_review
CONTRACT_READERS = frozenset({Role.MARKET_MANAGER, Role.COORDINATOR, Role.POLICY})  # providers.view_contracts
PROVIDER = frozenset({Role.PROVIDER})  # providers.use_desk
LEGAL = frozenset({Role.LEGAL})  # klantbeheer: bezwaar, beroep en klachten (legal.handle_*)
OBJECTION_READERS = frozenset({Role.LEGAL, Role.COORDINATOR})  # legal.view_objections, register_objection
CLIENT_ADMIN = frozenset({Role.CLIENT_ADMIN})  # klantbeheer: handhaving, betalingen (legal.handle_enforcement)
CLAIM_HANDLERS = frozenset({Role.CLIENT_ADMIN, Role.COORDINATOR})  # income.view_claims, manage_claims
STEERING = frozenset({Role.POLICY, Role.MARKET_MANAGER})  # insights.view_insights
TRAJECTORY_ROLES = frozenset({Role.COORDINATOR, Role.JOB_COACH, Role.SCHOOL, Role.PROVIDER})
PERSONAL_KINDS = frozenset(
    {
        "household",
        "resident",
        "case",
        "trajectory",
        "placement",
        "profile",
        "assignment",
        "plan",
        "agreement",
        "decision",
        "deadline",
        "advice",
        "consent",
        "check",
        "reminder",
        "membership",
        "message",
        "provision",
        "objection",
        "claim",
    }
)
# Personal, but opened by the user's own organisation's part in it rather than by an involvement with a household.
ORGANISATION_SCOPED_KINDS = frozenset(
    {"provider_assignment", "enforcement_signal", "investigation", "payment_run", "conduct_complaint"}
)
ROLE_LEVEL_KINDS = frozenset({"list", "body", "emergency", "complaint"})


@dataclass(frozen=True)
class Rule:
    subject: str  # a PERSONAL_KINDS member, a ROLE_LEVEL_KINDS member, or "none"
    activity: str  # a processing activity code of the register, or one of NON_PERSONAL
    roles: frozenset[str] | None = None  # narrows the activity's roles (personal); who may use it (non-personal)
    pk: str = ""  # which object the `pk` (or `code`) URL keyword names, a key of the world's ids
    hides: bool = False  # refuses with 404 (for both cells alike) instead of 403
    # the write method's, when they differ from the read's (a create on a list route, a form only some may send)
    write_subject: str = ""
    write_activity: str = ""
    write_roles: frozenset[str] | None = None
    extra: dict[str, object] = field(default_factory=dict)  # fixed URL keywords (a step slug, a kind)
    # required query parameters: "today" is today's date, "@key" the cell's household object of that key (as `pk`)
    query: dict[str, str] = field(default_factory=dict)
    htmx: bool = False  # a fragment answered to htmx only (others are redirected to the full page)
    content_type: str = ""  # the body's media type of an API write, when not JSON (an iWmo/iJw message is XML)


def R(subject: str, activity: str, roles=None, **kw) -> Rule:
    return Rule(subject, activity, frozenset(roles) if roles is not None else None, **kw)


# Routes the matrix does not ask, each with the reason. Prefixes match the route's path.
EXEMPT_PATHS: dict[str, str] = {
    "beheer/": "Django admin: staff accounts with is_staff only, outside the role model",
    "static/": "static files",
    "i18n/": "language switch, no data",
    "api/v1/schema/": "OpenAPI schema: describes the API, no data",
    "api/v1/docs/": "Swagger UI page, no data",
    "mijn/": (
        "Mijn Routekaart, the residents' portal: its own access model (a live DigiD login and the scope of whom "
        "the resident represents), not the staff roles'; every portal route is asked by test_portal_matrix.py"
    ),
}
EXEMPT_NAMES: dict[str, str] = {
    "login": "login form: before any role",
    "logout": "ends the session",
    "healthz": "load balancer probe: database up or not, nothing else",
    "liveness": "container probe: the process answers, no database and no data",
    "metrics": "Prometheus counters for the monitor (this machine or its bearer token), no personal data",
    "two_factor_setup": "second-factor setup of one's own account (authentication flow)",
    "set_language": "language switch, no data",
    "api-token-revoke": "authenticates with the API token it revokes, never a session (authentication flow)",
}

RULES: dict[str, Rule] = {
    # --- web ---------------------------------------------------------------------------------------------------
    "home": R("none", ACCOUNT, EVERYONE),
    "home_figures": R("none", AGGREGATE, EVERYONE),  # counts of the user's own work, never a name
    "switch_role": R("none", ACCOUNT, EVERYONE),
    "network": R("none", CONFIGURATION, STAFF),
    # --- audit: the log ----------------------------------------------------------------------------------------
    "audit:processing_log": R("none", LOG, {Role.PRIVACY_OFFICER}),
    "audit:break_glass_report": R("none", LOG, {Role.PRIVACY_OFFICER}),
    "audit:break_glass_review": R("none", LOG, {Role.PRIVACY_OFFICER}),
    # --- catalog -----------------------------------------------------------------------------------------------
    "catalog:blueprint": R("none", CONFIGURATION, STAFF),
    "catalog:steering_model": R("none", CONFIGURATION, STAFF),
    "catalog:cluster_detail": R("none", CONFIGURATION, STAFF, pk="cluster_code"),
    # --- routes ------------------------------------------------------------------------------------------------
    "routes:route_map_list": R("none", CONFIGURATION, STAFF),
    "routes:route_map_detail": R("none", CONFIGURATION, STAFF, pk="route_map_code"),
    "routes:trajectory_list": R("list", "route-guidance", TRAJECTORY_ROLES),
    "routes:trajectory_start": R(
        "list", "route-guidance", {Role.COORDINATOR, Role.JOB_COACH, Role.SCHOOL}, write_subject="body"
    ),
    "routes:trajectory_detail": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "routes:step_transition": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "routes:step_due": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "routes:condition_record": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "routes:handover_propose": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "routes:handover_accept": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "routes:waitlist_offer": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "routes:waitlist_meanwhile": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "routes:trajectory_stop": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "routes:trajectory_switch": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "routes:school_dashboard": R("list", "route-guidance", {Role.SCHOOL}),
    "routes:dienst_dashboard": R("list", "route-guidance", CASEWORK),
    # --- residents ---------------------------------------------------------------------------------------------
    "residents:household_list": R("list", "household-file", STAFF),
    "residents:household_summary": R("list", "household-file", STAFF, htmx=True),
    "residents:household_detail": R("household", "household-file"),  # staff and the resident (own household)
    "residents:timeline": R("household", "household-file"),  # the household's events, as the page shows them
    # registering from the BRP or by hand: a coordinator's task, the BSN in the body (never the URL)
    "residents:register": R("body", "household-composition", COORDINATOR),
    "residents:register_manual": R("body", "household-composition", COORDINATOR),
    "residents:brp_compare": R("household", "household-composition", CASEWORK),  # staff only, not the resident
    "residents:break_glass": R("emergency", "break-the-glass", STAFF),
    "residents:search": R("list", "household-file", STAFF),
    "residents:search_break_glass": R("emergency", "break-the-glass", STAFF),
    "residents:consent_create": R("household", "consent", CASEWORK),
    "residents:consent_withdraw": R("consent", "consent", CASEWORK),
    # a machtiging from the signed form: whoever may record a consent, for a household they are involved with
    "residents:authorisation_create": R("household", "consent", CASEWORK),
    "residents:journal": R("household", "household-file"),  # staff and the resident (what is visible to them)
    "residents:note_create": R("household", "household-file", STAFF),
    "residents:document_upload": R("household", "household-file", STAFF),
    "residents:document_download": R("household", "household-file"),  # a general document, visible to those involved
    # --- access (integrale toegang) ----------------------------------------------------------------------------
    "access:worklist": R("list", "household-file", COORDINATOR),
    "access:home_summary": R("list", "household-file", COORDINATOR, htmx=True),
    "access:household": R("household", "household-file", CASEWORK),
    "access:signal_create": R("household", "household-file", COORDINATOR),
    "access:intake": R("case", "household-file", COORDINATOR),
    "access:gatekeeping": R("case", "household-file", COORDINATOR),
    "access:assessment": R("case", "household-file", COORDINATOR),
    "access:specialist_advice": R("case", "household-file", COORDINATOR),
    "access:advice_received": R("advice", "household-file", COORDINATOR),
    "access:plan": R("case", "household-file", COORDINATOR),
    "access:plan_revise": R("case", "household-file", COORDINATOR),
    "access:plan_activate": R("plan", "household-file", COORDINATOR),
    "access:agreement_add": R("plan", "household-file", COORDINATOR),
    "access:agreement_status": R("agreement", "household-file", COORDINATOR),
    "access:decision": R("case", "household-file", COORDINATOR),
    # the world's decision is a Jeugdwet decision for the son: reading its letter is youth care (J)
    "access:decision_letter": R("decision", "youth-care", CASEWORK),
    "access:transfer": R("case", "household-file", COORDINATOR),
    # a team leader's (Affiliation.leads_team, a permission beside the roles): no role as such, a superuser neither
    "access:team_caseload": R("list", "household-file", frozenset()),
    "access:team_transfer": R("case", "household-file", frozenset(), pk="case_id"),
    "access:process_coordinator": R("case", "household-file", COORDINATOR),
    "access:review": R("case", "household-file", COORDINATOR),
    "access:close": R("case", "household-file", COORDINATOR),
    # the world's deadline is the Wmo application's: its law is W
    "access:deadline_change": R("deadline", "social-support", COORDINATOR),
    "access:deadline_meet": R("deadline", "social-support", COORDINATOR),
    # the coordinator answers a resident's question sent from the portal (the household page's block)
    "access:resident_message_answer": R("message", "household-file", COORDINATOR),
    # a granted provision ended or changed after its decision (the world's is the son's Jeugdwet provision: J)
    "access:provision_end": R("provision", "youth-care", COORDINATOR),
    "access:provision_change": R("provision", "youth-care", COORDINATOR),
    # --- providers: beheer markt (/markt/) ---------------------------------------------------------------------
    # contracts, products, tariffs and provider profiles: organisations, never a person
    "market:contract_list": R("none", BUSINESS, CONTRACT_READERS),
    "market:contract_detail": R("none", BUSINESS, CONTRACT_READERS),
    "market:contract_create": R("none", BUSINESS, MARKET),
    "market:contract_product_add": R("none", BUSINESS, MARKET),
    "market:tariff_add": R("none", BUSINESS, MARKET),
    "market:provider_list": R("none", BUSINESS, CONTRACT_READERS),
    "market:provider_register": R("none", BUSINESS, MARKET),
    "market:location_add": R("none", BUSINESS, MARKET),
    # the contracted offers per building block, wijk and day: what a coordinator chooses from when deciding
    "market:offers": R("none", CONFIGURATION, {Role.MARKET_MANAGER, Role.COORDINATOR}),
    # complaints (Awb chapter 9): the complainant's personal data, handled by beheer markt; a coordinator files one
    # on a resident's behalf (the service checks that household), without seeing the list or a complaint's page
    "market:complaint_list": R("list", "complaint-handling", MARKET),
    "market:complaint_create": R("list", "complaint-handling", {Role.MARKET_MANAGER, Role.COORDINATOR}),
    "market:complaint_detail": R("complaint", "complaint-handling", MARKET),
    "market:complaint_step": R("complaint", "complaint-handling", MARKET, extra={"step": "acknowledge"}),
    # the contract review: counts, medians and sums per provider and product, never a person
    "market:review": R("none", AGGREGATE, MARKET | {Role.POLICY}),
    # --- providers: the provider's desk (/aanbieder/) ----------------------------------------------------------
    "desk:assignment_list": R("list", "provision-delivery", PROVIDER),
    "desk:assignment_detail": R(
        "provider_assignment",
        "provision-delivery",
        PROVIDER,
        hides=True,
        extra={"assignment_id": "provider_assignment"},
    ),
    "desk:assignment_start": R(
        "provider_assignment",
        "provision-delivery",
        PROVIDER,
        hides=True,
        extra={"assignment_id": "provider_assignment"},
    ),
    "desk:assignment_stop": R(
        "provider_assignment",
        "provision-delivery",
        PROVIDER,
        hides=True,
        extra={"assignment_id": "provider_assignment"},
    ),
    "desk:progress_create": R(
        "provider_assignment",
        "provision-delivery",
        PROVIDER,
        hides=True,
        extra={"assignment_id": "provider_assignment"},
    ),
    # its own organisation's contracts, tariffs, volumes and declarations: business, no resident
    "desk:contract": R("none", BUSINESS, PROVIDER),
    # --- participation -----------------------------------------------------------------------------------------
    "participation:team": R("list", "participation", CASEWORK),
    "participation:profile": R("resident", "participation", CASEWORK),
    "participation:assessment_create": R("resident", "participation", CASEWORK),
    "participation:wage_value_create": R("resident", "participation", CASEWORK),
    "participation:register_record": R("resident", "participation", CASEWORK),
    "participation:exemption_create": R("resident", "participation", CASEWORK),
    "participation:assignment_create": R("resident", "participation", CASEWORK),
    "participation:assignment_detail": R("assignment", "participation", CASEWORK),
    "participation:reports": R("none", AGGREGATE, {Role.POLICY, Role.COORDINATOR, Role.JOB_COACH}),
    "participation:budget": R("none", AGGREGATE, {Role.POLICY, Role.FUNCTIONAL_ADMIN}),
    "participation:instruments": R("none", CONFIGURATION, STAFF),
    # --- income (bestaanszekerheid) ----------------------------------------------------------------------------
    "income:worklist": R("list", "social-assistance", COORDINATOR),
    "income:caseload": R("none", AGGREGATE, {Role.COORDINATOR, Role.POLICY}),
    "income:non_take_up_report": R("none", AGGREGATE, {Role.COORDINATOR, Role.POLICY, Role.FUNCTIONAL_ADMIN}),
    "income:norm_list": R("none", CONFIGURATION, STAFF),
    "jobs:job_list": R("none", CONFIGURATION, {Role.FUNCTIONAL_ADMIN}),
    "jobs:job_run": R("none", CONFIGURATION, {Role.FUNCTIONAL_ADMIN}, extra={"job": "retention"}),
    # one's own reminder: another's is not found (404), whatever the role
    "income:reminder_done": R("reminder", "social-assistance", COORDINATOR, hides=True),
    "income:client_detail": R("household", "social-assistance"),
    "income:benefit_grant": R("household", "social-assistance", COORDINATOR),
    "income:coordinator_reassign": R("household", "social-assistance", COORDINATOR),
    "income:cost_sharer_exclusion": R("household", "social-assistance", COORDINATOR),
    "income:annual_review_record": R("household", "social-assistance", COORDINATOR),
    "income:financial_fitness": R("household", "social-assistance", COORDINATOR),
    "income:regulation_apply": R("household", "entitlement-check", COORDINATOR, extra={"code": "regulation_code"}),
    "income:income_report": R("household", "social-assistance", COORDINATOR),
    "income:surplus_month": R("household", "social-assistance"),
    "income:work_switch": R("household", "social-assistance", COORDINATOR),
    # a change the resident reported from the portal, marked processed by the coordinator (report_id of that household)
    "income:change_report_process": R("household", "social-assistance", COORDINATOR),
    # --- work (werkgeversdienstverlening) ----------------------------------------------------------------------
    "work:desk": R("list", "work-matching", ADVISER),
    "work:employer_list": R("none", BUSINESS, ADVISER),
    "work:employer_create": R("none", BUSINESS, ADVISER),
    "work:employer_detail": R("none", BUSINESS, ADVISER),
    "work:contact_moment_create": R("none", BUSINESS, ADVISER),
    "work:contact_person_create": R("none", BUSINESS, ADVISER),
    "work:branch_create": R("none", BUSINESS, ADVISER),
    "work:agreement_create": R("none", BUSINESS, ADVISER),
    "work:opening_list": R("none", BUSINESS, ADVISER),
    "work:vacancy_create": R("none", BUSINESS, ADVISER),
    "work:vacancy_detail": R("list", "work-matching", ADVISER, pk="vacancy"),
    "work:arrangement_create": R("none", BUSINESS, ADVISER),
    "work:arrangement_detail": R("list", "work-matching", ADVISER, pk="arrangement"),
    "work:opening_close": R("none", BUSINESS, ADVISER, pk="vacancy", extra={"kind": "vacature"}),
    "work:ranking": R("list", "work-matching", ADVISER, pk="vacancy", extra={"kind": "vacature"}),
    "work:include_by_number": R("body", "work-matching", ADVISER, pk="vacancy", extra={"kind": "vacature"}),
    "work:decision_create": R("profile", "work-matching", ADVISER, pk="vacancy", extra={"kind": "vacature"}),
    "work:propose": R("profile", "work-placement", ADVISER, pk="vacancy", extra={"kind": "vacature"}),
    "work:decision_lift": R("profile", "work-matching", ADVISER, extra={"decision_id": "match_decision_id"}),
    "work:candidate_list": R("list", "work-matching", ADVISER),
    "work:candidate_detail": R("profile", "work-matching"),
    "work:work_profile_list": R("list", "work-matching", CASEWORK),
    "work:work_profile_edit": R("resident", "work-matching", CASEWORK),
    "work:placement_detail": R("placement", "work-placement", ADVISER, pk="placement"),
    "work:placement_step": R("placement", "work-placement", ADVISER, pk="placement", extra={"step": "kennismaking"}),
    "work:check_record": R("check", "work-placement", ADVISER),
    "work:vacancy_service": R("none", BUSINESS, EVERYONE),
    "work:employer_page": R("none", BUSINESS, frozenset()),  # employer contacts only, none of the matrix roles
    "work:sroi_list": R("none", AGGREGATE, {Role.EMPLOYER_ADVISER, Role.POLICY}),
    "work:sroi_create": R("none", BUSINESS, ADVISER),
    "work:sroi_detail": R("none", BUSINESS, {Role.EMPLOYER_ADVISER, Role.POLICY}, pk="sroi", write_roles=ADVISER),
    # --- insights: steering (/sturing/), aggregates only (insights.view_insights) -----------------------------
    "insights:flows": R("none", AGGREGATE, STEERING),
    "insights:sankey": R("none", AGGREGATE, STEERING),
    "insights:caseload": R("none", AGGREGATE, STEERING),
    "insights:yardsticks": R("none", AGGREGATE, STEERING),
    "insights:what_works": R("none", AGGREGATE, STEERING),
    "insights:cost_benefit": R("none", AGGREGATE, STEERING),
    "insights:forecasts": R("none", AGGREGATE, STEERING),
    # saving a scenario is beleid's alone (insights.simulate_policy)
    "insights:simulation": R("none", AGGREGATE, STEERING, write_roles={Role.POLICY}),
    "insights:scenario_detail": R("none", AGGREGATE, STEERING, pk="scenario"),
    "insights:export": R("none", AGGREGATE, STEERING, extra={"code": "flows_route", "fmt": "csv"}),
    "insights:print": R("none", AGGREGATE, STEERING),
    "insights:print_pdf": R("none", AGGREGATE, STEERING),
    # the caseworker's panel reads THIS resident's profile (query: huishouden, inwoner) through the access check of
    # the participation page it sits in; a household the user may not see is not found
    "insights:what_works_panel": R(
        "household",
        "participation",
        CASEWORK,
        hides=True,
        htmx=True,
        query={"huishouden": "@household_id", "inwoner": "@resident_id", "soort": "instrument"},
    ),
    # --- API: organisations and catalog ------------------------------------------------------------------------
    "api-me": R("none", ACCOUNT, EVERYONE),
    "api-token-create": R("none", ACCOUNT, EVERYONE),
    "api-token-revoke-all": R("none", ACCOUNT, EVERYONE),
    "organisation-list": R("none", CONFIGURATION, STAFF, write_subject="none", write_roles={Role.FUNCTIONAL_ADMIN}),
    "organisation-detail": R("none", CONFIGURATION, STAFF, pk="organisation_code"),
    "region-list": R("none", CONFIGURATION, STAFF),
    "region-detail": R("none", CONFIGURATION, STAFF, pk="region_code"),
    "catalog-zone-list": R("none", CONFIGURATION, STAFF),
    "catalog-zone-detail": R("none", CONFIGURATION, STAFF, pk="zone_code"),
    "catalog-cluster-list": R("none", CONFIGURATION, STAFF),
    "catalog-cluster-detail": R("none", CONFIGURATION, STAFF, pk="cluster_code"),
    "catalog-building-block-list": R("none", CONFIGURATION, STAFF),
    "catalog-building-block-detail": R("none", CONFIGURATION, STAFF, pk="building_block_key"),
    "catalog-steering-list": R("none", CONFIGURATION, STAFF),
    "catalog-steering-detail": R("none", CONFIGURATION, STAFF, pk="steering_cluster"),
    "catalog-destination-list": R("none", CONFIGURATION, STAFF),
    "catalog-destination-detail": R("none", CONFIGURATION, STAFF, pk="destination_code"),
    "catalog-instrument-list": R("none", CONFIGURATION, STAFF),
    "catalog-instrument-detail": R("none", CONFIGURATION, STAFF, pk="instrument_code"),
    "catalog-life-phase-list": R("none", CONFIGURATION, STAFF),
    "catalog-life-phase-detail": R("none", CONFIGURATION, STAFF, pk="life_phase_code"),
    "catalog-preset-list": R("none", CONFIGURATION, STAFF),
    "catalog-preset-detail": R("none", CONFIGURATION, STAFF, pk="preset_code"),
    # --- API: routes -------------------------------------------------------------------------------------------
    "route-template-list": R("none", CONFIGURATION, STAFF),
    "route-template-detail": R("none", CONFIGURATION, STAFF, pk="route_template"),
    "route-map-list": R("none", CONFIGURATION, STAFF),
    "route-map-detail": R("none", CONFIGURATION, STAFF, pk="route_map_code"),
    "trajectory-list": R(
        "list",
        "route-guidance",
        TRAJECTORY_ROLES,
        write_subject="body",
        write_roles={Role.COORDINATOR, Role.JOB_COACH, Role.SCHOOL},
    ),
    "trajectory-detail": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "trajectory-accept-handover": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "trajectory-conditions": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "trajectory-offer-place": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    "trajectory-transitions": R("trajectory", "route-guidance", TRAJECTORY_ROLES, pk="trajectory"),
    # --- API: steering figures (/api/v1/sturing/) ----------------------------------------------------------------
    "insights-figure": R("none", AGGREGATE, STEERING, extra={"code": "flows_route"}),
    # --- API: residents ----------------------------------------------------------------------------------------
    "household-list": R(
        "list",
        "household-file",
        STAFF,
        write_subject="body",
        write_activity="household-composition",
        write_roles=COORDINATOR,
    ),
    "household-detail": R("household", "household-file", pk="household_id"),
    "household-composition": R("household", "household-composition", pk="household_id", query={"on": "today"}),
    # recording who lives where: the register's household-composition roles decide (no narrowing)
    "household-memberships": R("household", "household-composition", pk="household_id"),
    "household-membership-end": R("membership", "household-composition", pk="household_id"),
    "resident-list": R("body", "household-composition", COORDINATOR),
    "resident-detail": R("resident", "household-file", pk="resident_id"),
    # --- API: access -------------------------------------------------------------------------------------------
    "case-list": R("list", "household-file", COORDINATOR),
    "case-detail": R("case", "household-file", CASEWORK, pk="case_id"),
    "case-assessment": R("case", "household-file", COORDINATOR, pk="case_id"),
    "case-close": R("case", "household-file", COORDINATOR, pk="case_id"),
    "case-gatekeeping": R("case", "household-file", COORDINATOR, pk="case_id"),
    "case-process-coordinator": R("case", "household-file", COORDINATOR, pk="case_id"),
    "case-review": R("case", "household-file", COORDINATOR, pk="case_id"),
    "case-specialist-advice": R("case", "household-file", COORDINATOR, pk="case_id"),
    "case-transfer": R("case", "household-file", COORDINATOR, pk="case_id"),
    "signal-list": R("body", "household-file", COORDINATOR),
    "intake-list": R("body", "household-file", COORDINATOR),
    "plan-list": R("body", "household-file", COORDINATOR),
    "plan-activate": R("plan", "household-file", COORDINATOR, pk="plan_id"),
    "agreement-list": R("body", "household-file", COORDINATOR),
    "agreement-status": R("agreement", "household-file", COORDINATOR, pk="agreement_id"),
    "decision-list": R("body", "household-file", COORDINATOR),
    "decision-letter": R("decision", "youth-care", CASEWORK, pk="decision_id"),
    "provision-end": R("provision", "youth-care", COORDINATOR, pk="provision_id"),
    "provision-change": R("provision", "youth-care", COORDINATOR, pk="provision_id"),
    # --- API: the provider's desk (/api/v1/aanbieder/) ---------------------------------------------------------
    "desk-assignment-list": R("list", "provision-delivery", PROVIDER),
    "desk-assignment-detail": R(
        "provider_assignment", "provision-delivery", PROVIDER, pk="provider_assignment", hides=True
    ),
    "desk-assignment-start": R(
        "provider_assignment", "provision-delivery", PROVIDER, pk="provider_assignment", hides=True
    ),
    "desk-assignment-stop": R(
        "provider_assignment", "provision-delivery", PROVIDER, pk="provider_assignment", hides=True
    ),
    "desk-assignment-progress": R(
        "provider_assignment", "provision-delivery", PROVIDER, pk="provider_assignment", hides=True
    ),
    # an iWmo/iJw message of the provider's own organisation (its AGB code as sender), answered with its retour
    "desk-message": R("body", "provision-delivery", PROVIDER, content_type="application/xml"),
    # --- API: income -------------------------------------------------------------------------------------------
    "income-household-calculation": R("household", "social-assistance", COORDINATOR, pk="household_id"),
    "income-household-entitlements": R("household", "entitlement-check", COORDINATOR, pk="household_id"),
    "income-household-income-reports": R("household", "social-assistance", COORDINATOR, pk="household_id"),
    # --- API: participation ------------------------------------------------------------------------------------
    "participation-instrument-list": R("none", CONFIGURATION, STAFF),
    "participation-instrument-wage-subsidy": R("none", CONFIGURATION, STAFF),  # a calculator over the formula
    "participation-resident-detail": R("resident", "participation", CASEWORK, pk="resident_id"),
    "participation-resident-assessments": R("resident", "participation", CASEWORK, pk="resident_id"),
    # --- API: work ---------------------------------------------------------------------------------------------
    "work-employer-list": R("none", BUSINESS, ADVISER),
    "work-employer-detail": R("none", BUSINESS, ADVISER, pk="employer_id"),
    "work-vacancy-list": R("none", BUSINESS, ADVISER),
    "work-vacancy-detail": R("none", BUSINESS, ADVISER, pk="vacancy"),
    "work-vacancy-candidates": R("list", "work-matching", ADVISER, pk="vacancy"),
    "work-arrangement-list": R("none", BUSINESS, ADVISER),
    "work-arrangement-detail": R("none", BUSINESS, ADVISER, pk="arrangement"),
    "work-arrangement-candidates": R("list", "work-matching", ADVISER, pk="arrangement"),
    "work-profile-detail": R("profile", "work-matching", ADVISER, pk="profile_id"),
    "work-placement-list": R("body", "work-placement", ADVISER),
    "work-placement-detail": R("placement", "work-placement", ADVISER, pk="placement"),
    "work-placement-contract": R("placement", "work-placement", ADVISER, pk="placement"),
    "work-placement-end": R("placement", "work-placement", ADVISER, pk="placement"),
    "work-placement-introduce": R("placement", "work-placement", ADVISER, pk="placement"),
    "work-placement-trial": R("placement", "work-placement", ADVISER, pk="placement"),
    "work-vacancy-service-list": R("none", BUSINESS, EVERYONE),
    # --- legal: klantbeheer (/klantbeheer/) --------------------------------------------------------------------
    # the deadline dashboard and the objection list: what the user may see (the legal team its organisation's,
    # a coordinator their households'); registering a letter names the decision in the body
    "legal:deadline_dashboard": R("list", "objection-handling", OBJECTION_READERS),
    "legal:objection_list": R("list", "objection-handling", OBJECTION_READERS),
    "legal:objection_register": R("list", "objection-handling", OBJECTION_READERS, write_subject="body"),
    "legal:objection_detail": R("objection", "objection-handling", OBJECTION_READERS, hides=True),
    # the steps and the letters are the legal team's (the receipt letter exists from the registration on)
    "legal:objection_step": R("objection", "objection-handling", LEGAL, hides=True, extra={"step": "acknowledge"}),
    "legal:objection_letter": R("objection", "objection-handling", LEGAL, hides=True, extra={"kind": "receipt"}),
    "legal:complaint_list": R("list", "conduct-complaint-handling", LEGAL),
    "legal:complaint_register": R("list", "conduct-complaint-handling", LEGAL, write_subject="body"),
    "legal:complaint_detail": R(
        "conduct_complaint",
        "conduct-complaint-handling",
        LEGAL,
        hides=True,
        extra={"complaint_id": "conduct_complaint_id"},
    ),
    "legal:complaint_step": R(
        "conduct_complaint",
        "conduct-complaint-handling",
        LEGAL,
        hides=True,
        extra={"complaint_id": "conduct_complaint_id", "step": "acknowledge"},
    ),
    # enforcement: klantbeheer's lists of its Dienst; a coordinator records a signal about a household they work with
    "legal:enforcement_signal_list": R("list", "enforcement", CLIENT_ADMIN),
    "legal:enforcement_signal_record": R("list", "enforcement", CLIENT_ADMIN | COORDINATOR, write_subject="body"),
    "legal:enforcement_signal_detail": R(
        "enforcement_signal", "enforcement", CLIENT_ADMIN, hides=True, extra={"signal_id": "enforcement_signal_id"}
    ),
    "legal:investigation_list": R("list", "enforcement", CLIENT_ADMIN),
    "legal:investigation_detail": R("investigation", "enforcement", CLIENT_ADMIN, hides=True),
    "legal:investigation_step": R("investigation", "enforcement", CLIENT_ADMIN, hides=True, extra={"step": "findings"}),
    # the quality figures: surveys per team and provision only for groups of ten or more, never a person
    "legal:quality": R("none", AGGREGATE, {Role.LEGAL, Role.POLICY}),
    # --- income: the payment run (/betalingen/) and recovery (/vorderingen/) -----------------------------------
    "payments:run_list": R("list", "payment-administration", CLIENT_ADMIN),
    "payments:run_prepare": R("list", "payment-administration", CLIENT_ADMIN, write_subject="body"),
    "payments:run_detail": R("payment_run", "payment-administration", CLIENT_ADMIN, hides=True),
    "payments:run_approve": R("payment_run", "payment-administration", CLIENT_ADMIN, hides=True),
    "payments:run_cancel": R("payment_run", "payment-administration", CLIENT_ADMIN, hides=True),
    # the SEPA file exists once the run is approved
    "payments:run_file": R(
        "payment_run", "payment-administration", CLIENT_ADMIN, hides=True, extra={"run_id": "approved_run_id"}
    ),
    "recovery:claim_list": R("list", "benefit-recovery", CLAIM_HANDLERS),
    "recovery:claim_establish": R("household", "benefit-recovery", CLAIM_HANDLERS),
    "recovery:claim_detail": R("claim", "benefit-recovery", CLAIM_HANDLERS),
    "recovery:claim_action": R("claim", "benefit-recovery", CLAIM_HANDLERS, extra={"action": "payment"}),
    "recovery:claim_letter": R("claim", "benefit-recovery", CLAIM_HANDLERS, extra={"letter": "besluit"}),
    # --- API: legal and income's payments ----------------------------------------------------------------------
    "legal-objections": R("list", "objection-handling", OBJECTION_READERS, write_subject="body"),
    "legal-objection": R("objection", "objection-handling", OBJECTION_READERS, pk="objection_id", hides=True),
    "legal-objection-acknowledge": R("objection", "objection-handling", LEGAL, pk="objection_id", hides=True),
    "legal-objection-hearing": R("objection", "objection-handling", LEGAL, pk="objection_id", hides=True),
    "legal-objection-decide": R("objection", "objection-handling", LEGAL, pk="objection_id", hides=True),
    "legal-objection-withdraw": R("objection", "objection-handling", LEGAL, pk="objection_id", hides=True),
    "legal-conduct-complaints": R("list", "conduct-complaint-handling", LEGAL, write_subject="body"),
    "legal-conduct-complaint": R(
        "conduct_complaint", "conduct-complaint-handling", LEGAL, pk="conduct_complaint_id", hides=True
    ),
    "legal-quality": R("none", AGGREGATE, {Role.LEGAL, Role.POLICY}),
    # enforcement over the API: klantbeheer's only (a coordinator records a signal on the page, not here)
    "legal-enforcement-signals": R("list", "enforcement", CLIENT_ADMIN, write_subject="body"),
    "legal-enforcement-signal": R(
        "enforcement_signal", "enforcement", CLIENT_ADMIN, pk="enforcement_signal_id", hides=True
    ),
    "legal-enforcement-signal-assess": R(
        "enforcement_signal", "enforcement", CLIENT_ADMIN, pk="enforcement_signal_id", hides=True
    ),
    "legal-investigations": R("list", "enforcement", CLIENT_ADMIN, write_subject="body"),
    "legal-investigation": R("investigation", "enforcement", CLIENT_ADMIN, pk="investigation_id", hides=True),
    "legal-investigation-findings": R("investigation", "enforcement", CLIENT_ADMIN, pk="investigation_id", hides=True),
    "legal-investigation-inform": R("investigation", "enforcement", CLIENT_ADMIN, pk="investigation_id", hides=True),
    "legal-investigation-hear": R("investigation", "enforcement", CLIENT_ADMIN, pk="investigation_id", hides=True),
    "legal-investigation-close": R("investigation", "enforcement", CLIENT_ADMIN, pk="investigation_id", hides=True),
    # claims over the API: a claim of a household the user may not see is not found (the pages answer 403)
    "income-claims": R("list", "benefit-recovery", CLAIM_HANDLERS, write_subject="body"),
    "income-claim": R("claim", "benefit-recovery", CLAIM_HANDLERS, pk="claim_id", hides=True),
    "income-claim-arrangement": R("claim", "benefit-recovery", CLAIM_HANDLERS, pk="claim_id", hides=True),
    "income-payment-run-list": R("list", "payment-administration", CLIENT_ADMIN),
    "income-payment-run-prepare": R("body", "payment-administration", CLIENT_ADMIN),
    "income-payment-run-detail": R("payment_run", "payment-administration", CLIENT_ADMIN, pk="run_id", hides=True),
    "income-payment-run-approve": R("payment_run", "payment-administration", CLIENT_ADMIN, pk="run_id", hides=True),
}


# The portal's id keywords, per route: which object of the world (a key of a side's ids, or of the shared objects)
# fills each. Shared by the portal matrix (test_portal_matrix.py) and the page crawl (tests/pages/crawl.py); a
# portal route with a URL keyword missing here fails the portal matrix, so none can be added unasked.
PORTAL_OBJECTS: dict[str, dict[str, str]] = {
    "portal:agreement_done": {"pk": "agreement_id"},  # the world's first agreement: the resident's own (party)
    "portal:agreement_question": {"pk": "agreement_id"},
    "portal:decision_letter": {"pk": "portal_decision_id"},  # a Wmo decision addressed to the head
    "portal:objection": {"pk": "portal_decision_id"},
    "portal:objection_received": {"pk": "portal_decision_id"},
    "portal:consent_withdraw": {"pk": "consent_id"},  # the head's consent
    "portal:authorisation_withdraw": {"pk": "authorisation_id"},  # an authorisation the head gave
    # "Mijn zorg": a complaint about one of the person's own assignments (H_out's head's for the other cell)
    "portal:care_complaint": {"pk": "portal_assignment_id"},
    # klantbeheer: the head's objection (its receipt letter exists from the registration on), a survey sent to the
    # head, the head's claim with its recovery decision letter
    "portal:objection_letter": {"pk": "objection_id", "kind": "objection_letter_kind"},
    "portal:survey": {"pk": "survey_id"},
    "portal:claim_letter": {"pk": "claim_id", "letter": "claim_letter_kind"},
    # configuration, not a person: a regulation's code (the same in both households)
    "portal:regulation_apply": {"code": "regulation_code"},
    # the confirmation of an application: a regulation the household applied for (configuration too)
    "portal:regulation_applied": {"code": "applied_regulation_code"},
}


def portal_url_kwargs(world, name: str, keywords, cell: str) -> dict[str, object]:
    """The URL keywords of portal route `name`, filled with the objects of H_in (`cell` "in") or H_out ("out");
    raises LookupError naming what is missing (no entry in PORTAL_OBJECTS, or no such object in the world)."""
    side = world.h_out if cell == "out" else world.h_in
    kwargs = {}
    for keyword in keywords:
        key = PORTAL_OBJECTS.get(name, {}).get(keyword)
        if key is None:
            raise LookupError(f"{name}: URL keyword {keyword!r} has no entry in rules.PORTAL_OBJECTS")
        value = side.ids.get(key, world.shared.get(key))
        if value in (None, ""):
            raise LookupError(f"{name}: the world has no {key!r} (could not build: {side.missing or 'nothing'})")
        kwargs[keyword] = value
    return kwargs
