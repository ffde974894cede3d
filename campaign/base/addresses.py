"""Email addresses: checking their syntax and the key that identifies one mailbox."""
from email_validator import EmailNotValidError, validate_email

# Providers that ignore dots in the local part; googlemail.com is gmail.com.
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


class InvalidAddress(ValueError):
    """The address is not a valid email address; the message says why, for the signer."""


def checked(address):
    """The address with its domain normalised, or InvalidAddress. No DNS look-up is made.

    An address may not start with "=": the syntax allows it, but a spreadsheet reads such a cell
    as a formula, and CSV files write email columns exactly as kept (`campaign.base.csvfile`).
    """
    try:
        result = validate_email(address.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidAddress(str(error)) from None
    if result.normalized.startswith("="):
        raise InvalidAddress("An email address cannot start with “=”.")
    return result.normalized


def mailbox_key(address):
    """The key under which two spellings of one mailbox are the same person.

    Case is ignored, a `+tag` is dropped, and for Gmail the dots in the local part are dropped.
    """
    local, _, domain = address.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        domain = DOTLESS_DOMAINS[domain]
        local = local.replace(".", "")
    return f"{local}@{domain}"
