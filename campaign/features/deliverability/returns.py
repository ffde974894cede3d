"""What came back, recorded: each bounce or complaint applied to the suppression list
(mail.suppressions); a complaint also opts its mailbox out of all mail (privacy), as the
unsubscribe link does. Everything here flushes; views and commands commit."""
from campaign.base.addresses import InvalidAddress, checked
from campaign.base.extensions import db
from campaign.base.mail import suppressions
from campaign.base.mail.models import ReturnKind
from campaign.base.outbox.models import OutboxMessage
from campaign.features.privacy import operations as privacy


def apply(returned):
    """Record each Returned (see bounces): when a return path named the outbox message, its
    recipient is the address. Returns the MailReturn rows made (none for what names nobody)."""
    recorded = []
    for item in returned:
        address, outbox_id = item.address, None
        if item.outbox_message_id is not None:
            row = db.session.get(OutboxMessage, item.outbox_message_id)
            if row is not None:
                outbox_id = row.id
                address = row.recipient or address  # blank once forgotten or past retention
        try:
            address = checked(address or "")
        except InvalidAddress:
            continue  # names nobody we could have mailed (returned mail is written by strangers)
        entry = suppressions.record(item.kind, address, item.source, item.status, outbox_id)
        if item.kind is ReturnKind.COMPLAINT:
            privacy.opt_out(entry.email_key, "complaint")
        recorded.append(entry)
    return recorded
