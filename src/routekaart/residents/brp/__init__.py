"""The BRP (Basisregistratie Personen) through the Haal Centraal BRP Personen bevragen API, version 2.

`client` asks the BRP after the published OpenAPI (BRP-API/Haal-Centraal-BRP-bevragen, specificatie/openapi.yaml):
one operation, POST /personen, with a query `type`. `types` holds what Routekaart takes over from an answer.
`stub` is a small server that speaks the same API for a fixed set of invented persons with test-band BSNs; the demo
and the tests start it, so they never reach a real BRP.
"""
