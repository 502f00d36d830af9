# convqa — every command a developer or CI needs. `make help` lists them.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
GO    ?= go
STACK := stack/stack.sh
# Where test and demo runs keep their logs and scratch files (git-ignored).
WORK  := .stack

.DEFAULT_GOAL := help
.PHONY: help build test test-unit demo stack-up stack-down stack-status fuzz vet chdb-deps

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
	pass=$$(grep -c -- '--- PASS' $(WORK)/logs/test.log); \
	fail=$$(grep -c -- '--- FAIL' $(WORK)/logs/test.log); \
	skip=$$(grep -c -- '--- SKIP' $(WORK)/logs/test.log); \
	echo "tests: $$pass passed, $$fail failed, $$skip skipped"; \
	exit $$rc

test-unit: ## Fast tests only: no stack needed (integration tests skip unless CI=true)
	$(GO) test -race -count=1 ./...

fuzz: ## Run every fuzz target for FUZZTIME each (default 30s)
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f"; $(GO) test -run=NONE -fuzz="^$$f$$" -fuzztime=$${FUZZTIME:-30s} $$pkg; \
	  done; \
	done

demo: build stack-up ## The main job on embedded defaults (today: schema, generated traffic into Kafka; see README)
	@eval "$$($(STACK) env)"; export CONVQA_CLICKHOUSE_ADDR CONVQA_KAFKA_BROKERS; \
	mkdir -p $(WORK)/demo; \
	echo "== convqa migrate (ClickHouse 18.16 of the local stack)"; \
	bin/convqa migrate; \
	echo "== convqa gen: a week of zh-Hans/zh-Hant/English traffic, a 618 promotion day, a shelf-life spike"; \
	bin/convqa gen --out-dir $(WORK)/demo; \
	echo "== convqa produce: into the local Kafka topic convqa.transcripts"; \
	bin/convqa produce --input $(WORK)/demo/transcripts.jsonl --progress 2s; \
	echo "== what was generated ($(WORK)/demo/truth.jsonl, spikes.json)"; \
	python3 -c 'import json,collections,sys; \
	t=[json.loads(l) for l in open(sys.argv[1])]; \
	c=lambda k: ", ".join("%s %d" % kv for kv in collections.Counter(x[k] for x in t).most_common()); \
	print("conversations:", len(t)); print("languages:", c("language")); print("channels:", c("channel")); print("intents:", c("intent")); \
	s=json.load(open(sys.argv[2])); \
	[print("injected spike: %s on %s, %s to %s, x%g: share %.3f vs baseline %.3f" % (p["topic"], p["sku"], p["start"], p["end"], p["multiplier"], p["spike_share"], p["baseline_share"])) for p in s["spikes"]]' \
	  $(WORK)/demo/truth.jsonl $(WORK)/demo/spikes.json; \
	echo; echo "Not yet: ingest into ClickHouse, scores, spike detection and the Slack alert arrive with the next issues."
