"""The referral code of a signature or a letter's sign-on, for its signer's share links."""
from sqlalchemy import update

from campaign.base.extensions import db
from campaign.core.signatures import referrals


def code_of(record):
    """The record's referral code (a Signature, OrganizationSignOn or IndividualSignOn); one made
    before codes existed gets one now (the caller commits)."""
    if record.share_code is None:
        code, model = referrals.new_code(), type(record)
        result = db.session.execute(
            update(model).where(model.id == record.id, model.share_code.is_(None))
            .values(share_code=code).execution_options(synchronize_session=False))
        if result.rowcount == 1:
            return code
        db.session.refresh(record)  # another request gave it one a moment ago
    return record.share_code
