"""Every domain's models, imported in one place for Alembic and `flask shell`."""
from .accounts.models import Organizer, Role  # noqa: F401
from .consent.models import ConsentWording  # noqa: F401
from .outbox.models import OutboxMessage, OutboxStatus  # noqa: F401
from .petitions.models import FieldMode, Petition, PetitionSlug, PetitionState  # noqa: F401
from .signatures.models import Signature, SignatureState, SignatureTally  # noqa: F401
from .api.models import ApiToken  # noqa: F401
from .exports.models import ExportLog  # noqa: F401
from .privacy.models import OptOut  # noqa: F401
