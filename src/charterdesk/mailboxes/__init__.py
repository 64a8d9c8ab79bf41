"""Mail transports: IMAP mailboxes polled by the scheduler and the SMTP gateway."""
