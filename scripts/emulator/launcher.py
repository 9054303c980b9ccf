"""Starts moto in this process on 127.0.0.1, with the project's extensions and seed, for the emulator harness.

Usage: launcher.py --seed SEED.json --ready-file FILE [--port 0]

Binds 127.0.0.1 only (port 0: a free port), seeds what the stacks assume already exists (see seed.py), then
writes the bound port to --ready-file and serves until SIGTERM/SIGINT. Run by scripts/lib/emulator/moto.ts,
which stops it by its pid.
"""
import argparse
import json
import os
import signal
import sys
import threading

# moto reads these at import time: one shared state for every account, no docker for Lambda.
os.environ.setdefault("MOTO_ALLOW_NONEXISTENT_REGION", "false")
os.environ.setdefault("MOTO_DOCKER_NETWORK_MODE", "none")
# The baseline attaches AWS managed policies (AdministratorAccess, AWS_ConfigRole, ...): load moto's copy of them.
os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from werkzeug.serving import make_server  # noqa: E402
from moto.moto_server.werkzeug_app import (  # noqa: E402
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)

import extensions  # noqa: E402
import seed  # noqa: E402


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", required=True)
    parser.add_argument("--ready-file", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--request-log", default=None)
    parser.add_argument("--parent-pid", type=int, default=None, help="stop when this process is gone")
    args = parser.parse_args()

    with open(args.seed, encoding="utf-8") as handle:
        seed_data = json.load(handle)

    # before the first request creates an account's IAM backend
    extensions.moto_patches.load_only_aws_managed_policies(seed_data.get("awsManagedPolicies"))
    moto_app = DomainDispatcherApplication(create_backend_app)
    app = extensions.Extensions(moto_app, request_log=args.request_log)
    server = make_server("127.0.0.1", args.port, app, threaded=True, request_handler=MotoRequestHandler)
    port = server.server_address[1]
    stopped = threading.Event()

    def stop(_signum, _frame):  # noqa: ANN001
        stopped.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    try:
        seed.apply(seed_data, port)  # through the running server: boto3 calls for what has an API
        with open(args.ready_file + ".tmp", "w", encoding="utf-8") as handle:
            handle.write(str(port))
        os.replace(args.ready_file + ".tmp", args.ready_file)
        while not stopped.wait(1):
            if args.parent_pid is not None and not _alive(args.parent_pid):  # the harness died without stopping us
                break
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
