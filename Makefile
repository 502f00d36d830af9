# convqa — every command a developer or CI needs. `make help` lists them.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
GO    ?= go
STACK := stack/stack.sh
# Where test and demo runs keep their logs and scratch files (git-ignored).
WORK  := .stack

.DEFAULT_GOAL := help
.PHONY: help build bench bench-ingest bench-sentiment bench-scoring eval-sentiment eval-rules test test-summary test-unit demo stack-up stack-down stack-status fuzz vet chdb-deps eval-redaction chaos-ingest chaos-ingest-ci

help: ## List the targets
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

build: ## Build bin/convqa
	$(GO) build -o bin/convqa ./cmd/convqa

stack-up: ## Start the local ClickHouse 18.16 and Kafka (installs them if missing)
	$(STACK) up

stack-down: ## Stop the local stack
	$(STACK) down

stack-status: ## Show the local stack's services
	$(STACK) status

vet: ## go vet and gofmt
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }

# chdb (the current ClickHouse engine, in-process) checks every migration on a
# current server too; installed once, remembered by a stamp file.
CHDB_STAMP := $(WORK)/chdb-$(shell cksum < sql/requirements-chdb.txt | cut -d' ' -f1).stamp
chdb-deps: $(CHDB_STAMP) ## Install chdb from PyPI for the migration check
$(CHDB_STAMP): sql/requirements-chdb.txt
	@mkdir -p $(WORK)
	python3 -m pip install --quiet --disable-pip-version-check -r sql/requirements-chdb.txt
	@touch $@

test: stack-up chdb-deps ## Every test, unit and integration, with -race, against the real stack
	@mkdir -p $(WORK)/logs
	@eval "$$($(STACK) env)"; set +e; \
	echo "go test -race -count=1 ./... (full log: $(WORK)/logs/test.log)"; \
	$(GO) test -race -count=1 -v ./... 2>&1 | tee $(WORK)/logs/test.log | grep --line-buffered -E '^(ok|FAIL|panic|--- FAIL)'; \
	rc=$${PIPESTATUS[0]}; \
	if [ $$rc -ne 0 ]; then echo "== failures:"; grep -E -- '--- FAIL|^\s+[A-Za-z0-9_]+_test\.go:[0-9]+: |^panic' $(WORK)/logs/test.log | head -200; fi; \
	$(MAKE) --no-print-directory test-summary; \
	exit $$rc

test-summary: ## The counts of the last make test
	@echo "tests: $$(grep -c -- '--- PASS' $(WORK)/logs/test.log) passed, $$(grep -c -- '--- FAIL' $(WORK)/logs/test.log) failed, $$(grep -c -- '--- SKIP' $(WORK)/logs/test.log) skipped"

test-unit: ## Fast tests only: no stack needed (integration tests skip unless CI=true)
	$(GO) test -race -count=1 ./...

fuzz: ## Run every fuzz target for FUZZTIME each (default 30s)
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f"; $(GO) test -run=NONE -fuzz="^$$f$$" -fuzztime=$${FUZZTIME:-30s} $$pkg; \
	  done; \
	done

eval-redaction: ## PII redaction precision/recall per type on generated text and hard cases
	$(GO) run ./cmd/convqa-eval redaction --conversations 20000 --seed 7 --min 0.99

SCORE_CONVERSATIONS ?= 20000
BENCH_RUNS ?= 3

bench: bench-ingest bench-sentiment bench-scoring ## Every benchmark, one after another (each on the real stack)

bench-ingest: build stack-up ## convqa ingest vs ClickHouse's Kafka engine on the stack (BENCH_RUNS=3, BENCH_FLAGS=...)
	$(GO) build -o bin/convqa-bench ./cmd/convqa-bench
	@eval "$$($(STACK) env)"; export CONVQA_CLICKHOUSE_ADDR CONVQA_KAFKA_BROKERS; \
	bin/convqa-bench ingest --convqa-bin bin/convqa --runs $(BENCH_RUNS) $(BENCH_FLAGS)

# The chaos test of ingest (ingest/chaos): two `convqa ingest` processes in one
# group, SIGKILLs at seeded random moments, a ClickHouse and a Kafka restart
# while data flows, then exact checks of the tables and the DLQ. It restarts
# the stack's servers, so it never runs inside `make test` (other packages'
# tests would fail meanwhile). SEED=n repeats a run's data and schedule;
# CHAOS_FLAGS adds flags (--keep keeps the topics and database; --help lists all).
SEED  ?= 1
CHAOS := bin/convqa-chaos --convqa bin/convqa --stack $(STACK) --work-dir $(WORK)/logs/chaos --seed $(SEED)

chaos-ingest: build stack-up ## Chaos test of ingest: 200k utterances, 10 SIGKILLs, ClickHouse and Kafka restarts (~4 min)
	$(GO) build -o bin/convqa-chaos ./cmd/convqa-chaos
	@eval "$$($(STACK) env)"; $(CHAOS) $(CHAOS_FLAGS)

chaos-ingest-ci: build stack-up ## The short chaos test CI runs: 50k utterances, 4 SIGKILLs, both restarts (~2 min)
	$(GO) build -o bin/convqa-chaos ./cmd/convqa-chaos
	@eval "$$($(STACK) env)"; $(CHAOS) --utterances 50000 --kills 4 --produce-for 60s $(CHAOS_FLAGS)

eval-sentiment: ## Sentiment accuracy/macro-F1 vs SnowNLP and VADER on ../shared/data; emotion/escalation P/R vs generated truth
	$(GO) run ./cmd/convqa-eval sentiment --python "$$(scoring/sentiment/peers/setup.sh $(WORK)/venv-eval)"

eval-rules: ## Compliance rule pack: precision/recall per rule vs generated truth (raw and redacted text), tempting cases flagged
	$(GO) run ./cmd/convqa-eval rules --conversations 20000 --seed 7 --min 0.95

bench-sentiment: ## Sentiment + emotion MB/s per core and peak RSS; SnowNLP's and VADER's rate on the same texts
	$(GO) test -run NONE -bench . -benchmem ./scoring/sentiment/
	$(GO) run ./cmd/convqa-eval sentiment bench --python "$$(scoring/sentiment/peers/setup.sh $(WORK)/venv-eval)"

bench-scoring: stack-up ## The full scorer: MB/s and conversations/s per core, stage shares, peak RSS; scoring vs ingest on the stack (SCORE_CONVERSATIONS=20000)
	$(GO) build -o bin/convqa-bench ./cmd/convqa-bench
	@eval "$$($(STACK) env)"; export CONVQA_CLICKHOUSE_ADDR CONVQA_KAFKA_BROKERS; \
	bin/convqa-bench scoring --conversations $(SCORE_CONVERSATIONS)

demo: build stack-up ## The main job on embedded defaults: generated traffic through an in-process broker and real ingest into the local ClickHouse
	@eval "$$($(STACK) env)"; export CONVQA_CLICKHOUSE_ADDR; bin/convqa demo --log-level warn
