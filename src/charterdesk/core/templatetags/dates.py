"""The `date` filter for every template (a builtin, settings.TEMPLATES): the same text as
Django's, written faster (core/dates.py, issue #13)."""

from django import template

from charterdesk.core.dates import date_filter

register = template.Library()
register.filter("date", date_filter, expects_localtime=True, is_safe=False)
