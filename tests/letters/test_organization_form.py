"""The organization form's selects: nothing chosen for the signer, a skipped one refused clearly,
the State a US state's code."""
import re

from .helpers import sign_organization


def select(page, field_id):
    """(the options' values, the chosen ones) of the select `field_id` on `page`."""
    html = re.search(rf'<select[^>]* id="{field_id}"[^>]*>(.*?)</select>', page, re.S).group(1)
    options = re.findall(r"<option([^>]*)>", html)
    values = [re.search(r'value="([^"]*)"', option).group(1) for option in options]
    return values, [value for value, option in zip(values, options, strict=True) if "selected" in option]


def test_a_blank_form_chooses_nothing(client, create_letter):
    create_letter()
    page = client.get("/letters/dear-acme-board").text
    scopes, chosen = select(page, "scope")
    assert scopes == ["", "national", "state", "local"] and chosen in ([], [""])
    states, chosen = select(page, "region")
    assert states[0] == "" and chosen in ([], [""])
    assert {"CA", "DC", "NY", "PR", "WY"} <= set(states) and len(states) == 1 + 56  # 50 states, DC, 5 territories
    assert ">Choose…</option>" in page


def test_a_skipped_scope_is_refused_and_the_form_comes_back_as_typed(client, create_letter):
    create_letter()
    response = sign_organization(client, scope=None, region="CA")
    assert response.status_code == 422
    assert "Choose your organization&#39;s scope: national, state or local." in response.text
    assert select(response.text, "region")[1] == ["CA"]
    assert select(response.text, "scope")[1] in ([], [""])
    assert 'value="Privacy Now"' in response.text
    assert client.get("/letters/dear-acme-board.json").get_json()["organization_count"] == 0


def test_a_state_or_local_organization_chooses_its_state(client, create_letter):
    create_letter()
    response = sign_organization(client, scope="local", region=None)
    assert response.status_code == 422
    assert "Choose the state your organization works in." in response.text
    assert select(response.text, "scope")[1] == ["local"]
    assert sign_organization(client, scope="national", region=None).status_code == 200  # may leave it


def test_the_state_is_one_of_the_list(client, create_letter):
    create_letter()
    refused = sign_organization(client, region="California")
    assert refused.status_code == 422 and "Not a valid choice" in refused.text
    assert sign_organization(client, region="CA").status_code == 200
