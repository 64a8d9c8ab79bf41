"""A process skips writing vocabulary words it saw committed before (a word is never taken
out of the vocabulary), and still writes every word it has not seen committed. Words of a
transaction that never commits are not remembered."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from charterdesk.search import vocabulary
from charterdesk.search.models import Term


def _vocabulary_writes(texts: list[str]) -> list[str]:
    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        vocabulary.remember(texts)
    return [q["sql"] for q in captured.captured_queries if "search_term" in q["sql"]]


@pytest.mark.django_db(transaction=True)
def test_a_committed_word_is_not_written_again_and_a_new_one_is():
    assert len(_vocabulary_writes(["Kerberos tickets expire"])) == 1
    assert _vocabulary_writes(["kerberos expire"]) == []
    writes = _vocabulary_writes(["Kerberos renewal"])
    assert len(writes) == 1 and "renewal" in writes[0] and "kerberos" not in writes[0]
    assert set(Term.objects.values_list("word", flat=True)) >= {
        "kerberos",
        "tickets",
        "expire",
        "renewal",
    }


@pytest.mark.django_db(transaction=True)
def test_words_of_a_rolled_back_transaction_are_written_again():
    with pytest.raises(RuntimeError), transaction.atomic():
        vocabulary.remember(["Saml assertion"])
        raise RuntimeError
    assert len(_vocabulary_writes(["Saml assertion"])) == 1
    assert Term.objects.filter(word__in=["saml", "assertion"]).count() == 2


def test_words_written_inside_a_test_transaction_are_not_remembered(db):
    assert len(_vocabulary_writes(["Webhook retries"])) == 1
    assert len(_vocabulary_writes(["Webhook retries"])) == 1  # the outer one never committed
