"""`flask demo seed` shows a newcomer both kinds of letter at work."""


def test_demo_has_a_coalition_letter_and_an_employee_letter(client, runner):
    result = runner.invoke(args=["demo", "seed", "--signatures", "3"])
    assert result.exit_code == 0, result.output
    assert "/letters/acme-board-location-data" in result.output
    coalition = client.get("/letters/acme-board-location-data.json").get_json()
    assert coalition["organization_count"] == 7  # approved; three more wait in the queue
    employees = client.get("/letters/acme-employees-and-shareholders.json").get_json()
    assert employees["individual_count"] == 4 and len(employees["individuals"]) == 3  # one counted unnamed
