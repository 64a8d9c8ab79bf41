"""The browser fixtures of tests/browser, for the widget's browser test."""

from tests.browser.conftest import browser  # noqa: F401
