"""Outgoing webhooks: endpoints that receive the incident process's events (incident
created, qualified, updated, resolved; maintenance; post-mortem published) as signed JSON,
through a durable delivery table, retried with backoff, refused to private addresses."""
