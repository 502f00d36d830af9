#!/usr/bin/env python3
"""Run every convqa migration on the current ClickHouse engine (chdb).

CI's server is ClickHouse 18.16 while users run current releases; this
checks the other end. The statements come from the Go migrator itself
(`convqa migrate --print-plan`), so splitting and the convqa:requires /
convqa:else branching are exactly what `convqa migrate` does. Each scenario
runs in a database of its own in one temporary chdb session:

  old      the statements an 18.16 server runs (they must work on new engines too)
  new      the statements a server meeting every convqa:requires runs
  upgrade  the old branch, some data, then what `convqa migrate` runs once
           the server is upgraded (the requirements the old server skipped)

Each scenario ends with a duplicate-safety smoke test: the same
conversation and utterances inserted more than once, read back the
documented ways (FINAL, argMax, the hourly rollup).

Usage:
  python3 -m pip install -r sql/requirements-chdb.txt
  python3 sql/chdb_check.py                 # builds the plan with `go run`
  python3 sql/chdb_check.py --plan plan.json
  go run ./cmd/convqa migrate --print-plan | python3 sql/chdb_check.py --plan -

Exit status: 0 when everything ran, 1 on any failure, 2 on bad usage or a
missing chdb.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

PLAN_FORMAT = "convqa.migrate.plan.v1"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_plan(arg):
    if arg is None:
        out = subprocess.run(
            ["go", "run", "./cmd/convqa", "migrate", "--print-plan"],
            cwd=REPO, check=True, stdout=subprocess.PIPE,
        ).stdout
        plan = json.loads(out)
    elif arg == "-":
        plan = json.load(sys.stdin)
    else:
        with open(arg, encoding="utf-8") as f:
            plan = json.load(f)
    if plan.get("format") != PLAN_FORMAT:
        sys.exit(f"chdb_check: plan format {plan.get('format')!r}, want {PLAN_FORMAT!r}")
    return plan


def version_tuple(s):
    return tuple(int(p) for p in s.split(".") if p.isdigit())


# The smoke test: one conversation delivered three times (twice the same
# open version, then closed) and its two utterances delivered twice.
SMOKE_INSERTS = [
    "INSERT INTO conversations (tenant, conversation_id, channel, status, started_at, customer_hash, version) "
    "VALUES ('acme', 'c-1', 'chat', 'open', '2024-05-01 09:30:00', 'h1', 1)",
    "INSERT INTO conversations (tenant, conversation_id, channel, status, started_at, customer_hash, version) "
    "VALUES ('acme', 'c-1', 'chat', 'open', '2024-05-01 09:30:00', 'h1', 1)",
    "INSERT INTO conversations (tenant, conversation_id, channel, status, started_at, customer_hash, version) "
    "VALUES ('acme', 'c-1', 'chat', 'closed', '2024-05-01 09:30:00', 'h1', 2)",
    "INSERT INTO utterances (tenant, conversation_id, seq, speaker, text, started_at, version) "
    "VALUES ('acme', 'c-1', 0, 'agent', '您好', '2024-05-01 09:30:00', 1), "
    "('acme', 'c-1', 1, 'customer', '保质期是多久？', '2024-05-01 09:30:00', 1)",
    "INSERT INTO utterances (tenant, conversation_id, seq, speaker, text, started_at, version) "
    "VALUES ('acme', 'c-1', 0, 'agent', '您好', '2024-05-01 09:30:00', 1), "
    "('acme', 'c-1', 1, 'customer', '保质期是多久？', '2024-05-01 09:30:00', 1)",
]
SMOKE_READS = [
    ("conversations FINAL", "SELECT count() FROM conversations FINAL WHERE tenant = 'acme'", "1"),
    ("conversations argMax",
     "SELECT argMax(status, version) FROM conversations WHERE tenant = 'acme' GROUP BY conversation_id", "closed"),
    ("utterances FINAL", "SELECT count() FROM utterances FINAL WHERE tenant = 'acme'", "2"),
    ("conversations_hourly",
     "SELECT concat(toString(uniqExactMerge(conversations)), ',', toString(uniqExactIfMerge(closed_conversations)), "
     "',', toString(uniqExactIfMerge(customers))) FROM conversations_hourly WHERE tenant = 'acme'", "1,1,1"),
]


class Checker:
    """Runs statements in one chdb session and counts what passed."""

    def __init__(self, sess):
        self.sess = sess
        self.passed = self.failed = 0

    def result(self, label, err=None):
        if err is None:
            print(f"{label}  OK")
            self.passed += 1
        else:
            print(f"{label}  FAILED: {err}")
            self.failed += 1

    def run_file(self, label, statements):
        for st in statements:
            try:
                self.sess.query(st["sql"])
            except Exception as e:  # chdb raises its own error types
                return self.result(label, f"statement {st['index']} (line {st['line']}, {st['condition']}): {e}")
        self.result(label)

    def use(self, db, bookkeeping, prefix):
        self.sess.query(f"CREATE DATABASE IF NOT EXISTS {db}")
        self.sess.query(f"USE {db}")
        try:
            self.sess.query(bookkeeping)
            self.result(f"{prefix} {'bookkeeping':30}")
        except Exception as e:
            self.result(f"{prefix} {'bookkeeping':30}", e)

    def smoke(self, prefix):
        try:
            for q in SMOKE_INSERTS:
                self.sess.query(q)
        except Exception as e:
            return self.result(f"{prefix} duplicate-safe inserts", e)
        for what, q, want in SMOKE_READS:
            try:
                got = self.sess.query(q, "TSV").bytes().decode().strip()
            except Exception as e:
                self.result(f"{prefix} duplicate-safe read {what}", e)
                continue
            self.result(f"{prefix} duplicate-safe read {what}: {got!r}",
                        None if got == want else f"want {want!r}")


def run_branch(chk, plan, branch):
    """Migrates a fresh database the way a server of the branch's version would."""
    name, version = branch["name"], branch["server_version"]
    prefix = f"{name:7} (as {version:7})"
    chk.use("convqa_" + name, plan["bookkeeping"], prefix)
    for mig in plan["migrations"]:
        run = mig["runs"][name]
        chk.run_file(f"{prefix} {mig['name']:30} branch={run['branch']:5} "
                     f"{len(run['statements'])} run, {run['skipped']} skipped", run["statements"])
    chk.smoke(prefix)


def run_upgrade(chk, plan, old, new):
    """Migrates on the old branch, stores data, then runs what convqa migrate
    runs once the server is upgraded, and checks the data reads the same."""
    prefix = f"{'upgrade':7} ({old['server_version']}->{new['server_version']})"
    chk.use("convqa_upgrade", plan["bookkeeping"], prefix)
    for mig in plan["migrations"]:
        stmts = mig["runs"][old["name"]]["statements"]
        try:
            for st in stmts:
                chk.sess.query(st["sql"])
        except Exception as e:
            return chk.result(f"{prefix} {mig['name']:30} old branch", e)
    chk.smoke(prefix + " before")
    for mig in plan["migrations"]:
        if mig["upgrade"]:
            chk.run_file(f"{prefix} {mig['name']:30} {len(mig['upgrade'])} upgrade statement(s)", mig["upgrade"])
    chk.smoke(prefix + " after")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plan", help="plan JSON from `convqa migrate --print-plan`, or - for stdin "
                                   "(default: run it with `go run`)")
    args = ap.parse_args()
    plan = load_plan(args.plan)

    work = tempfile.mkdtemp(prefix="convqa-chdb-")
    # chdb reads ./config.xml when it starts; a directory of our own keeps a
    # ClickHouse config lying in the caller's directory from being picked up.
    os.chdir(work)
    try:
        import chdb
        from chdb import session
    except ImportError as e:
        print(f"chdb_check: chdb is not installed ({e}); run: python3 -m pip install -r sql/requirements-chdb.txt",
              file=sys.stderr)
        return 2

    sess = session.Session(os.path.join(work, "data"))
    engine = sess.query("SELECT version()", "TSV").bytes().decode().strip()
    print(f"chdb {chdb.__version__}, ClickHouse engine {engine}, data in {work}")
    newest = max(version_tuple(b["server_version"]) for b in plan["branches"])
    if version_tuple(engine) < newest:
        print(f"chdb_check: engine {engine} is older than the new branch's "
              f"{'.'.join(map(str, newest))}: the new branch would not be checked truthfully", file=sys.stderr)
        return 1
    chk = Checker(sess)
    try:
        branches = {b["name"]: b for b in plan["branches"]}
        for branch in plan["branches"]:
            run_branch(chk, plan, branch)
        run_upgrade(chk, plan, branches["old"], branches["new"])
    finally:
        sess.close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"chdb: {chk.passed} passed, {chk.failed} failed")
    return 1 if chk.failed else 0


if __name__ == "__main__":
    sys.exit(main())
