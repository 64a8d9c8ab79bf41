from django.contrib.staticfiles import finders


def test_site_stylesheet_is_found_by_collectstatic():
    assert finders.find("charterdesk/app.css") is not None
