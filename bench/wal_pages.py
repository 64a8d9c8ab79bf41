"""The pages a ticket creation writes to SQLite's WAL, by table and index (issue #13).

    python bench/wal_pages.py --keep NAME [--creates 50]
    PYTHONPATH=/path/to/other/checkout/src python bench/wal_pages.py --keep NAME

Creations through the API in-process (Django test client, an agent's token naming alice,
as bench/create_inprocess.py and bench/peer do), after a full checkpoint that empties the
WAL and with this connection's auto-checkpoint off, so every frame they write stays in the
WAL. Then reads the WAL file itself (each frame's header names its page), and names each
page's b-tree with the `dbstat` virtual table: frames per creation by table or index.
A page written in several transactions counts once per transaction (each commit appends
it again), which is what the WAL holds and a checkpoint copies back.
"""

import argparse
import json
import os
import struct
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import kept  # noqa: E402

WAL_HEADER, FRAME_HEADER = 32, 24


def wal_frames(path: Path) -> list[int]:
    """The page number of each valid frame of the WAL at `path`, in order."""
    data = path.read_bytes()
    if len(data) < WAL_HEADER:
        return []
    page_size = struct.unpack(">I", data[8:12])[0]
    salts = data[16:24]
    pages, offset = [], WAL_HEADER
    while offset + FRAME_HEADER + page_size <= len(data):
        header = data[offset : offset + FRAME_HEADER]
        if header[8:16] != salts:  # a frame of an earlier generation of the WAL
            break
        pages.append(struct.unpack(">I", header[:4])[0])
        offset += FRAME_HEADER + page_size
    return pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", required=True, help="the kept database (bench/server.py)")
    parser.add_argument("--creates", type=int, default=50)
    args = parser.parse_args()
    with kept("sqlite", args.keep) as env:
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        from charterdesk.accounts.models import ApiToken, User

        settings.ALLOWED_HOSTS = ["*"]
        email = "tier1@charterdesk.example"
        fields = {"subject": "Export fails", "body": "I get an error"}
        fields["requester_email"] = "alice@acme.example"
        body = json.dumps(fields)
        _, token = ApiToken.issue(User.objects.get(email=email))
        client = Client(headers={"Authorization": f"Bearer {token}"})

        def create() -> None:
            response = client.post("/api/v1/tickets", body, content_type="application/json")
            assert response.status_code == 201, response.content

        for _ in range(20):  # warm-up: caches, connections
            create()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy = cursor.fetchone()[0]
        if busy:
            sys.exit("the WAL could not be emptied (another process is using the database)")
        for _ in range(args.creates):
            create()
        wal = Path(str(connection.settings_dict["NAME"]) + "-wal")
        frames = Counter(wal_frames(wal))
        with connection.cursor() as cursor:
            cursor.execute("SELECT pageno, name FROM dbstat")
            names = dict(cursor.fetchall())
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        by_name: Counter[str] = Counter()
        distinct: Counter[str] = Counter()
        for page, count in frames.items():
            name = names.get(page, "(free or new page)")
            by_name[name] += count
            distinct[name] += 1
        total = sum(frames.values())
        print(
            f"{args.creates} creations: {total} WAL frames ({total / args.creates:.1f} per "
            f"creation), {len(frames)} distinct pages"
        )
        print("| b-tree | frames per creation | distinct pages |\n|---|---|---|")
        for name, count in by_name.most_common():
            print(f"| {name} | {count / args.creates:.2f} | {distinct[name]} |")


if __name__ == "__main__":
    main()
