"""The DNS records a sending domain publishes so that receivers trust its mail: SPF (which servers
may send for it), DKIM (the public key of the signatures) and DMARC (what to do when both fail,
and where to send reports)."""
import ipaddress
from dataclasses import dataclass
from email.utils import parseaddr

from campaign.base.mail import dkim
from campaign.base.urls import base_url_host

# A TXT record holds strings of at most 255 bytes each; longer text is split across several,
# which receivers join again.
TXT_STRING_BYTES = 255
LOCAL_SERVERS = {"localhost", "localhost.localdomain"}


@dataclass
class Record:
    """One TXT record to publish, with a comment saying what it is for."""

    name: str
    text: str
    comment: str

    def zone_line(self):
        """The record as a zone-file line, its text split into strings DNS accepts."""
        strings = " ".join(f'"{part}"' for part in txt_strings(self.text))
        if len(self.text.encode("ascii")) > TXT_STRING_BYTES:
            strings = f"( {strings} )"
        return f"; {self.comment}\n{self.name}. IN TXT {strings}"


def txt_strings(text):
    """`text` cut into the 255-byte strings of one TXT record."""
    data = text.encode("ascii")
    return [data[i:i + TXT_STRING_BYTES].decode("ascii") for i in range(0, len(data), TXT_STRING_BYTES)] or [""]


def sender_domain(config):
    """The domain of the From address (MAIL_DEFAULT_SENDER), which DMARC is about."""
    return parseaddr(config["MAIL_DEFAULT_SENDER"])[1].rpartition("@")[2].lower()


def records(config, key):
    """The SPF, DKIM (when `key` is set up) and DMARC records for the configured domain."""
    domain = sender_domain(config)
    found = [spf(config, domain)]
    if key is not None:
        found.append(Record(dkim.record_name(key), dkim.public_record(key),
                            "DKIM: the public part of DKIM_PRIVATE_KEY_FILE, for the signatures' s= and d="))
    found.append(dmarc(config, domain))
    return found


def spf(config, domain):
    """SPF for the envelope sender's domain: the provider's (SPF_INCLUDE) or MAIL_SERVER's address."""
    bounce_domain = (config.get("MAIL_BOUNCE_ADDRESS") or "").rpartition("@")[2].lower()
    domain = bounce_domain or domain
    comment = f"SPF: the servers that may send mail whose envelope sender is at {domain}"
    includes = [item.strip() for item in (config.get("SPF_INCLUDE") or "").split(",") if item.strip()]
    if includes:
        mechanisms = [f"include:{item}" for item in includes]
    else:
        server = (config.get("MAIL_SERVER") or "").strip().lower()
        address = _ip_address(server)
        if address is not None and not address.is_loopback:
            mechanisms = [_mechanism(server)]
        elif server and address is None and server not in LOCAL_SERVERS:
            mechanisms = [_mechanism(server)]
        else:
            host = base_url_host(config)
            mechanisms = [_mechanism(host)]
            comment += (f" (MAIL_SERVER is this machine, so mail leaves from BASE_URL's host {host}; if that "
                        "name does not lead to this server, as behind a CDN, write ip4:<its address> instead)")
    return Record(domain, f"v=spf1 {' '.join(mechanisms)} ~all", comment)


def _ip_address(host):
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _mechanism(host):
    """The SPF mechanism naming one host: ip4:/ip6: for an address, a: for a name."""
    address = _ip_address(host)
    return f"ip{address.version}:{address}" if address is not None else f"a:{host}"


def dmarc(config, domain):
    """DMARC for the From domain: p=none to start (watch the reports, then tighten it)."""
    reports_to = config.get("DMARC_REPORT_ADDRESS") or f"dmarc-reports@{domain}"
    return Record(f"_dmarc.{domain}", f"v=DMARC1; p=none; rua=mailto:{reports_to}",
                  f"DMARC: report only (p=none) to {reports_to}; once the reports show only your own mail "
                  "passing, raise p to quarantine, then reject")


def alignment_warning(config, key):
    """A sentence when DKIM's d= cannot align with the From domain (DMARC would not count it)."""
    if key is None:
        return None
    domain = sender_domain(config)
    if domain == key.domain or domain.endswith("." + key.domain) or key.domain.endswith("." + domain):
        return None
    return (f"DKIM_DOMAIN {key.domain} and the From address's domain {domain} (MAIL_DEFAULT_SENDER) are "
            "unrelated: DMARC passes on DKIM only when they are the same domain or one is under the other.")
