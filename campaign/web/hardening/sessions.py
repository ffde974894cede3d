"""Flask's signed-cookie sessions, with the signer made once per key rather than twice a request.

Every visitor of a petition page gets a session (it holds the CSRF token of the sign form), so
opening and saving it is on the hottest public path. Flask builds a new itsdangerous serializer
for each; building it once per secret key (and fallbacks) is the same signing, done cheaper.
"""
import threading

from flask.sessions import SecureCookieSessionInterface


class SessionInterface(SecureCookieSessionInterface):
    def __init__(self):
        self._serializers = {}
        self._lock = threading.Lock()

    def get_signing_serializer(self, app):
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        serializer = self._serializers.get(key)
        if serializer is None:
            serializer = super().get_signing_serializer(app)
            with self._lock:
                self._serializers = {key: serializer}  # a changed key replaces the old one
        return serializer


def init_app(app):
    app.session_interface = SessionInterface()
