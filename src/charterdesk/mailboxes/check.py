"""The settings page's "Test connection": connect, sign in and open the folder once, and
say in words how it went (never a traceback)."""

import contextlib
import imaplib
import socket
import ssl

from .imap import ImapError, open_connection, quoted_folder
from .models import Mailbox

CHECK_SECONDS = 5


def connection_check(
    mailbox: Mailbox, ssl_context: ssl.SSLContext | None = None, timeout: float = CHECK_SECONDS
) -> tuple[bool, str]:
    """(worked, what happened) for one attempt to reach the mailbox's folder."""
    where = f"{mailbox.host}:{mailbox.port}"
    try:
        imap = open_connection(mailbox, ssl_context, timeout=timeout)
    except ssl.SSLCertVerificationError as exc:
        return False, f"The certificate is not valid for this host ({exc.verify_message})."
    except ssl.SSLError as exc:
        return False, f"No encrypted connection with {where}: {exc.reason or exc}."
    except TimeoutError:
        return False, f"No answer from {where} within {timeout:g} s."
    except ConnectionRefusedError:
        return False, f"Nothing answers at {where}: the connection was refused."
    except socket.gaierror:
        return False, f"The server name {mailbox.host} is not known."
    except (OSError, ImapError, imaplib.IMAP4.error) as exc:
        return False, f"Could not connect to {where}: {exc}."
    try:
        return _sign_in_and_count(imap, mailbox)
    except TimeoutError:
        return False, f"{where} stopped answering within {timeout:g} s."
    except (OSError, imaplib.IMAP4.error) as exc:
        return False, f"The server broke off the connection: {exc}."
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            imap.logout()


def _sign_in_and_count(imap: imaplib.IMAP4, mailbox: Mailbox) -> tuple[bool, str]:
    try:
        imap.login(mailbox.username, mailbox.secret())
    except imaplib.IMAP4.error:
        return False, "The server refused the password (or the user name)."
    typ, data = imap.select(quoted_folder(mailbox.folder), readonly=True)
    if typ != "OK":
        return False, f"Signed in, but there is no folder {mailbox.folder}."
    count = int(data[0] or 0) if data and isinstance(data[0], bytes) else 0
    noun = "message" if count == 1 else "messages"
    return True, f"Signed in; {count} {noun} in {mailbox.folder}."
