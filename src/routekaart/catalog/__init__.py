"""The bouwtekening (blueprint) of the sociaal domein as configuration: zones, clusters, building blocks with
their J/W/P domains, the sturingsmodel per cluster, region presets, and the destinations, instruments and life
phases the routes lead through. Holds no persons."""
