"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the e-mail tests: plain, STARTTLS (with a
throw-away certificate authority the client is made to trust) or implicit TLS, optionally
with a login, collecting what it receives."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import ipaddress
import ssl
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import update

from app.db.models import DistributorInterface
# the engine's fixtures (the demo database with allotments, the distributor simulator)
from tests.conftest import free_port
from tests.integration.sync.conftest import allotted, linked, sim  # noqa: F401


@pytest.fixture(autouse=True)
def no_smtp_password():
    """The in-memory keyring lives as long as the test process: each test starts without
    any password and leaves none behind (each test's database has its own keys anyway)."""
    from app.services import secrets

    secrets._memory._data.clear()
    yield
    secrets._memory._data.clear()


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: email.message.EmailMessage
    tls: bool
    login: str | None

    @property
    def body(self) -> str:
        return self.message.get_content()


@dataclass
class Server:
    port: int
    controller: object
    received: list[Received] = field(default_factory=list)

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def per_recipient(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.received:
            for to in r.rcpt_tos:
                out[to] = out.get(to, 0) + 1
        return out


class _Collector:
    def __init__(self, server: Server, refuse: set[str]):
        self.server = server
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        tls = server.transport.get_extra_info("ssl_object") is not None
        auth = session.auth_data
        login = auth.login.decode() if auth is not None else None
        self.server.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), msg, tls, login))
        return "250 OK queued"


@pytest.fixture(scope="session")
def certificates(tmp_path_factory) -> dict[str, Path]:
    """A certificate authority and a certificate for 127.0.0.1/localhost signed by it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder = tmp_path_factory.mktemp("certs")
    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Guichet test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=7))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=7))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = {"ca": folder / "ca.pem", "cert": folder / "server.pem", "key": folder / "server.key"}
    paths["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    return paths


@pytest.fixture
def smtp_server(certificates, monkeypatch):
    """`smtp_server(tls="none"|"starttls"|"ssl", require_starttls=False, logins=None, refuse=())`
    starts a server and returns it; the client trusts the test authority."""
    from aiosmtpd.controller import Controller

    monkeypatch.setenv("SSL_CERT_FILE", str(certificates["ca"]))
    started: list[Server] = []

    def start(tls: str = "none", *, require_starttls: bool = False, logins: dict[str, str] | None = None,
              refuse=()) -> Server:
        server = Server(free_port(), None)
        kw: dict = {}
        if tls != "none":
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(certificates["cert"], certificates["key"])
            kw["ssl_context" if tls == "ssl" else "tls_context"] = ctx
        if require_starttls:
            kw["require_starttls"] = True
        if logins is not None:
            from aiosmtpd.smtp import AuthResult, LoginPassword

            def authenticate(server_, session, envelope, mechanism, auth_data):
                ok = isinstance(auth_data, LoginPassword) and \
                    logins.get(auth_data.login.decode()) == auth_data.password.decode()
                if ok:
                    return AuthResult(success=True, auth_data=auth_data)
                return AuthResult(success=False, handled=False)  # answered "535 … invalid"

            kw["authenticator"] = authenticate
            kw["auth_require_tls"] = tls != "none"
        controller = Controller(_Collector(server, set(refuse)), hostname="127.0.0.1", port=server.port, **kw)
        controller.start()
        server.controller = controller
        started.append(server)
        return server

    yield start
    for s in started:
        s.stop()


def set_recipients(db, interface: str, emails: str) -> None:
    with db.write() as s:
        s.execute(update(DistributorInterface).where(DistributorInterface.name_fr == interface)
                  .values(notify_emails=emails))
