"""Every domain's models, imported in one place for Alembic and `flask shell`."""
from campaign.base.caches import CacheGeneration  # noqa: F401
from campaign.base.mail.models import MailReturn, ReturnKind, Suppression  # noqa: F401
from campaign.base.outbox.models import OutboxMessage, OutboxStatus  # noqa: F401
from campaign.core.abuse.models import BlockKind, BlocklistEntry  # noqa: F401
from campaign.core.accounts.models import Organizer, Role  # noqa: F401
from campaign.core.consent.models import ConsentWording, OptOut  # noqa: F401
from campaign.core.geo.models import ZipDistrict  # noqa: F401
from campaign.core.letters.models import IndividualSignOn, Letter, LetterSlug, LetterState, Signers  # noqa: F401
from campaign.core.organizations.models import Decision, OrganizationSignOn, Scope  # noqa: F401
from campaign.core.petitions.models import FieldMode, Petition, PetitionSlug, PetitionState  # noqa: F401
from campaign.core.signatures.models import DistrictTally, Signature, SignatureDistrict, SignatureState, SignatureTally  # noqa: F401
from campaign.core.targets.models import Target, TargetContact, TargetKind  # noqa: F401
from campaign.features.alerts.models import AlertSettings, MilestoneReached  # noqa: F401
from campaign.features.api.models import ApiToken  # noqa: F401
from campaign.features.deliveries.models import Delivery, DeliveryRecipient, DeliveryState  # noqa: F401
from campaign.features.exports.models import ExportLog  # noqa: F401
from campaign.features.invalidation.models import Invalidation  # noqa: F401
from campaign.features.partners.models import SignaturePartnerConsent  # noqa: F401
from campaign.features.sharing.models import ShareVisit  # noqa: F401
from campaign.features.updates.models import TargetResponse, Update, UpdateRecipient  # noqa: F401
from campaign.features.webhooks.models import DeliveryStatus, Webhook, WebhookDelivery  # noqa: F401
