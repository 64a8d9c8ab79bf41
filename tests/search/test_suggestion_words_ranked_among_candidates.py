"""The full-text half of a suggestion is ranked in Python among the candidates nearest in
meaning (search/bm25.py): the index's words (case, diacritics and Porter stems folded),
the rarer shared word counting more, titles above bodies, matches marked in the title and
in a snippet cut around the first match."""

from charterdesk.search import bm25

START, STOP = "\x02", "\x03"


def test_another_form_of_a_word_matches() -> None:
    scores = bm25.scores(["declined"], [("Card payments", "Why a payment is declining"), ("", "")])
    assert scores[0] > 0 and scores[1] == 0


def test_diacritics_and_case_do_not_matter() -> None:
    scores = bm25.scores(["resume"], [("Résumé upload", "Upload a CV."), ("Other", "Nothing.")])
    assert scores[0] > 0 and scores[1] == 0


def test_a_word_all_candidates_share_counts_less_than_a_rare_one() -> None:
    documents = [
        ("Card lost", "Freeze a lost card in the app."),
        ("Card delivery", "When will my card arrive?"),
        ("Card limits", "Limits on card payments."),
    ]
    scores = bm25.scores(["lost", "card"], documents)
    assert scores[0] > scores[1] and scores[0] > scores[2]


def test_a_word_in_the_title_counts_more_than_in_the_body() -> None:
    scores = bm25.scores(
        ["refund"], [("Refund a payment", "Open the payment."), ("Payments", "Ask for a refund.")]
    )
    assert scores[0] > scores[1]


def test_title_and_snippet_mark_the_matching_words() -> None:
    assert bm25.marked("Refunds for card payments", ["refund"]) == (
        f"{START}Refunds{STOP} for card payments"
    )
    body = " ".join(f"word{i}" for i in range(60)) + " the refund arrives " + "tail " * 40
    snippet = bm25.snippet(body, ["refunded"])
    assert f"{START}refund{STOP}" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet.split()) <= bm25.SNIPPET_WORDS


def test_a_snippet_without_a_match_is_the_start_of_the_text() -> None:
    assert bm25.snippet("Open the settings page and choose Export.", ["invoice"]) == (
        "Open the settings page and choose Export."
    )
