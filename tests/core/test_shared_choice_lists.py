"""Forms of one page that offer the same list (the queues, the agents) read it once while
the page renders; elsewhere, or once a form narrows its list, each reads its own."""

import pytest
from django import forms

from charterdesk.core.choices import SharedModelChoiceField, choice_lists_shared
from charterdesk.routing.models import Queue
from tests.routing.factories import queue, team

pytestmark = pytest.mark.django_db


class Properties(forms.Form):
    queue = SharedModelChoiceField(Queue.objects.all(), shared="queues", empty_label=None)


class Escalate(forms.Form):
    to_queue = SharedModelChoiceField(
        Queue.objects.all(), shared="queues", required=False, empty_label="Pick one"
    )


def _names(form: forms.Form, field: str) -> list[str]:
    return [str(label) for _value, label in form.fields[field].choices]


def test_one_read_for_every_form_of_the_page(django_assert_num_queries):
    queue(team(), name="Zeta")
    expected = [str(q) for q in Queue.objects.all()]
    with choice_lists_shared(), django_assert_num_queries(1):
        first, second = Properties(), Escalate()
        html = str(first["queue"]) + str(second["to_queue"])
        assert _names(first, "queue") == expected
        assert _names(second, "to_queue") == ["Pick one", *expected]
        assert len(first.fields["queue"].choices) == len(expected)
        assert bool(second.fields["to_queue"].choices)
    assert html.count("Zeta") == 2 and '<select name="queue" id="id_queue">' in html


def test_outside_a_page_and_once_narrowed_each_form_reads_its_own(django_assert_num_queries):
    queue(team(), name="Zeta")
    with django_assert_num_queries(2):
        _names(Properties(), "queue"), _names(Escalate(), "to_queue")
    with choice_lists_shared():
        _names(Properties(), "queue")  # the page's list, read
        narrowed = Escalate()
        narrowed.fields["to_queue"].queryset = Queue.objects.filter(name="Zeta")
        with django_assert_num_queries(1):
            assert _names(narrowed, "to_queue") == ["Pick one", "Zeta"]
    with choice_lists_shared(), django_assert_num_queries(1):
        _names(Properties(), "queue")  # each page reads afresh


def test_the_choice_still_validates_against_the_database():
    zeta = queue(team(), name="Zeta")
    with choice_lists_shared():
        form = Properties({"queue": str(zeta.pk)})
        _names(form, "queue")
        zeta.delete()
        assert not form.is_valid() and "queue" in form.errors
