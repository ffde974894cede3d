"""Opening and closing petitions and letters: Close now asks first, without JavaScript."""
import re

import pytest


@pytest.mark.parametrize("kind", ["petitions", "letters"])
def test_close_now_closes_only_once_its_box_is_ticked(client, login, open_petition, create_letter, kind):
    """A press of Close now alone (a slip of the finger, a replayed POST) changes nothing."""
    action_id = open_petition if kind == "petitions" else create_letter()
    login()
    for refused in ({}, {"confirm": ""}, {"confirm": "false"}):
        response = client.post(f"/organize/{kind}/{action_id}/close", data=refused, follow_redirects=True)
        assert response.status_code == 200
        assert "Nothing changed: tick “Yes, close it” to close the" in response.text
        assert "Close now</button>" in response.text  # still open

    # The box is on the page, and the browser asks for it before sending (`required`).
    assert re.search(r'<input[^>]*id="confirm"[^>]*required[^>]*>\s*<label for="confirm">Yes, close it</label>',
                     response.text)
    response = client.post(f"/organize/{kind}/{action_id}/close", data={"confirm": "y"}, follow_redirects=True)
    assert "is closed" in response.text and "Reopen</button>" in response.text
