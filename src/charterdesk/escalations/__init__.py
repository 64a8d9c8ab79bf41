"""Escalation: functional (up a tier) and hierarchical (up the management line),
also on the customer's request."""
