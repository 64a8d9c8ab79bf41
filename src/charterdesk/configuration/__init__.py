"""The whole configuration as data: calendars, plans, agents, teams, queues, organizations,
contacts, contracts and mailboxes, each named by its natural key (a name, a slug, an
e-mail address; never a database id), written and read with the same rules as the
settings pages and the Django admin. The configuration API and `charterdesk config
export|import` are built on it."""
