#!/usr/bin/env python3
"""The plain SQLite probe of S5: rows of 2 KB inserted in transactions of 32 into a WAL database with
synchronous=FULL, one writer, for about 5 s; prints `rows_per_second=…`. Usage: sqlite-probe.py PATH"""
import os
import sqlite3
import sys
import time

path = sys.argv[1]
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(path + suffix):
        os.remove(path + suffix)
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT, recorded_ms INTEGER, json BLOB)")
payload = os.urandom(1024).hex().encode()
rows = 0
start = time.monotonic()
while time.monotonic() - start < 5:
    db.execute("BEGIN")
    for _ in range(32):
        db.execute("INSERT INTO events (id, recorded_ms, json) VALUES (?, ?, ?)", (os.urandom(16).hex(), rows, payload))
        rows += 1
    db.execute("COMMIT")
elapsed = time.monotonic() - start
print(f"rows_per_second={rows / elapsed:.0f} rows={rows} seconds={elapsed:.2f} synchronous={db.execute('PRAGMA synchronous').fetchone()[0]}")
