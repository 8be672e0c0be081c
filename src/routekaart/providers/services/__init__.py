"""The actions that change the market and the assignments: each one transaction, each one event."""
