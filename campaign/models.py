"""Every domain's models, imported in one place for Alembic and `flask shell`."""
from .abuse.models import BlockKind, BlocklistEntry  # noqa: F401
from .accounts.models import Organizer, Role  # noqa: F401
from .alerts.models import AlertSettings, MilestoneReached  # noqa: F401
from .api.models import ApiToken  # noqa: F401
from .caches import CacheGeneration  # noqa: F401
from .consent.models import ConsentWording, OptOut  # noqa: F401
from .deliveries.models import Delivery, DeliveryRecipient, DeliveryState  # noqa: F401
from .exports.models import ExportLog  # noqa: F401
from .geo.models import ZipDistrict  # noqa: F401
from .invalidation.models import Invalidation  # noqa: F401
from .letters.models import IndividualSignOn, Letter, LetterSlug, LetterState, Signers  # noqa: F401
from .mail.models import MailReturn, ReturnKind, Suppression  # noqa: F401
from .organizations.models import Decision, OrganizationSignOn, Scope  # noqa: F401
from .outbox.models import OutboxMessage, OutboxStatus  # noqa: F401
from .partners.models import SignaturePartnerConsent  # noqa: F401
from .petitions.models import FieldMode, Petition, PetitionSlug, PetitionState  # noqa: F401
from .sharing.models import ShareVisit  # noqa: F401
from .signatures.models import (  # noqa: F401
    DistrictTally,
    Signature,
    SignatureDistrict,
    SignatureState,
    SignatureTally,
)
from .targets.models import Target, TargetContact, TargetKind  # noqa: F401
from .updates.models import TargetResponse, Update, UpdateRecipient  # noqa: F401
from .webhooks.models import DeliveryStatus, Webhook, WebhookDelivery  # noqa: F401
