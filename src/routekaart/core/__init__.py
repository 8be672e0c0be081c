"""The bottom layer every app may import: small helpers that import nothing of Routekaart."""
