"""A model choice field reads its list in one plain query, never through a server-side
cursor (on PostgreSQL five round trips for a list of a few queues: DECLARE, describe,
FETCH, an empty FETCH, CLOSE), whether or not the page shares the list."""

from unittest import mock

import pytest
from django import forms
from django.db import connection

from charterdesk.core.choices import SharedModelChoiceField
from charterdesk.routing.models import Queue
from tests.routing.factories import queue, team

pytestmark = pytest.mark.django_db


class Pick(forms.Form):
    queue = forms.ModelChoiceField(Queue.objects.all(), empty_label="Any queue")
    queues = forms.ModelMultipleChoiceField(Queue.objects.all(), required=False)
    shared = SharedModelChoiceField(Queue.objects.all(), shared="queues")  # outside a page


def test_a_choice_list_is_read_in_one_query_without_a_server_side_cursor(
    django_assert_num_queries,
):
    queue(team(), name="Zeta")
    names = [str(q) for q in Queue.objects.all()]
    no_cursor = mock.patch.object(
        connection, "chunked_cursor", side_effect=AssertionError("a server-side cursor")
    )
    form = Pick()
    with no_cursor, django_assert_num_queries(3):
        html = str(form["queue"]) + str(form["queues"]) + str(form["shared"])
    assert html.count("Zeta") == 3 and "Any queue" in html
    assert [str(label) for _, label in form.fields["queue"].choices] == ["Any queue", *names]


def test_the_chosen_value_is_still_checked_against_the_database() -> None:
    zeta = queue(team(), name="Zeta")
    assert Pick({"queue": zeta.pk, "shared": zeta.pk}).is_valid()
    assert not Pick({"queue": zeta.pk + 1000, "shared": zeta.pk}).is_valid()
