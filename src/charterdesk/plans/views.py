from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .coverage_matrix import coverage_matrix
from .selectors import plans_with_terms


def coverage(request: HttpRequest) -> HttpResponse:
    """The public page "What our support covers", generated from the plans."""
    plans = list(plans_with_terms())
    return render(
        request,
        "plans/coverage.html",
        {
            "plans": plans,
            "rows": coverage_matrix(plans),
        },
    )
