"""The query language as a person types it, parsed without a database."""

from datetime import date

import pytest

from charterdesk.search.query import QueryError, Term, parse, significant_words


def test_words_are_all_required_and_lower_cased() -> None:
    query = parse("SAML Certificate")
    assert query.groups == [[Term(("saml",))], [Term(("certificate",))]]


def test_quoted_phrase_keeps_its_words_together() -> None:
    query = parse('"certificate expired" saml')
    assert query.groups[0] == [Term(("certificate", "expired"))]
    assert query.groups[0][0].is_phrase


def test_or_joins_the_terms_on_either_side() -> None:
    query = parse('login OR "sign in" broken')
    assert query.groups == [
        [Term(("login",)), Term(("sign", "in"))],
        [Term(("broken",))],
    ]


def test_minus_excludes_a_word_or_a_phrase() -> None:
    query = parse('export -csv -"staging server"')
    assert query.groups == [[Term(("export",))]]
    assert query.excluded == [Term(("csv",)), Term(("staging", "server"))]


def test_star_makes_a_prefix() -> None:
    assert parse("certif*").groups == [[Term(("certif",), prefix=True)]]


def test_fields_become_filters_not_words() -> None:
    query = parse("status:open type:downtime org:acme assignee:me tier:2 requester:bob@x.example")
    assert not query.has_text
    assert query.filters == {
        "status": ["open"],
        "type": ["downtime"],
        "org": ["acme"],
        "assignee": ["me"],
        "tier": ["2"],
        "requester": ["bob@x.example"],
    }


def test_quoted_field_value_and_dates() -> None:
    query = parse('org:"Acme Corp" created>2026-11-01 created<2026-12-01 outage')
    assert query.filters == {"org": ["Acme Corp"]}
    assert query.created_after == date(2026, 11, 1)
    assert query.created_before == date(2026, 12, 1)
    assert query.groups == [[Term(("outage",))]]


def test_unknown_field_is_searched_as_text() -> None:
    query = parse("https://acme.example/login 10:30")
    assert not query.filters
    assert [str(t) for t in query.terms()] == ['"https acme example login"', '"10 30"']


@pytest.mark.parametrize("typed", ["#123", "123", " #123 "])
def test_a_number_jumps_to_that_ticket(typed: str) -> None:
    assert parse(typed).jump_to == 123


def test_a_number_among_words_is_a_word() -> None:
    query = parse("error 500")
    assert query.jump_to is None
    assert query.groups == [[Term(("error",))], [Term(("500",))]]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("created>yesterday", "is not a date"),
        ("created>", "Give a date"),
        ("status:", "Give a value after status:"),
    ],
)
def test_what_cannot_be_searched_says_why(typed: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse(typed)


def test_the_query_is_written_back_for_did_you_mean() -> None:
    assert parse('saml OR sso "cert expired" -staging renew*').text() == (
        'saml OR sso "cert expired" renew* -staging'
    )


def test_significant_words_drop_stop_words_and_repeats() -> None:
    words = significant_words("Hi, our SSO login broke after the cert expired; the SSO login!")
    assert words == ["expired", "login", "broke", "cert", "sso"]
