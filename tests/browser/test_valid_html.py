"""Every page the tests were served is valid HTML: the Nu Html Checker (vnu.jar) finds no error.

This test runs after every other (tests/conftest.py moves it last) and checks the pages they recorded: the
browser tests' documents, at both sizes, and the route walk's pages as owner. One JVM for them all.
"""
import pytest

from ..html_pages import SUMMARY
from . import harness

pytestmark = pytest.mark.browser


def test_every_page_served_is_valid_html(html_pages, request, tmp_path):
    if not html_pages:
        harness.unavailable("no test recorded a page to check: run the HTML check with the tests that visit pages")
    errors, seconds = html_pages.check(harness.vnu_command(), tmp_path)
    request.config.stash[SUMMARY] = (f"HTML check (Nu Html Checker): {len(html_pages)} distinct pages, "
                                     f"{len(errors)} errors, {seconds:.1f} s; the pages are in {tmp_path}")
    if errors:
        pytest.fail("the Nu Html Checker finds errors:\n" + "\n".join(
            f"{where}: {message}" for where, message in sorted(errors)), pytrace=False)
