"""Creating and editing an action (a petition, a letter) from its organizer's form. They flush,
never commit."""
from campaign.base.extensions import db
from campaign.base.slugs import new_slug


def create(model, form, organizer, apply, slug_taken):
    """A new draft `model` from a validated form: `apply(action, form)` writes the form's values,
    and a slug is made from the title (free by `slug_taken(slug)`) when none was typed."""
    action = model(created_by_id=organizer.id)
    action.slug = form.slug.data or new_slug(form.title.data, slug_taken, model.NOUN)
    apply(action, form)
    db.session.add(action)
    db.session.flush()
    return action


def update(action, form, apply):
    """Apply a validated form to `action`; a changed slug keeps redirecting (Renamable)."""
    if form.slug.data:
        action.rename(form.slug.data)
    apply(action, form)
    db.session.flush()
    return action
