"""Embeds: a petition's counter and sign form, framed by partners on their own sites."""
