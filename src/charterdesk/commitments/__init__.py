"""Commitments: every promise made to a customer, with an owner and a due time."""
