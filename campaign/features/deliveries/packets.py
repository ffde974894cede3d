"""The packets of a delivery, zipped: per target its message and signers' CSV (and the action's files)."""
import re
import tempfile
import zipfile

from flask import render_template
from flask_babel import gettext as _

from campaign.base import i18n
from campaign.core.targets.models import TargetKind

from . import actions, messages
from .operations import targets_of


def folder_name(target):
    """A file-system-safe folder for a target, named by codes rather than words (the same in every
    language): 'NY-13 Jane Doe', 'AK-AL Nick Begich' (at-large), 'WA-Senate Maria Cantwell', 'Acme Social Inc'."""
    seat = ""
    if target.kind is TargetKind.SENATOR:
        seat = f"{target.state}-Senate"
    elif target.kind is TargetKind.REPRESENTATIVE:
        seat = f"{target.state}-{target.district or 'AL'}"
    name = f"{seat} {target.name}".strip()
    return re.sub(r"[^A-Za-z0-9 .\-]+", "", name)[:80].strip() + f" ({target.id})"


def zipped(delivery):
    """A temporary file holding the zip of every target's packet, positioned at its start."""
    spool = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)
    # In the organizer's language (the action's), like the mail, whatever the downloading page's is.
    with i18n.in_language(messages.language_of(delivery)), \
            zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        results = actions.get(delivery.action_kind).results(delivery.action_id)
        for target in targets_of(delivery):
            packet = messages.packet(delivery, target, results)
            folder = folder_name(target)
            heading = _("To: %(name)s", name=target.name) + "\n" + _("Subject: %(subject)s", subject=packet.subject)
            text = heading + "\n\n" + render_template("deliveries/_message.txt", packet=packet)
            archive.writestr(f"{folder}/message.txt", text)
            for filename, _type, data in messages.attachments(delivery, target):
                archive.writestr(f"{folder}/{filename}", data)
    spool.seek(0)
    return spool
