"""A small OpenID Connect provider on loopback, standing in for Microsoft Entra ID in tests.

It serves discovery, an authorisation endpoint that signs the configured user straight in, a token
endpoint that checks the PKCE verifier (S256) against the challenge, and RS256-signed ID tokens.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from typing import Any
from urllib.parse import urlencode

from flask import Flask, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server


class FakeOidc:
    def __init__(self, client_id: str, email: str) -> None:
        self.client_id, self.email = client_id, email
        self.key = RSAKey.generate_key(2048, parameters={"kid": "k1"})
        self.codes: dict[str, dict[str, str]] = {}
        self.seen: list[dict[str, str]] = []  # the authorisation requests, for the test to inspect
        app = Flask("fake-oidc")
        self.server = make_server("127.0.0.1", 0, app)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"

        @app.get("/.well-known/openid-configuration")
        def discovery() -> Any:
            return jsonify(issuer=self.issuer, authorization_endpoint=f"{self.issuer}/authorize",
                           token_endpoint=f"{self.issuer}/token", jwks_uri=f"{self.issuer}/jwks",
                           response_types_supported=["code"], id_token_signing_alg_values_supported=["RS256"],
                           code_challenge_methods_supported=["S256"])

        @app.get("/jwks")
        def jwks() -> Any:
            return jsonify(keys=[self.key.as_dict(private=False)])

        @app.get("/authorize")
        def authorize() -> Any:
            args = request.args.to_dict()
            self.seen.append(args)
            code = secrets.token_urlsafe(16)
            self.codes[code] = args
            return redirect(f"{args['redirect_uri']}?{urlencode({'code': code, 'state': args['state']})}")

        @app.post("/token")
        def token() -> Any:
            form = request.form.to_dict()
            asked = self.codes.pop(form.get("code", ""), None)
            if asked is None:
                return jsonify(error="invalid_grant"), 400
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            if asked.get("code_challenge_method") != "S256" or \
                    base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != asked.get("code_challenge"):
                return jsonify(error="invalid_grant", error_description="PKCE verifier does not match"), 400
            now = int(time.time())
            claims = {"iss": self.issuer, "aud": self.client_id, "sub": "user-1", "email": self.email,
                      "nonce": asked.get("nonce"), "iat": now, "exp": now + 600}
            id_token = jwt.encode({"alg": "RS256", "kid": "k1"}, claims, self.key)
            return jsonify(access_token="at", token_type="Bearer", expires_in=600, id_token=id_token)

        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)
