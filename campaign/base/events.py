"""What happened, for the features that act on it: signals sent by the domain's operations in the
transaction of the change, so a receiver's writes (webhooks' queue) commit or roll back with it.

A receiver flushes and never commits, like an operation. Core packages send and never import
their receivers (features such as campaign.features.webhooks), which connect themselves when imported.
"""
from blinker import Namespace

_signals = Namespace()

# sender: the id of the row; the receiver loads what it needs.
signature_confirmed = _signals.signal("signature.confirmed")  # a signature counted (confirmed, or offline)
signon_approved = _signals.signal("signon.approved")  # a sign-on of a letter approved (sender: the sign-on)
endorsement_approved = _signals.signal("endorsement.approved")  # an organization's endorsement of a petition
delivery_sent = _signals.signal("delivery.sent")  # a delivery's messages queued (sender: its id)
person_unsubscribed = _signals.signal("person.unsubscribed")  # sender: the mailbox's key
person_erased = _signals.signal("person.erased")  # sender: the address forgotten
