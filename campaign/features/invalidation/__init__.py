"""Organizers' remedies against abuse that got in: flagged signatures released, bulk invalidation
and its undo, the trending view; and the organizer pages against abuse (the blueprint keeps its
name `security`, so its endpoints and URLs are unchanged)."""
