"""The incident set-up pages for managers (agents read): services, monitors, severity
levels, role assignments and notice templates, under /desk/incidents/setup/."""
