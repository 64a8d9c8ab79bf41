"""The demo help center's text: (category, section, title, body in Markdown)."""

GETTING_STARTED = "Getting started"
BILLING = "Billing and invoices"
SSO = "Single sign-on and security"
INTEGRATIONS = "Integrations and API"
TROUBLE = "Troubleshooting"
USERS = "Users and permissions"

CATEGORIES = [
    (GETTING_STARTED, "First steps with your workspace, projects and data."),
    (BILLING, "Invoices, payment methods, plans and taxes."),
    (SSO, "SAML and OIDC sign-in, two-factor authentication, audit logs."),
    (INTEGRATIONS, "The REST API, webhooks, exports and third-party tools."),
    (TROUBLE, "Error messages, slow pages, failed syncs and what to do about them."),
    (USERS, "Inviting people, roles, teams and leaving members."),
]

ARTICLES = [
    (GETTING_STARTED, "Basics", "Create your first project",
     "A project holds your orders, customers and reports.\n\n"
     "1. Open **Projects** in the left menu and choose **New project**.\n"
     "2. Give it a name your team recognises, e.g. *EU web shop*.\n"
     "3. Pick the region where its data is stored (EU, US or APAC). "
     "The region cannot be changed later.\n\n"
     "Once created, invite your colleagues from **Settings → Members**."),
    (GETTING_STARTED, "Basics", "Import customers from a CSV file",
     "Go to **Customers → Import** and upload a CSV file encoded as UTF-8.\n\n"
     "The first line must name the columns. Required: `email`. Optional: `name`, `company`, "
     "`country`, `tags` (separated by `;`).\n\n"
     "| Column | Example |\n|---|---|\n| email | ana@example.com |\n| tags | vip;newsletter |\n\n"
     "Rows with an address that already exists update that customer. The import report lists "
     "every row it skipped and why."),
    (GETTING_STARTED, "Basics", "Choose the time zone and currency of a project",
     "Each project has its own time zone (reports cut days in it) and currency.\n\n"
     "Open **Settings → General**. Changing the currency does not convert past orders: "
     "reports show each order in the currency it was paid in."),
    (GETTING_STARTED, "Your data", "Where is my data stored?",
     "Data stays in the region chosen when the project was created: Frankfurt (EU), "
     "Virginia (US) or Singapore (APAC). Backups are kept in the same region for 35 days.\n\n"
     "See **Settings → Data** for the region of each project."),
    (GETTING_STARTED, "Your data", "Export all data of a project",
     "Owners can export everything from **Settings → Data → Export**. You receive a mail with "
     "a download link (valid 7 days) to a ZIP of CSV files, one per table.\n\n"
     "Large projects take up to an hour to export."),
    (BILLING, "Invoices", "Download invoices as PDF",
     "Open **Billing → Invoices**, filter by period, select the invoices and choose "
     "**Download → PDF**. Several invoices arrive as one ZIP file with a PDF per invoice.\n\n"
     "Your accountant can also receive every invoice by mail: add their address under "
     "**Billing → Invoice recipients**."),
    (BILLING, "Invoices", "Add your VAT number to invoices",
     "Enter the VAT number under **Billing → Company details**. It appears on every invoice "
     "issued afterwards; past invoices are not changed.\n\n"
     "For EU companies with a valid VAT number we apply the reverse charge."),
    (BILLING, "Invoices", "Why was I charged twice this month?",
     "Usually one charge is the monthly plan and the other the usage above the plan's "
     "allowance (extra API calls or storage), billed on the 1st.\n\n"
     "Compare both lines on **Billing → Invoices**. If two charges are for the same invoice "
     "number, send us a request: we refund duplicates within 5 business days."),
    (BILLING, "Payment", "Change the credit card used for payments",
     "Open **Billing → Payment method** and choose **Replace card**. The new card is charged "
     "from the next invoice on. Cards are stored by our payment provider; we never see the "
     "full number."),
    (BILLING, "Payment", "Pay by bank transfer instead of card",
     "Annual plans can be paid by bank transfer. Switch under **Billing → Payment method → "
     "Invoice**; the invoice shows our bank details and a reference to quote.\n\n"
     "Payment is due within 30 days."),
    (BILLING, "Plans", "Upgrade or downgrade your plan",
     "Change plans under **Billing → Plan**. An upgrade applies at once and is charged pro "
     "rata; a downgrade applies at the end of the current period.\n\n"
     "If you use more seats than the smaller plan allows, remove members first."),
    (SSO, "SAML", "Set up SAML single sign-on",
     "You need the *Owner* role and your identity provider's metadata URL.\n\n"
     "1. Open **Settings → Security → Single sign-on** and choose **SAML**.\n"
     "2. Paste the metadata URL, or upload the metadata XML.\n"
     "3. In your identity provider, set the ACS URL and entity ID shown on the page.\n"
     "4. Test with **Try sign-in** before you enforce SSO for everyone.\n\n"
     "Keep one owner account that can sign in with a password, in case the provider is down."),
    (SSO, "SAML", "Rotate the SAML signing certificate before it expires",
     "Identity providers sign their answers with a certificate that expires, often after one "
     "to three years. When it expires, sign-in through SSO fails with *Invalid signature*.\n\n"
     "1. Create the new certificate in your identity provider (keep the old one active).\n"
     "2. In **Settings → Security → Single sign-on**, choose **Add certificate** and paste "
     "the new one. Both certificates are accepted during the change.\n"
     "3. Switch the identity provider to the new certificate.\n"
     "4. Remove the old certificate here.\n\n"
     "We mail owners 30 and 7 days before a certificate expires."),
    (SSO, "SAML", "SSO sign-in loops back to the sign-in page",
     "A loop usually means the browser blocks the session cookie after the identity provider "
     "sends the user back.\n\n"
     "- Check that the ACS URL in your identity provider uses `https://`.\n"
     "- Allow third-party cookies for our domain if your browser policy blocks them.\n"
     "- Make sure the clocks of your identity provider are right: answers older than 5 "
     "minutes are refused."),
    (SSO, "Two-factor", "Turn on two-factor authentication",
     "Open **Account → Security** and choose **Turn on**. Scan the QR code with an "
     "authenticator app and type the 6-digit code.\n\n"
     "Save the recovery codes: each works once if you lose your phone."),
    (SSO, "Two-factor", "Lost your phone? Sign in with a recovery code",
     "On the second step of sign-in choose **Use a recovery code** and type one of the codes "
     "you saved. Then set up two-factor authentication again with your new phone.\n\n"
     "Without recovery codes, an owner of your organization can reset it for you."),
    (SSO, "Audit", "Read the audit log",
     "Owners find every sign-in, permission change and export under **Settings → Audit log**. "
     "Filter by person or action; export as CSV. Entries are kept 400 days."),
    (INTEGRATIONS, "API", "Create an API key",
     "API keys belong to a person and carry their permissions. Create one under **Account → "
     "API keys**, give it a name and an expiry date, and copy it: it is shown once.\n\n"
     "Send it as `Authorization: Bearer <key>`."),
    (INTEGRATIONS, "API", "API rate limits",
     "Each key may make 600 requests a minute. Above that the API answers `429 Too Many "
     "Requests` with a `Retry-After` header saying how many seconds to wait.\n\n"
     "Bulk endpoints accept up to 500 records per request: use them for imports."),
    (INTEGRATIONS, "API", "Paginate through API results",
     "List endpoints return at most 100 items and a `next` link. Follow `next` until it is "
     "`null`; do not build page numbers yourself, the cursor stays stable while data changes."),
    (INTEGRATIONS, "Webhooks", "Receive webhooks",
     "Add an endpoint under **Settings → Webhooks** and choose the events. We send a `POST` "
     "with a JSON body and an `X-Signature` header: an HMAC-SHA256 of the body with your "
     "endpoint's secret.\n\n```python\nimport hmac, hashlib\n"
     "expected = hmac.new(secret, body, hashlib.sha256).hexdigest()\n```"),
    (INTEGRATIONS, "Webhooks", "Webhook retries and failures",
     "A delivery that does not answer `2xx` within 10 seconds is retried 8 times over 24 "
     "hours, waiting longer each time. After that the endpoint is paused and owners are told "
     "by mail. Resume it under **Settings → Webhooks**."),
    (INTEGRATIONS, "Tools", "Connect to Slack",
     "Choose **Settings → Integrations → Slack → Connect**, sign in to Slack and pick a "
     "channel. Alerts for failed syncs and new large orders are posted there."),
    (TROUBLE, "Errors", "Uploads larger than 50 MB fail",
     "Single uploads are limited to 50 MB. For larger files use the resumable upload in the "
     "desktop app or split the file.\n\nIf a smaller file fails, check that a proxy of your "
     "network does not limit the size of requests."),
    (TROUBLE, "Errors", "Error 502 Bad Gateway when opening reports",
     "Reports over very long periods can take longer than the gateway waits. Narrow the "
     "period to a quarter, or schedule the report to arrive by mail.\n\n"
     "If short reports fail too, check the status page for an ongoing incident."),
    (TROUBLE, "Sync", "The nightly sync stopped",
     "The nightly sync needs a valid connection to your shop system. Open **Settings → "
     "Connections**: a red dot shows a connection whose password or token expired.\n\n"
     "Reconnect, then choose **Sync now**. The history under **Sync → Runs** shows the error "
     "of each failed run."),
    (TROUBLE, "Sync", "Orders are missing after a sync",
     "Orders appear after payment is confirmed. Orders still pending at your payment "
     "provider are imported by the next sync.\n\nCheck **Sync → Skipped** for orders that "
     "were refused (e.g. an unknown currency)."),
    (TROUBLE, "Mail", "Password reset mail arrives late or not at all",
     "Reset mails are sent within a minute. Check the spam folder, and ask your IT to allow "
     "mail from our sending domain.\n\nA reset link is valid for one hour; request a new one "
     "if it expired."),
    (USERS, "Members", "Invite colleagues",
     "Owners and admins invite people under **Settings → Members → Invite**. The invitation "
     "is valid for 7 days. Choose the role on the invitation; you can change it later."),
    (USERS, "Members", "Remove a member who left",
     "Open **Settings → Members**, choose the person and **Remove**. Their API keys stop "
     "working at once; what they created stays."),
    (USERS, "Roles", "What each role may do",
     "| Role | May |\n|---|---|\n| Owner | everything, billing, security |\n"
     "| Admin | members, settings, all data |\n| Member | projects they are added to |\n"
     "| Viewer | read only |"),
]  # fmt: skip

INTERNAL = (
    TROUBLE,
    "Errors",
    "Support playbook: extend a customer's trial",
    "For support staff only.\n\n1. Check the organization has no unpaid invoice.\n"
    "2. In the admin console, open the organization and set **Trial ends** at most 14 days "
    "later.\n3. Note the extension on the ticket with the reason.\n\n"
    "Team leads approve a second extension.",
)
PARTNERS = (
    INTEGRATIONS,
    "API",
    "Partner guide: provision customer projects through the API",
    "Partners create projects for their customers with `POST /v2/projects` and the "
    "`partner` scope. Set `billing_owner` to the customer's organization so invoices go to "
    "them, not to you.",
)
GOLD_ONLY = (
    SSO,
    "Audit",
    "Stream the audit log to your SIEM (Gold)",
    "Gold plans can stream audit events to Splunk, Datadog or any syslog endpoint. Configure "
    "the endpoint under **Settings → Audit log → Streaming**; events arrive within a minute.",
)
DRAFT = (
    INTEGRATIONS,
    "Webhooks",
    "Migrate webhooks to signature version 2",
    "Signature version 2 adds a timestamp to the signed text, so old deliveries cannot be "
    "replayed.\n\nTODO: the exact header format once engineering confirms it.",
)
STAGED_CHANGE = (
    "Identity providers sign their answers with a certificate that expires, often after one "
    "to three years. When it expires, sign-in through SSO fails with *Invalid signature*.\n\n"
    "1. Create the new certificate in your identity provider (keep the old one active).\n"
    "2. In **Settings → Security → Single sign-on**, choose **Add certificate** and paste "
    "the new one, or enter the metadata URL so new certificates are picked up by themselves.\n"
    "3. Switch the identity provider to the new certificate.\n"
    "4. Remove the old certificate here.\n\n"
    "We mail owners 60, 30 and 7 days before a certificate expires."
)
GERMAN = (
    "Rechnungen als PDF herunterladen",
    "Öffnen Sie **Abrechnung → Rechnungen**, filtern Sie den Zeitraum, wählen Sie die "
    "Rechnungen aus und klicken Sie auf **Herunterladen → PDF**. Mehrere Rechnungen kommen "
    "als eine ZIP-Datei mit einer PDF-Datei pro Rechnung.",
)
EMPTY_SEARCHES = ["gdpr data processing agreement", "dark mode", "gdpr dpa", "shopify tax",
                  "dark mode"]  # fmt: skip
