"""App-wide web concerns: request hardening, error pages, the home page and the public page cache. Each
package's views.py, *_views.py and commands.py are the web layer too, wherever they are."""
