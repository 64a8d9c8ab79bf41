from charterdesk.incidents.webhooks.models import WebhookEndpoint

URL = "/api/v1/webhooks"


def test_a_manager_manages_webhooks_and_never_reads_the_secret_back(personas, api, hooks):
    client = api.as_(personas.manager)
    created = client.post(
        URL,
        {
            "name": "Pager",
            "url": hooks.url,
            "events": ["incident.created"],
            "secret": "a-secret-of-twenty-chars",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert "secret" not in body and body["events"] == ["incident.created"]
    webhook = f"{URL}/{body['id']}"
    changed = client.patch(
        webhook,
        {"events": ["incident.resolved"], "is_active": False},
        content_type="application/json",
    )
    assert changed.json()["events"] == ["incident.resolved"]
    assert changed.json()["is_active"] is False
    assert WebhookEndpoint.objects.get().secret == "a-secret-of-twenty-chars"
    assert "secret" not in client.get(URL).json()["items"][0]
    ping = client.post(f"{webhook}/ping")
    assert (ping.status_code, ping.json()["response_code"], ping.json()["state"]) == (
        201,
        200,
        "succeeded",
    )
    deliveries = client.get(f"{webhook}/deliveries").json()["items"]
    assert [d["event"] for d in deliveries] == ["ping"]
    assert client.delete(webhook).status_code == 204
    assert client.get(webhook).status_code == 404


def test_bad_input_gets_field_messages(personas, api):
    client = api.as_(personas.manager)
    response = client.post(
        URL,
        {"name": "X", "url": "ftp://x.example", "events": ["incident.created"], "secret": "short"},
        content_type="application/json",
    )
    assert response.status_code in (400, 422)
    text = response.content.decode()
    assert "https://" in text and "16 characters" in text
    response = client.post(
        URL,
        {"name": "X", "url": "https://x.example", "events": ["nope"]},
        content_type="application/json",
    )
    assert response.status_code in (400, 422)


def test_agents_and_customers_cannot_read_webhooks(personas, api):
    assert api.as_(personas.tier1).get(URL).status_code == 403
    assert api.as_(personas.alice).get(URL).status_code == 403


def test_a_delivery_that_gave_up_is_sent_again_by_api(personas, api, hooks):
    client = api.as_(personas.manager)
    webhook = client.post(
        URL,
        {"name": "Pager", "url": hooks.url, "events": ["incident.created"]},
        content_type="application/json",
    ).json()
    hooks.status = 503
    ping = client.post(f"{URL}/{webhook['id']}/ping").json()
    assert (ping["state"], ping["response_code"]) == ("failed", 503)
    resend = client.post(f"{URL}/{webhook['id']}/deliveries/{ping['id']}/resend")
    assert (resend.status_code, resend.json()["state"], resend.json()["max_attempts"]) == (
        200,
        "pending",
        2,
    )
    again = client.post(f"{URL}/{webhook['id']}/deliveries/{ping['id']}/resend")
    assert again.status_code in (400, 422)
    assert client.post(f"{URL}/{webhook['id']}/deliveries/999999/resend").status_code == 404
