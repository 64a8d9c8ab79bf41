from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .coverage_matrix import coverage_matrix
from .selectors import plans_for_coverage_page


def coverage(request: HttpRequest) -> HttpResponse:
    """The public page "What our support covers", generated from the published plans'
    terms in effect (a version waiting for its day is announced, not shown)."""
    plans = list(plans_for_coverage_page())
    return render(
        request,
        "plans/coverage.html",
        {
            "plans": plans,
            "rows": coverage_matrix(plans),
        },
    )
