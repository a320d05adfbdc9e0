"""Schemathesis against the live OpenAPI schema (``make api-schema``; ``make ci`` runs it).

    python scripts/api_schema_check.py [--port 8551] [--examples 12]

Starts the production configuration (gunicorn, DEBUG off) on a fresh seeded SQLite database,
then runs schemathesis over every operation of ``/api/v1/openapi.json`` with positive and
negative generated data (bounded examples, deterministic, so a run takes the same time):

* ``not_a_server_error`` — no 500, ever;
* the response checks — status code, content type, headers and body conform to the schema.

Two checks are left out, because the link format is deliberately more lenient than a JSON schema
can say (DESIGN.md "Link format"): ``positive_data_acceptance`` (the custom mix must total
100 %, offer terms come in pairs — cross-field rules a schema cannot state) and
``negative_data_rejection`` (merchants type ``3万``, ``30,000`` and full-width digits, and an empty
field takes its default: the readers accept what the schema's plain form does not).
Exit status: schemathesis's.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.prodserver import app_server, prepared_env  # noqa: E402

CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_headers_conformance,response_schema_conformance"
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8551)
    parser.add_argument("--examples", type=int, default=12)
    args = parser.parse_args()
    with prepared_env(db="sqlite", name="poscompare_schemathesis") as env:
        env.update(DJANGO_API_RATE="1000000/m", DJANGO_API_COMPUTE_RATE="1000000/m")
        with app_server(env, port=args.port) as server:
            command = [
                str(Path(sys.executable).with_name("schemathesis")),
                "run",
                f"{server.url}/api/v1/openapi.json",
                "--url",
                server.url,
                "--checks",
                CHECKS,
                "--max-examples",
                str(args.examples),
                "--generation-deterministic",
                "--workers",
                "2",
            ]
            return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
