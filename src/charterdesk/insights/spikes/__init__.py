"""Spike detection: many similar tickets from several organizations in a short window,
against the expected rate for that hour of the week, raise a suspected incident."""
