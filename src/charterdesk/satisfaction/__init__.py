"""Satisfaction surveys after a ticket is solved."""
