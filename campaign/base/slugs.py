"""Web addresses of actions (petitions, letters): a renamed action's old slugs keep redirecting.

An action model mixes in Renamable and has an `old_slugs` relationship to its slug model; a slug
model mixes in OldSlug: `slug`, and `action_id` and `action` (its foreign key and relationship,
whatever the kind), so one set of queries serves every kind of action.
"""
import re
from datetime import datetime

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship
from wtforms.validators import ValidationError

from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow

PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def new_slug(title, taken, fallback):
    """A free slug made from `title`: lower-case ASCII words joined by hyphens (`fallback` when
    none is left), with -2, -3, … added while `taken(slug)`."""
    words = re.findall(r"[a-z0-9]+", title.lower().encode("ascii", "ignore").decode())
    base = "-".join(words)[:80].strip("-") or fallback
    slug, n = base, 2
    while taken(slug):
        slug = f"{base[:75]}-{n}"
        n += 1
    return slug


def check_slug(field, taken, noun):
    """A form's slug check: lower-cased, letters, digits and single hyphens, and not `taken(slug)`
    (another action's current or old slug). Empty is left alone: the slug is then made."""
    if not field.data:
        return
    field.data = field.data.lower()
    if not PATTERN.match(field.data):
        raise ValidationError(_("Use lower-case letters, digits and single hyphens only."))
    if taken(field.data):
        raise ValidationError(_("Another %(noun)s has (or had) this web address. Choose another.", noun=noun))


class OldSlug:
    """A slug an action had before; requests for it redirect to the current one. A model mixing it
    in names its table and its action's model (ACTION, e.g. "Petition", whose table is "petitions"):
    its foreign key, the column `petition_id`, is `action_id`, and the action `action`, whatever the
    kind (the action's `old_slugs` relationship goes back to `action`)."""

    ACTION = ""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @declared_attr
    def action_id(cls) -> Mapped[int]:
        noun = cls.ACTION.lower()
        return mapped_column(f"{noun}_id", ForeignKey(f"{noun}s.id", ondelete="CASCADE"), index=True)

    @declared_attr
    def action(cls):
        return relationship(cls.ACTION, back_populates="old_slugs")


class Renamable:
    """An action whose slug may change; its old slugs are kept so that links keep working."""

    def rename(self, new_slug):
        """Change the slug; the old one keeps redirecting (and a slug taken back is no longer old)."""
        if new_slug == self.slug:
            return
        slug_model = type(self).old_slugs.property.mapper.class_
        self.old_slugs.append(slug_model(slug=self.slug))
        for old in list(self.old_slugs):
            if old.slug == new_slug:
                self.old_slugs.remove(old)
        self.slug = new_slug


def by_slug(model, slug_model, slug):
    """(action, None) for a current slug, (action, current slug) for an old one, or (None, None)."""
    action = db.session.scalar(select(model).where(model.slug == slug))
    if action is not None:
        return action, None
    old = db.session.scalar(select(slug_model).where(slug_model.slug == slug))
    if old is not None:
        return old.action, old.action.slug
    return None, None


def public(found):
    """The action of a public page, from `by_slug`'s (action, current slug): 404 for none or a
    draft; an old slug redirects to the same page at the current one (`moved_to`)."""
    action, current_slug = found
    if action is None or not action.is_public:
        abort(404)
    if current_slug is not None:
        moved_to(current_slug)
    return action


def moved_to(current_slug):
    """End this request with a redirect to the same page at the action's current slug, its query
    kept: 301, or 307 for a POST (a sign form's, which the browser then sends again there)."""
    target = url_for(request.endpoint, **{**request.args, **request.view_args, "slug": current_slug})
    abort(redirect(target, code=301 if request.method in ("GET", "HEAD") else 307))


def slug_taken(model, slug_model, slug, action_id=None):
    """Whether `slug` is, or was, another action's slug."""
    current = db.session.scalar(select(model.id).where(model.slug == slug))
    if current is not None and current != action_id:
        return True
    old = db.session.scalar(select(slug_model.action_id).where(slug_model.slug == slug))
    return old is not None and old != action_id
