"""The API tests' own fixture: an organizer's token made the way an organizer makes one."""
import pytest

from campaign.core.accounts.models import Role


@pytest.fixture
def token(client, login):
    """Log in as `role`, create a token on the page, log out; return the token."""

    def make(role=Role.ORGANIZER):
        login(role, email=f"api-{role.value}@example.org")
        page = client.post("/organize/api-tokens/", data={"name": "CRM sync"})
        assert page.status_code == 200
        value = page.text.split('<code id="new-token">', 1)[1].split("</code>", 1)[0]
        client.post("/organize/logout")
        return value

    return make
