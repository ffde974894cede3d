"""The packets of a delivery, zipped: per target its message and signers' CSV (and the action's files)."""
import re
import tempfile
import zipfile

from flask import render_template

from . import actions, messages
from .operations import targets_of


def folder_name(target):
    """A file-system-safe folder for a target: 'NY-13 Jane Doe', 'Acme Social Inc'."""
    name = f"{target.seat.replace('Senator for ', 'Senate ')} {target.name}".strip()
    return re.sub(r"[^A-Za-z0-9 .\-]+", "", name)[:80].strip() + f" ({target.id})"


def zipped(delivery):
    """A temporary file holding the zip of every target's packet, positioned at its start."""
    results = actions.get(delivery.action_kind).results(delivery.action_id)
    spool = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for target in targets_of(delivery):
            packet = messages.packet(delivery, target, results)
            folder = folder_name(target)
            text = f"To: {target.name}\nSubject: {packet.subject}\n\n" + render_template(
                "deliveries/_message.txt", packet=packet)
            archive.writestr(f"{folder}/message.txt", text)
            for filename, _, data in messages.attachments(delivery, target):
                archive.writestr(f"{folder}/{filename}", data)
    spool.seek(0)
    return spool
