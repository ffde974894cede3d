"""The organizer API, /api/v1: petitions with counts, their signatures, offline signatures; sign-on
letters (OSDI advocacy campaigns) with counts and their sign-ons (OSDI outreaches).

Authenticated with `Authorization: Bearer <token>` (no cookies, so no CSRF); every answer is
JSON, errors too (campaign/errors.py answers every error under /api/ in the documented shape).
The OpenAPI document is at /api/v1/openapi.json.
"""
import json
from pathlib import Path

from flask import Blueprint, abort, g, jsonify, request, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from .. import request_values
from ..accounts.access import EDITORS
from ..extensions import csrf, db
from ..letters import queries as letter_queries
from ..letters.models import IndividualSignOn, Letter
from ..organizations.models import OrganizationSignOn
from ..petitions.models import Petition
from ..signatures import operations as signature_operations, queries as signature_queries, tallies
from ..signatures.models import Signature, SignatureState
from . import operations, serializers
from .payloads import InvalidPayload, offline_signature

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
OPENAPI = Path(__file__).with_name("openapi.json")
MAX_PER_PAGE = 100


@bp.before_request
def authenticate():
    if request.endpoint == "api.openapi":
        return None
    token = operations.authenticate(request.headers.get("Authorization"))
    if token is None:
        raise Unauthorized("Send a valid API token: Authorization: Bearer <token>.",
                           www_authenticate=WWWAuthenticate("Bearer", {"realm": "api"}))
    g.api_token = token
    db.session.commit()  # last_used_at
    return None


def _require_personal_data():
    if g.api_token.organizer.role not in EDITORS:
        abort(403, "This token's account is a viewer: it sees counts, never personal data.")



def _counts(petition_ids):
    totals = tallies.totals(petition_ids)
    return {pid: (totals[pid], signature_queries.state_counts(pid)[SignatureState.PENDING]) for pid in petition_ids}


@bp.get("/openapi.json")
def openapi():
    return jsonify(json.loads(OPENAPI.read_text(encoding="utf-8")))


@bp.get("/petitions")
def petitions():
    rows = db.session.scalars(select(Petition).order_by(Petition.id)).all()
    counts = _counts([p.id for p in rows])
    return jsonify({
        "total_records": len(rows),
        "_links": {"self": {"href": url_for("api.petitions", _external=True)}},
        "_embedded": {"osdi:petitions": [serializers.petition(p, counts[p.id]) for p in rows]},
    })


@bp.get("/petitions/<int:petition_id>")
def petition(petition_id):
    found = db.get_or_404(Petition, petition_id, description="There is no petition with this id.")
    return jsonify(serializers.petition(found, _counts([found.id])[found.id]))


def _paging(read_cursor):
    """(where the page starts, per_page) from the query string; 400 for a bad one."""
    try:
        after = read_cursor(request.args.get("cursor", ""))
    except (ValueError, UnicodeDecodeError):
        abort(400, "The cursor is not one this API gave out.")
    per_page = request_values.id_of(request.args.get("per_page", "25"), MAX_PER_PAGE)
    if per_page is None:
        abort(400, f"per_page must be between 1 and {MAX_PER_PAGE}.")
    return after, per_page


def _self_link(**path):
    """This page's own address on BASE_URL, from url_for: the query string as sent is not always a
    valid URI (é, quotes and spaces unencoded), and may hold anything else."""
    query = {name: request.args[name] for name in ("cursor", "per_page") if name in request.args}
    return {"href": url_for(request.endpoint, **path, **query, _external=True)}


@bp.get("/petitions/<int:petition_id>/signatures")
def signatures(petition_id):
    _require_personal_data()
    found = db.get_or_404(Petition, petition_id, description="There is no petition with this id.")
    after, per_page = _paging(serializers.read_cursor)
    rows = db.session.scalars(
        select(Signature)
        .where(Signature.petition_id == found.id, Signature.id > after, Signature.erased_at.is_(None))
        .order_by(Signature.id).limit(per_page + 1)
    ).all()
    page, more = rows[:per_page], len(rows) > per_page
    links = {"self": _self_link(petition_id=found.id)}
    if more:
        links["next"] = {"href": url_for("api.signatures", petition_id=found.id, per_page=per_page,
                                         cursor=serializers.cursor_for(page[-1].id), _external=True)}
    return jsonify({
        "per_page": per_page,
        "_links": links,
        "_embedded": {"osdi:signatures": [serializers.signature(s) for s in page]},
    })


@bp.post("/petitions/<int:petition_id>/signatures")
def create_signature(petition_id):
    _require_personal_data()
    found = db.get_or_404(Petition, petition_id, description="There is no petition with this id.")
    if not found.is_signable:
        abort(409, "This petition does not take signatures now.")
    try:
        fields = offline_signature(request.get_json(silent=True))
    except InvalidPayload as error:
        abort(422, str(error))
    try:
        signature = signature_operations.record_offline(found, **fields)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        abort(409, "This email address has signed this petition already.")
    response = jsonify(serializers.signature(signature))
    response.status_code = 201
    return response



@bp.get("/letters")
def letters():
    rows = db.session.scalars(select(Letter).order_by(Letter.id)).all()
    return jsonify({
        "total_records": len(rows),
        "_links": {"self": {"href": url_for("api.letters", _external=True)}},
        "_embedded": {"osdi:advocacy_campaigns": [
            serializers.letter(letter, letter_queries.signatories(letter)) for letter in rows]},
    })


@bp.get("/letters/<int:letter_id>")
def letter(letter_id):
    found = db.get_or_404(Letter, letter_id, description="There is no letter with this id.")
    return jsonify(serializers.letter(found, letter_queries.signatories(found)))


@bp.get("/letters/<int:letter_id>/outreaches")
def outreaches(letter_id):
    """Every sign-on of a letter, whatever its state: organizations, then individuals, by id."""
    _require_personal_data()
    found = db.get_or_404(Letter, letter_id, description="There is no letter with this id.")
    (kind, after), per_page = _paging(serializers.read_outreach_cursor)
    page = []
    if kind == "organization":
        page += [("organization", s) for s in db.session.scalars(
            select(OrganizationSignOn).where(OrganizationSignOn.letter_id == found.id, OrganizationSignOn.id > after)
            .order_by(OrganizationSignOn.id).limit(per_page + 1))]
        after = 0
    if len(page) <= per_page:
        page += [("individual", s) for s in db.session.scalars(
            select(IndividualSignOn).where(IndividualSignOn.letter_id == found.id, IndividualSignOn.id > after)
            .order_by(IndividualSignOn.id).limit(per_page + 1 - len(page)))]
    page, more = page[:per_page], len(page) > per_page
    links = {"self": _self_link(letter_id=found.id)}
    if more:
        last_kind, last = page[-1]
        links["next"] = {"href": url_for("api.outreaches", letter_id=found.id, per_page=per_page,
                                         cursor=serializers.outreach_cursor(last_kind, last.id), _external=True)}
    return jsonify({
        "per_page": per_page,
        "_links": links,
        "_embedded": {"osdi:outreaches": [serializers.outreach(sign_on, kind) for kind, sign_on in page]},
    })
